"""Hazard H2: no coaching beside a risk. Where a person's words suggest self-harm or violence, the thought
record, the message coach and the diary's saved page show the safety response and nothing else: no thinking
trap or protest card, no rewrite, no praise, nothing saved as a coached record."""

import pytest

from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.diary.services import activation_create

SELF_HARM_MESSAGE = "If you don't answer tonight I'm going to end my life, I mean it."
SELF_HARM_THOUGHT = "I should just end it all."
VIOLENCE_MESSAGE = "You choked me last night and I'm scared to come home."


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>")[0]


def _thought(client, **extra):
    data = {
        "situation": "No reply since lunch",
        "automatic_thought": SELF_HARM_THOUGHT,
        "emotion": "hopeless",
        "intensity_before": "9",
        "trigger": "unavailable",
        "action": "check",
    }
    return client.post("/think/thoughts/new/", {**data, **extra}, follow=True)


@pytest.mark.parametrize("draft", [SELF_HARM_MESSAGE, VIOLENCE_MESSAGE])
def test_it_shows_the_safety_response_and_no_coaching_for_a_draft(alice_client, draft):
    main = _main(alice_client.post("/think/messages/new/", {"draft": draft, "action": "check"}))
    assert "data-risk-block" in main and "data-safety-response" in main
    assert "/help/plan/" in main
    for coaching in ("What the message might do", "Why it tends to backfire", "Say it directly", "no warnings"):
        assert coaching not in main
    assert 'name="final_text"' not in main and 'value="save"' not in main


def test_violence_brings_the_is_it_safe_lesson(alice_client):
    main = _main(alice_client.post("/think/messages/new/", {"draft": VIOLENCE_MESSAGE, "action": "check"}))
    assert "/learn/anxiety-or-not-safe/" in main


def test_it_never_saves_a_coached_message_when_the_message_itself_carries_risk(alice_client):
    response = alice_client.post(
        "/think/messages/new/",
        {"draft": "Can we talk tonight?", "action": "save", "final_text": SELF_HARM_MESSAGE, "outcome": "sent"},
    )
    assert response.status_code == 200 and "data-safety-response" in _main(response)
    assert not MessageDraft.objects.exists()


def test_it_shows_the_safety_response_and_no_traps_for_a_thought(alice_client):
    main = _main(_thought(alice_client))
    assert "data-safety-response" in main and "data-risk-block" in main
    for coaching in ("Thinking traps that might be in it", "Should statements", "Ask yourself", "Reframe"):
        assert coaching not in main
    assert 'value="save"' not in main
    assert SELF_HARM_THOUGHT in main  # nothing lost: the words are there to change


def test_risk_in_a_later_field_also_stops_the_record(alice_client):
    response = _thought(
        alice_client,
        automatic_thought="They're pulling away from me.",
        action="save",
        balanced_thought="Honestly I don't see the point of being alive.",
        intensity_after="8",
    )
    assert "data-safety-response" in _main(response)
    assert not ThoughtRecord.objects.exists()


def test_an_ordinary_thought_is_still_coached(alice_client):
    main = _main(_thought(alice_client, automatic_thought="They will leave me and it will be a disaster."))
    assert "data-safety-response" not in main and "Thinking traps that might be in it" in main


def test_the_diary_saved_page_does_not_praise_beside_a_risk(alice_client, alice):
    activation = activation_create(
        owner=alice, trigger="threat", intensity=9, thought="I want to kill myself, I can't do this any more"
    )
    main = _main(alice_client.get(f"/diary/{activation.pk}/?saved=1"))
    assert "data-safety-response" in main
    assert "You paused instead of reacting" not in main
    assert "Start the urge timer" not in main and "Word the message with help" not in main


def test_the_diary_saved_page_praises_an_ordinary_pause(alice_client, alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=6, thought="He's pulling away")
    main = _main(alice_client.get(f"/diary/{activation.pk}/?saved=1"))
    assert "You paused instead of reacting" in main and "data-safety-response" not in main


def test_a_saved_draft_with_risk_shows_no_ready_to_send_rewrite(alice_client, alice):
    from earnedsecure.coach import services

    message = services.message_draft_create(
        owner=alice, draft=SELF_HARM_MESSAGE, behaviours=[{"name": "threats", "evidence": []}]
    )
    main = _main(alice_client.get(f"/think/messages/{message.pk}/"))
    assert "data-safety-response" in main
    assert "ready to send" not in main and "Threatening" not in main


def test_a_thought_with_risk_gets_the_safety_response_even_with_a_required_box_left_empty(alice_client):
    # Seen in the safety screenshots: "This field is required." instead of the crisis lines.
    main = _main(_thought(alice_client, intensity_before="", emotion="", situation=""))
    assert "data-safety-response" in main and "data-risk-block" in main
    assert "This field is required" not in main
    assert not ThoughtRecord.objects.exists()


def test_a_draft_with_risk_gets_the_safety_response_even_when_it_is_too_long_to_save(alice_client):
    too_long = SELF_HARM_MESSAGE + " " + "x" * 6000
    main = _main(alice_client.post("/think/messages/new/", {"draft": too_long, "action": "check"}))
    assert "data-safety-response" in main and "data-risk-block" in main


def test_an_unsaved_diary_entry_with_risk_still_shows_the_crisis_lines_and_keeps_the_words(alice_client):
    words = "He put his hands around my neck last night and I couldn't breathe."
    response = alice_client.post("/diary/activated/", {"trigger_note": words})  # no trigger, no intensity
    main = _main(response)
    assert response.status_code == 200 and "data-risk-block" in main
    assert "neck last night" in main
