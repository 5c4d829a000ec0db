from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.coach import selectors
from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from tests.coach.helpers import activation, savouring


def test_it_shows_the_last_times_of_the_same_kind_with_what_actually_happened(alice):
    for day in range(1, 13):
        activation(alice, days_ago=day, outcome=f"They were busy at work ({day})", minutes=day * 10)
    activation(alice, days_ago=1, trigger="threat", outcome="Different kind")
    activation(alice, days_ago=2, outcome="")  # no outcome written yet: not evidence either way

    check = selectors.reality_check(user=alice, trigger="unavailable")

    assert check.total == 12
    assert check.shown == 10
    assert [p.outcome for p in check.past_times][:2] == ["They were busy at work (1)", "They were busy at work (2)"]
    assert check.fastest_recovery_minutes == 10 and check.slowest_recovery_minutes == 120
    assert check.average_recovery_minutes == 65


def test_it_offers_savouring_with_the_partner_as_counter_evidence(alice):
    savouring(alice, days_ago=5, what="Old one")
    savouring(alice, days_ago=1, what="A walk by the river")
    savouring(alice, days_ago=2, what="Alone time", with_partner=False)

    check = selectors.reality_check(user=alice, trigger="unavailable")

    assert [s.what_happened for s in check.savouring] == ["A walk by the river", "Old one"]


def test_it_has_nothing_to_check_without_a_trigger(alice):
    activation(alice, outcome="Fine")
    check = selectors.reality_check(user=alice, trigger="")
    assert check.total == 0 and check.past_times == ()


def test_it_hides_other_peoples_data(alice, charlie):
    activation(charlie, outcome="Charlie's secret outcome")
    savouring(charlie, what="Charlie's moment")
    check = selectors.reality_check(user=alice, trigger="unavailable")
    assert check.total == 0 and check.savouring == ()


def test_it_reads_the_reality_check_in_a_fixed_number_of_queries(alice, django_assert_max_num_queries):
    for day in range(1, 40):
        activation(alice, days_ago=day, outcome="Fine in the end")
        savouring(alice, days_ago=day)
    with django_assert_max_num_queries(3):
        check = selectors.reality_check(user=alice, trigger="unavailable")
        _ = [p.outcome for p in check.past_times], [s.what_happened for s in check.savouring]


def _draft(owner, at, reassurance=True):
    return MessageDraft.objects.create(
        owner=owner, draft="Do you still love me?", is_reassurance_request=reassurance, created_at=at
    )


def test_it_counts_reassurance_requests_since_midnight_in_the_persons_zone(alice, charlie):
    # Alice is in London, on summer time (UTC+1): her day starts at 23:00 UTC the evening before.
    now = datetime(2026, 7, 10, 9, 0, tzinfo=UTC)
    _draft(alice, datetime(2026, 7, 9, 22, 30, tzinfo=UTC))  # yesterday for her
    _draft(alice, datetime(2026, 7, 9, 23, 30, tzinfo=UTC))  # 00:30 today for her
    _draft(alice, now - timedelta(hours=1))
    _draft(alice, now - timedelta(hours=1), reassurance=False)
    _draft(charlie, now - timedelta(hours=1))
    with time_machine.travel(now, tick=False):
        assert selectors.reassurance_requests_today(user=alice) == 2


def test_it_averages_only_finished_thought_records(alice):
    from earnedsecure.coach.models import ThoughtRecord

    now = datetime(2026, 7, 10, tzinfo=UTC)
    ThoughtRecord.objects.create(
        owner=alice, automatic_thought="a", intensity_before=8, intensity_after=4, created_at=now
    )
    ThoughtRecord.objects.create(owner=alice, automatic_thought="b", intensity_before=2, created_at=now)
    trend = selectors.thought_record_trend(user=alice)
    assert trend["count"] == 2 and trend["finished"] == 1
    assert trend["average_before"] == 8 and trend["average_after"] == 4


def test_the_think_page_reads_only_the_words_it_lists(alice, alice_client, django_assert_num_queries):
    from earnedsecure.coach import services

    now = datetime.now(UTC)
    for n in range(6):
        record = services.thought_record_create(
            owner=alice, automatic_thought=f"Thought {n}", intensity_before=7, suggested_traps=[]
        )
        record.situation, record.evidence_for, record.intensity_after = "Situation words", "Evidence words", 3
        record.save()
        MessageDraft.objects.create(
            owner=alice,
            draft=f"Draft {n}",
            behaviours=[{"name": "protest", "evidence": "x"}] if n % 2 else [],
            rewrite="Rewrite words",
            final_text="Final words",
            outcome="sent",
            created_at=now - timedelta(minutes=n),
        )
    records = selectors.recent_thought_records(user=alice, limit=5)
    drafts = selectors.recent_message_drafts(user=alice, limit=5)
    assert {"situation", "evidence_for", "balanced_thought", "risk_level"} <= records[0].get_deferred_fields()
    assert {"rewrite", "final_text", "risk_level"} <= drafts[0].get_deferred_fields()
    alice_client.get("/think/")
    # Session, user, consent; records, drafts, the trend, research consent, whether anything was ever suggested:
    # a field the list shows but did not read would cost a query per line.
    with django_assert_num_queries(8):
        html = alice_client.get("/think/").content.decode()
    assert (
        "Thought 5" in html and "7 → 3 out of 10" in html and "Draft 0" in html and "rewritten from a protest" in html
    )
    assert "Situation words" not in html and "Final words" not in html


def test_the_think_page_lines_are_worded_once_in_the_selector(alice, db):
    from django.utils import timezone

    long_thought = "They have not answered all evening and I keep imagining that it means they are leaving me"
    ThoughtRecord.objects.create(
        owner=alice, automatic_thought=long_thought, intensity_before=8, created_at=timezone.now()
    )
    MessageDraft.objects.create(owner=alice, draft="Are you ok?", behaviours=[], created_at=timezone.now())
    [record] = selectors.thought_record_lines(user=alice)
    assert record.words == long_thought[:69] + "\u2026" and len(record.words) == 70
    assert record.meta == "8 out of 10" and record.url == f"/think/thoughts/{ThoughtRecord.objects.get().pk}/"
    [draft] = selectors.message_draft_lines(user=alice)
    assert draft.words == "Are you ok?" and draft.meta == "no decision written down"
    assert draft.day == f"{timezone.localtime(timezone.now()):%-d %b %Y}"
