"""The person's answers to the coach's suggestions (issue 12): one row per thinking trap or protest behaviour
shown, with the score it was shown with and the answer; private like the rest (the name is encrypted), in the
export, gone with the record and with the account; counted across people only for those who agree."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from earnedsecure.accounts.services import account_export, consent_give, consent_withdraw
from earnedsecure.coach import analysis, selectors, services
from earnedsecure.coach.models import MessageDraft, SuggestionAnswer, ThoughtRecord
from earnedsecure.core.access import owned_queryset
from tests.coach.test_message_pages import PROTEST

SHOWN = [
    {"name": "mind_reading", "confidence": 0.81},
    {"name": "labeling", "confidence": 0.55},
    {"name": "catastrophizing", "confidence": 0.4},
]


def _record(owner, **answers):
    return services.thought_record_create(
        owner=owner, automatic_thought="They think I'm boring.", intensity_before=6, suggested_traps=SHOWN, **answers
    )


def _answers(rows):
    return [(a.kind, a.name, a.score, a.answer) for a in rows]


def test_it_stores_each_suggestion_with_the_score_shown_and_the_answer(alice):
    record = _record(alice, confirmed_traps=["mind_reading", "fortune_telling"], rejected_traps=["labeling"])
    assert _answers(record.answers.all()) == [
        ("trap", "mind_reading", 0.81, "fits"),
        ("trap", "labeling", 0.55, "not_this"),
        ("trap", "catastrophizing", 0.4, "unsure"),  # shown, no answer given
        ("trap", "fortune_telling", None, "fits"),  # added by the person: not a suggestion, no score
    ]
    assert record.suggested_traps == SHOWN
    assert record.confirmed_traps == ["mind_reading", "fortune_telling"]
    assert record.rejected_traps == ["labeling"]


def test_it_refuses_a_name_that_is_not_the_apps(alice):
    with pytest.raises(ValueError, match="Unknown trap suggestion: made_up"):
        _record(alice, confirmed_traps=["made_up"])
    with pytest.raises(ValueError, match="Unknown protest suggestion: mind_reading"):
        services.message_draft_create(owner=alice, draft="x", behaviours=[], confirmed_behaviours=["mind_reading"])
    assert not ThoughtRecord.objects.exists() and not SuggestionAnswer.objects.exists()


def test_the_name_is_encrypted_at_rest(alice):
    _record(alice, confirmed_traps=["mind_reading"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, kind, answer FROM coach_suggestionanswer")
        stored = cursor.fetchall()
    assert len(stored) == 3
    assert not any("mind_reading" in name or "labeling" in name for name, _, _ in stored)
    assert {kind for _, kind, _ in stored} == {"trap"}  # the kind and the answer mean nothing without it


def test_the_message_page_asks_whether_each_behaviour_fits_and_keeps_the_answers(alice_client, alice):
    found = analysis.analyze_message(PROTEST)["behaviours"]
    assert found
    html = alice_client.post(
        "/think/messages/new/", {"draft": PROTEST, "action": "check"}, follow=True
    ).content.decode()
    for behaviour in found:
        assert f'name="behaviour_{behaviour["name"]}" value="fits"' in html
    first = found[0]["name"]
    response = alice_client.post(
        "/think/messages/new/",
        {
            "draft": PROTEST,
            "action": "save",
            f"behaviour_{first}": "no",
            # A behaviour the coach did not find is not asked about, whatever the browser sends.
            "behaviour_threats": "fits",
            "final_text": "",
        },
    )
    assert response.status_code == 302
    message = MessageDraft.objects.get()
    assert _answers(message.answers.all()) == [
        ("protest", b["name"], round(b["confidence"], 2), "not_this" if b["name"] == first else "unsure") for b in found
    ]
    html = alice_client.get(response["Location"]).content.decode()
    assert "you said: no, not this" in html


def test_the_api_takes_and_shows_the_answers_to_behaviours(alice_client):
    found = analysis.analyze_message(PROTEST)["behaviours"]
    response = alice_client.post(
        "/api/v1/coach/messages",
        {"draft": PROTEST, "confirmed_behaviours": [found[0]["name"]]},
        content_type="application/json",
    )
    assert response.status_code == 201
    answers = response.json()["answers"]
    assert answers[0] == {"name": found[0]["name"], "score": round(found[0]["confidence"], 2), "answer": "fits"}
    assert [a["name"] for a in answers] == [b["name"] for b in found]
    refused = alice_client.post(
        "/api/v1/coach/messages", {"draft": PROTEST, "rejected_behaviours": ["nope"]}, content_type="application/json"
    )
    assert refused.status_code == 422 and "rejected_behaviours" in refused.json()["fields"]


def test_they_go_with_the_record_and_with_the_account(alice, charlie):
    record = _record(alice, confirmed_traps=["mind_reading"])
    _record(charlie)
    services.thought_record_delete(record=record)
    assert not SuggestionAnswer.objects.filter(owner=alice).exists()
    _record(alice)
    from earnedsecure.accounts.services import account_delete

    account_delete(user=alice)
    assert SuggestionAnswer.objects.count() == 3  # Charlie's


def test_they_are_in_the_export_in_clear_words(alice, charlie):
    _record(alice, confirmed_traps=["mind_reading"])
    _record(charlie, rejected_traps=["labeling"])
    exported = account_export(user=alice)["data"]["coach.suggestionanswer"]
    assert [(row["name"], row["score"], row["answer"]) for row in exported] == [
        ("mind_reading", 0.81, "fits"),
        ("labeling", 0.55, "unsure"),
        ("catastrophizing", 0.4, "unsure"),
    ]


def test_only_the_owner_reaches_them(alice, charlie, charlie_client):
    _record(alice, confirmed_traps=["mind_reading"])
    assert owned_queryset(SuggestionAnswer, charlie).count() == 0
    assert owned_queryset(SuggestionAnswer, alice).count() == 3
    assert charlie_client.get("/api/v1/coach/thoughts").json() == []


# Counting across people, with consent only ----------------------------------------------------------------


def test_only_the_answers_of_people_who_agree_are_counted(alice, bob, charlie):
    _record(alice, confirmed_traps=["mind_reading", "fortune_telling"], rejected_traps=["labeling"])
    _record(bob, rejected_traps=["mind_reading"])
    _record(charlie, confirmed_traps=["mind_reading"])  # never agreed
    consent_give(user=alice, purpose="research")
    consent_give(user=bob, purpose="research")
    consent_give(user=charlie, purpose="research")
    consent_withdraw(user=charlie, purpose="research")  # agreed, then stopped
    counts = selectors.suggestion_answer_counts()
    assert counts["people"] == 2
    assert counts["labels"] == [
        {"kind": "trap", "name": "catastrophizing", "shown": 2, "fits": 0, "not_this": 0, "unsure": 2},
        {"kind": "trap", "name": "labeling", "shown": 2, "fits": 0, "not_this": 1, "unsure": 1},
        {"kind": "trap", "name": "mind_reading", "shown": 2, "fits": 1, "not_this": 1, "unsure": 0},
    ]  # fortune_telling was Alice's own addition, not a suggestion


def test_nobody_is_counted_without_agreeing(alice):
    _record(alice, confirmed_traps=["mind_reading"])
    assert selectors.suggestion_answer_counts() == {"people": 0, "labels": []}


def test_the_command_prints_the_counts_and_no_words(alice):
    record = _record(alice, confirmed_traps=["mind_reading"])
    consent_give(user=alice, purpose="research")
    out = StringIO()
    call_command("suggestion_answers", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["format"] == "earnedsecure-suggestion-answers" and printed["people"] == 1
    assert {row["name"] for row in printed["labels"]} == {"mind_reading", "labeling", "catastrophizing"}
    assert record.automatic_thought not in out.getvalue() and "alice" not in out.getvalue()


def test_someone_brand_new_is_not_asked_to_share_answers_they_have_never_given(alice_client, alice):
    """Issue 13: the research card met a person who had used nothing yet; it waits for the first suggestion."""
    assert "Help the suggestions get better" not in alice_client.get("/think/").content.decode()
    services.thought_record_create(owner=alice, automatic_thought="x", intensity_before=5, suggested_traps=[])
    assert "Help the suggestions get better" not in alice_client.get("/think/").content.decode()  # none suggested
    _record(alice)
    assert "Help the suggestions get better" in alice_client.get("/think/").content.decode()


def test_the_card_stays_for_someone_who_agreed_so_they_can_stop(alice_client, alice):
    consent_give(user=alice, purpose="research")
    assert "Stop counting my answers" in alice_client.get("/think/").content.decode()


def test_the_think_page_asks_and_takes_back_the_agreement(alice_client, alice):
    _record(alice)
    page = alice_client.get("/think/").content.decode()
    assert "Help the suggestions get better (optional)" in page and 'value="yes"' in page
    assert not selectors.counts_my_answers(user=alice)
    response = alice_client.post("/think/counting/", {"agree": "yes"})
    assert response.status_code == 302 and selectors.counts_my_answers(user=alice)
    assert "Stop counting my answers" in alice_client.get("/think/").content.decode()
    alice_client.post("/think/counting/", {"agree": "no"})
    assert not selectors.counts_my_answers(user=alice)
    assert alice_client.get("/think/counting/").status_code == 405
