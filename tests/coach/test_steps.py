"""Post/redirect/get for the coach's first steps (issue 13): the words are posted, kept for the session encrypted
with the person's key, and the answer is a redirect to a page that shows step two; the address holds a token,
never the words. Back or a reload after it, or after saving, never sends anything again."""

import re
from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone

from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.coach.steps import SESSION_KEY

THOUGHT = {
    "situation": "No reply since LUNCHTIME-WORDS",
    "automatic_thought": "They're obviously pulling away from me.",
    "emotion": "scared",
    "intensity_before": "8",
    "trigger": "unavailable",
    "action": "check",
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
DRAFT = {"draft": "You didn't text me all day - you're obviously pulling away! DRAFT-WORDS", "action": "check"}


def _stored_session(client) -> str:
    return Session.objects.get(session_key=client.session.session_key).session_data


def test_step_one_of_a_thought_record_answers_with_a_redirect_to_step_two(alice_client):
    response = alice_client.post("/think/thoughts/new/", THOUGHT)
    assert response.status_code == 302 and response["Location"].startswith("/think/thoughts/new/?step=")
    assert "LUNCHTIME" not in response["Location"] and "pulling" not in response["Location"]
    page = alice_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "Thinking traps that might be in it" in html
    assert "pulling away from me" in html and "LUNCHTIME-WORDS" in html  # carried on for the save
    reload = alice_client.get(response["Location"]).content.decode()
    assert CSRF.sub("", reload) == CSRF.sub("", html)  # a reload shows the same page


def test_step_one_of_the_message_coach_answers_with_a_redirect_to_what_it_finds(alice_client):
    response = alice_client.post("/think/messages/new/", DRAFT)
    assert response.status_code == 302 and response["Location"].startswith("/think/messages/new/?step=")
    assert "DRAFT" not in response["Location"]
    html = alice_client.get(response["Location"]).content.decode()
    assert "What the message might do" in html and "DRAFT-WORDS" in html


def test_the_words_are_kept_encrypted_in_the_session(alice_client):
    alice_client.post("/think/thoughts/new/", THOUGHT)
    alice_client.post("/think/messages/new/", DRAFT)
    stored = _stored_session(alice_client)
    kept = alice_client.session[SESSION_KEY]
    assert len(kept) == 2 and all(step["fields"].startswith("person:") for step in kept.values())
    for words in ("LUNCHTIME-WORDS", "pulling away", "DRAFT-WORDS"):
        assert words not in str(kept) and words not in stored


def test_after_saving_the_step_page_is_closed(alice_client):
    step_two = alice_client.post("/think/thoughts/new/", THOUGHT)["Location"]
    token = step_two.split("step=")[1]
    saved = alice_client.post(
        "/think/thoughts/new/",
        {**THOUGHT, "action": "save", "step": token, "balanced_thought": "They're busy.", "intensity_after": "4"},
    )
    assert saved.status_code == 302 and ThoughtRecord.objects.count() == 1
    back = alice_client.get(step_two, follow=True)  # Back from the saved record
    html = back.content.decode()
    assert back.redirect_chain == [("/think/thoughts/new/", 302)]
    assert "That page has closed" in html and "obviously" not in html
    assert ThoughtRecord.objects.count() == 1

    step_two = alice_client.post("/think/messages/new/", DRAFT)["Location"]
    token = step_two.split("step=")[1]
    alice_client.post("/think/messages/new/", {**DRAFT, "action": "save", "step": token, "final_text": "Hi"})
    assert MessageDraft.objects.count() == 1
    assert "That page has closed" in alice_client.get(step_two, follow=True).content.decode()


def test_a_step_is_kept_for_an_hour(alice_client):
    step_two = alice_client.post("/think/thoughts/new/", THOUGHT)["Location"]
    start = timezone.now()
    for minutes in (25, 50, 59):  # the person stays active: the session's 30 idle minutes do not end it
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert alice_client.get(step_two).status_code == 200
    with time_machine.travel(start + timedelta(minutes=61)):
        assert alice_client.get(step_two)["Location"] == "/think/thoughts/new/"


def test_nobody_else_reaches_the_words(alice_client, charlie_client):
    step_two = alice_client.post("/think/thoughts/new/", THOUGHT)["Location"]
    message = alice_client.post("/think/messages/new/", DRAFT)["Location"]
    for address in (
        step_two,
        message,
        step_two.replace("thoughts", "messages"),
        message.replace("messages", "thoughts"),
    ):
        response = charlie_client.get(address, follow=True)
        html = response.content.decode()
        assert "LUNCHTIME-WORDS" not in html and "DRAFT-WORDS" not in html
    # nor does a token of one kind open the other kind's page for the person themselves
    assert alice_client.get(step_two.replace("thoughts", "messages"))["Location"] == "/think/messages/new/"


def test_changing_what_was_written_is_a_link_back_to_step_one_filled_in(alice_client):
    step_two = alice_client.post("/think/thoughts/new/", THOUGHT)["Location"]
    html = alice_client.get(step_two).content.decode()
    change = f"{step_two}&amp;change=1"
    assert html.count(f'href="{change}"') >= 1 and 'form="thought-edit"' not in html
    page = alice_client.get(change.replace("&amp;", "&")).content.decode()
    assert "Look at this thought" in page and "obviously pulling away from me.</textarea>" in page
    assert re.search(r"<input[^>]*name=\"intensity_before\" value=\"8\"[^>]*checked>", page)
    assert "errorlist" not in page

    message = alice_client.post("/think/messages/new/", DRAFT)["Location"]
    html = alice_client.get(message).content.decode()
    assert f'href="{message}&amp;change=1"' in html and 'form="message-edit"' not in html
    page = alice_client.get(f"{message}&change=1").content.decode()
    assert "DRAFT-WORDS</textarea>" in page and "Check my message" in page


def test_after_signing_in_again_step_two_offers_the_form_to_change_instead_of_a_closed_link(alice_client):
    """A save sent after the session ended comes back (kept form) to a session without the step: the page then
    carries the words in its own form, as before."""
    data = {**THOUGHT, "action": "save", "step": "from-an-ended-session", "intensity_after": "11"}
    html = alice_client.post("/think/thoughts/new/", data).content.decode()
    assert 'form="thought-edit"' in html and "change=1" not in html
