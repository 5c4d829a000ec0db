from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape

from earnedsecure.coach import services
from earnedsecure.coach.models import MessageDraft
from earnedsecure.domain.cycle import PROTEST_BEHAVIOURS

PROTEST = "You didn't text me all day - you're obviously pulling away!"
KIND = "Hope your day went well! Want to get takeaway tonight?"


def _check(client, draft=PROTEST, **extra):
    return client.post("/think/messages/new/", {"draft": draft, "action": "check", **extra}, follow=True)


def test_it_requires_login(client, db):
    for path in ("/think/messages/new/", "/think/messages/1/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_each_protest_behaviour_with_its_words_and_why_it_backfires(alice_client):
    response = _check(alice_client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "What the message might do" in html
    assert "<mark>" in html and "Why it tends to backfire:" in html
    assert "no warnings" not in html


def test_each_protest_card_says_what_the_behaviour_looks_like(alice_client):
    # The card used to read fields that do not exist ("explanation", "description"): this line was always empty.
    response = _check(alice_client)
    behaviours = response.context["behaviours"]
    assert behaviours
    for card in behaviours:
        explanation = PROTEST_BEHAVIOURS.get(card["name"]).explanation
        assert card["explanation"] == explanation
        assert f"<p>{escape(explanation)}</p>" in response.content.decode()


def test_a_plain_kind_message_gets_no_warnings(alice_client):
    html = _check(alice_client, KIND).content.decode()
    assert "This reads as clear and kind — no warnings" in html
    assert "Why it tends to backfire" not in html and "<mark>" not in html


def test_it_prefills_a_direct_rewrite_in_the_reports_shape_with_the_drafts_own_words(alice_client):
    response = _check(alice_client)
    form = response.context["form"]
    for part in ("feeling", "situation", "their_side", "request"):
        assert f'name="{part}"' in str(form[part])
    # The report's example draft says what happened and nothing else: only that blank is filled, in its words.
    assert form.initial["situation"] == "you didn't text me all day"
    assert form.initial["feeling"] == form.initial["their_side"] == form.initial["request"] == ""
    assert form.initial["final_text"] == "I notice I'm feeling this way when you didn't text me all day."
    # The report's phrasings are listed under the blanks, to pick or ignore, never filled in.
    html = response.content.decode()
    assert '<div class="ideas" data-ideas-for="id_situation">' in html
    idea = escape("I don't hear from you for a long time")
    assert f"<li>{idea}</li>" in html


def test_it_never_invents_a_situation_the_draft_did_not_name(alice_client):
    # Issue 12: a draft that never mentioned work came back with "when work keeps you busy".
    form = _check(alice_client, "You never answer me!! whatever").context["form"]
    assert "work" not in form.initial["final_text"] and "busy" not in form.initial["final_text"]
    assert form.initial["situation"] == "you never answer me"


def test_the_copy_button_is_there_for_javascript_to_show(alice_client):
    html = _check(alice_client).content.decode()
    assert '<button type="button" class="button--quiet" data-copy="id_final_text" hidden>' in html
    assert 'id="id_final_text"' in html


def test_a_kind_draft_is_its_own_message(alice_client):
    form = _check(alice_client, KIND).context["form"]
    assert form.initial["final_text"] == KIND and not form.initial["feeling"]


def test_it_builds_the_message_from_the_parts_without_javascript(alice_client):
    response = alice_client.post(
        "/think/messages/new/",
        {
            "draft": PROTEST,
            "action": "compose",
            "feeling": "anxious",
            "situation": "when I don't hear from you",
            "their_side": "I know work is busy",
            "request": "could you text me at lunch",
            "final_text": "old text",
        },
    )
    assert response.context["form"].initial["final_text"] == (
        "I notice I'm feeling anxious when I don't hear from you. I know work is busy. "
        "Would you be willing to text me at lunch?"
    )


def test_it_saves_the_draft_with_the_outcome(alice_client, alice):
    response = alice_client.post(
        "/think/messages/new/",
        {
            "draft": PROTEST,
            "action": "save",
            "feeling": "anxious",
            "request": "text me at lunch",
            "final_text": "I feel anxious. Could you text me at lunch?",
            "outcome": "sent_rewritten",
        },
    )
    message = MessageDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/think/messages/{message.pk}/"
    assert message.owner == alice and message.draft == PROTEST and message.protest
    assert message.final_text.startswith("I feel anxious") and message.outcome == "sent_rewritten"
    html = alice_client.get(response["Location"]).content.decode()
    assert "Could you text me at lunch?" in html


def test_waiting_first_saves_the_draft_and_opens_the_urge_timer(alice_client):
    response = alice_client.post("/think/messages/new/", {"draft": PROTEST, "action": "wait", "final_text": ""})
    assert response.status_code == 302 and response["Location"] == "/diary/tools/urge-surfing/"
    message = MessageDraft.objects.get()
    assert message.waited_first and message.outcome == ""


def test_the_outcome_can_be_recorded_later(alice_client, alice):
    message = services.message_draft_create(owner=alice, draft=KIND, behaviours=[])
    response = alice_client.post(f"/think/messages/{message.pk}/", {"outcome": "not_sent"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.outcome == "not_sent" and message.outcome_recorded_at


def test_bad_input_is_explained_and_nothing_typed_is_lost(alice_client):
    response = alice_client.post(
        "/think/messages/new/", {"draft": PROTEST, "action": "save", "final_text": "Keep me", "outcome": "shouted"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not MessageDraft.objects.exists()
    assert "Keep me" in html and "Select a valid choice" in html
    response = alice_client.post("/think/messages/new/", {"draft": "x" * 5000 + "END", "action": "check"})
    html = response.content.decode()
    assert "This is 5,003 characters; the limit is 5,000." in html
    assert "x" * 5000 + "END" in html and "maxlength" not in html


def test_after_several_reassurance_requests_today_it_suggests_soothing_first(alice_client, alice):
    html = _check(alice_client, "Do you still love me?").content.decode()
    assert "Maybe soothe first" not in html
    for _ in range(3):
        MessageDraft.objects.create(
            owner=alice, draft="Do you still love me?", is_reassurance_request=True, created_at=timezone.now()
        )
    MessageDraft.objects.create(
        owner=alice,
        draft="Old",
        is_reassurance_request=True,
        created_at=timezone.now() - timedelta(days=2),
    )
    html = _check(alice_client, "Do you still love me?").content.decode()
    assert "Maybe soothe first" in html and "/diary/tools/breathing/" in html
    assert "Maybe soothe first" in alice_client.get("/think/messages/new/").content.decode()


def test_it_shows_violence_help_at_the_top_when_a_draft_mentions_being_hurt(alice_client):
    html = _check(alice_client, "You hit me last night and I'm scared to come home.").content.decode()
    assert html.index("data-risk-block") < html.index("Your draft")
    assert "National Domestic Abuse Helpline" in html


def test_an_idiom_is_not_a_risk(alice_client):
    html = _check(alice_client, "I'm dying to see you tonight!").content.decode()
    assert "data-risk-block" not in html


def test_it_hides_other_peoples_data(charlie_client, alice):
    message = services.message_draft_create(owner=alice, draft="Alice's secret draft", behaviours=[])
    assert charlie_client.get(f"/think/messages/{message.pk}/").status_code == 404
    assert charlie_client.post(f"/think/messages/{message.pk}/", {"outcome": "not_sent"}).status_code == 404
    assert charlie_client.post(f"/think/messages/{message.pk}/delete/").status_code == 404
    assert "secret" not in charlie_client.get("/think/").content.decode()
    message.refresh_from_db()
    assert message.outcome == ""


def test_it_deletes_a_draft(alice_client, alice):
    message = services.message_draft_create(owner=alice, draft="x", behaviours=[])
    assert alice_client.post(f"/think/messages/{message.pk}/delete/").status_code == 302
    assert not MessageDraft.objects.exists()


def test_an_empty_draft_is_asked_for_in_plain_words(alice_client):
    html = alice_client.post("/think/messages/new/", {"draft": "  ", "action": "check"}).content.decode()
    assert "Paste or write the message first." in html and "This field is required" not in html
