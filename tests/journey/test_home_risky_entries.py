"""Home: risky words in the diary and the coach count toward "it might help to talk to a professional" (H15).

The level is the one found when each entry was saved, stored encrypted (tests/core/test_risk_level_at_rest.py).
"""

from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.coach import services as coach
from earnedsecure.diary import services as diary

NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)
HELP = "data-professional-help"
URGENT = "I have the pills ready and I am going to take them all tonight."
CONCERN_SELF = "I feel like a burden to everyone."
CONCERN_PARTNER = "He checks my phone every night."
CALM = "He didn't text back and my chest went tight."


def home(client) -> str:
    response = client.get("/home/")
    assert response.status_code == 200
    return response.content.decode()


def activation(user, *, thought: str, days_ago: float = 1):
    return diary.activation_create(
        owner=user,
        trigger="unavailable",
        intensity=6,
        thought=thought,
        occurred_at=NOW - timedelta(days=days_ago),
        now=NOW,
    )


@time_machine.travel(NOW, tick=False)
def test_it_suggests_a_professional_after_one_urgent_diary_entry(alice, alice_client):
    activation(alice, thought=CALM)
    assert HELP not in home(alice_client)
    activation(alice, thought=URGENT, days_ago=13)
    html = home(alice_client)
    assert HELP in html and 'data-reason="risk_words"' in html
    assert "sounded like you may not be safe" in html


@time_machine.travel(NOW, tick=False)
def test_two_concerns_from_the_coach_within_two_weeks_are_a_reason(alice, alice_client):
    coach.thought_record_create(
        owner=alice, automatic_thought=CONCERN_SELF, intensity_before=7, now=NOW - timedelta(days=3)
    )
    assert HELP not in home(alice_client)  # one concern could be a false alarm (hazard log H5)
    coach.message_draft_create(owner=alice, draft=CONCERN_PARTNER, now=NOW - timedelta(days=1))
    html = home(alice_client)
    assert 'data-reason="risk_words"' in html and "2 of the things you wrote in the last two weeks" in html


@time_machine.travel(NOW, tick=False)
def test_risky_entries_older_than_two_weeks_do_not_count(alice, alice_client):
    activation(alice, thought=URGENT, days_ago=15)
    coach.message_draft_create(owner=alice, draft=URGENT, now=NOW - timedelta(days=16))
    assert HELP not in home(alice_client)


@time_machine.travel(NOW, tick=False)
def test_another_persons_risky_entries_never_count(alice, charlie, alice_client, charlie_client):
    activation(charlie, thought=URGENT)
    coach.thought_record_create(owner=charlie, automatic_thought=URGENT, intensity_before=9, now=NOW)
    coach.message_draft_create(owner=charlie, draft=URGENT, now=NOW)
    assert 'data-reason="risk_words"' in home(charlie_client)
    assert HELP not in home(alice_client)


@time_machine.travel(NOW, tick=False)
def test_an_edit_that_takes_the_risk_out_takes_the_reason_away(alice, alice_client):
    entry = activation(alice, thought=URGENT)
    assert entry.risk_level == "urgent"
    assert 'data-reason="risk_words"' in home(alice_client)
    diary.activation_update(activation=entry, thought=CALM, now=NOW)
    assert HELP not in home(alice_client)
    diary.activation_follow_up(activation=entry, outcome=CONCERN_SELF, calm_at=None, now=NOW)
    entry.refresh_from_db()
    assert entry.risk_level == "concern"  # the outcome, written later, is read too


@time_machine.travel(NOW, tick=False)
def test_a_draft_whose_final_text_turns_risky_counts(alice, alice_client):
    message = coach.message_draft_create(owner=alice, draft=CALM, now=NOW)
    assert message.risk_level == "none"
    coach.message_draft_set_outcome(message=message, outcome="not_sent", final_text=URGENT, now=NOW)
    message.refresh_from_db()
    assert message.risk_level == "urgent"
    assert 'data-reason="risk_words"' in home(alice_client)
