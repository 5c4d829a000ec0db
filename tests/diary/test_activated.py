"""The "I'm activated" flow page and what happens after saving."""

import pytest

from earnedsecure.diary.models import Activation
from earnedsecure.diary.services import activation_create

URL = "/diary/activated/"


def test_it_works(alice_client, alice):
    page = alice_client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Breathe first" in html and "data-pacer" in html and 'aria-live="polite"' in html
    response = alice_client.post(
        URL,
        {
            "trigger": "unavailable",
            "intensity": "7",
            "thought": "He's pulling away",
            "urges": ["excessive_contact"],
            "response": "waited",
        },
    )
    activation = Activation.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/diary/{activation.pk}/?saved=1"
    saved = alice_client.get(response["Location"]).content.decode()
    assert "Saved" in saved
    assert f"/diary/tools/urge-surfing/?activation={activation.pk}" in saved
    assert (activation.trigger, activation.intensity, activation.urges) == ("unavailable", 7, ["excessive_contact"])


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_keeps_everything_typed_on_errors(alice_client):
    response = alice_client.post(
        URL, {"trigger": "", "intensity": "12", "thought": "A story I wrote", "response_note": "My draft message"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A story I wrote" in html and "My draft message" in html
    assert 'aria-describedby="id_intensity_error"' in html
    assert 'href="#id_trigger_0"' in html  # the error summary links to the field
    assert not Activation.objects.exists()


def test_the_header_button_reaches_the_flow_in_one_tap(alice_client):
    assert 'href="/diary/activated/"' in alice_client.get("/diary/tools/").content.decode()


def test_editing_a_past_entry_asks_about_then_not_now(alice, alice_client):
    activation = activation_create(owner=alice, trigger="threat", intensity=3)
    html = alice_client.get(f"/diary/{activation.pk}/edit/").content.decode()
    assert "How strong was it then?" in html
    assert "right now" not in html and "Leave empty for now" not in html
    assert "How strong is it right now?" in alice_client.get(URL).content.decode()  # the flow asks about now


def test_it_hides_other_peoples_data(alice, charlie_client):
    activation = activation_create(owner=alice, trigger="threat", intensity=3, thought="private")
    for path in (f"/diary/{activation.pk}/", f"/diary/{activation.pk}/edit/", f"/diary/{activation.pk}/follow-up/"):
        assert charlie_client.get(path).status_code == 404
    assert charlie_client.post(f"/diary/{activation.pk}/edit/", {"trigger": "other", "intensity": 1}).status_code == 404
    activation.refresh_from_db()
    assert activation.trigger == "threat"


@pytest.mark.parametrize(
    ("thought", "shown", "violence_lines"),
    [
        ("I'm dying to see him, this traffic is killing me", False, False),
        ("I want to kill myself, I can't do this any more", True, False),
        ("He hit me last night and I'm scared to go home", True, True),
    ],
)
def test_the_saved_page_shows_the_crisis_block_when_the_words_call_for_it(
    alice_client, alice, thought, shown, violence_lines
):
    activation = activation_create(owner=alice, trigger="threat", intensity=9, thought=thought)
    html = alice_client.get(f"/diary/{activation.pk}/?saved=1").content.decode()
    main = html.split("<main", 1)[1].split("</main>")[0]
    assert ("data-risk-block" in main) is shown
    assert ("0808 2000 247" in main) is violence_lines  # Alice is in the UK: the national domestic abuse line
    if shown:
        assert "116 123" in main  # her own crisis line, right there on the page


def test_the_required_questions_carry_their_message_for_the_step_check(alice_client):
    """diary.js checks a step when the person moves on, with the messages the server gives (said once)."""
    html = alice_client.get(URL).content.decode()
    assert 'data-required="Choose what set it off, or “Something else”." data-field-id="id_trigger"' in html
    assert 'data-required="Choose a number from 0 to 10." data-field-id="id_intensity"' in html
    assert html.count("data-required=") == 2  # the rest may be left empty
    html = alice_client.post(URL, {"thought": "Keep this"}).content.decode()
    assert "Choose what set it off, or “Something else”." in html and "Choose a number from 0 to 10." in html
    assert "This field is required" not in html and "Keep this" in html
