"""The weekly check-in (issue 14, Rituals): each person answers in their own account; a linked partner reads the
answers only when that person chose to show them, with the week and nothing finer; risk gets the crisis response
and nothing else."""

import re
from pathlib import Path

import pytest
from django.utils import timezone

from earnedsecure.domain.together.rituals import CHECK_IN_QUESTIONS
from earnedsecure.partners import services
from earnedsecure.partners.models import CheckIn
from tests.partners.helpers import asks_for_the_password, link, post_as_a_person, without_form_tokens
from tests.personas import PASSWORD, _signed_in_client

URL = "/together/check-in/"
WORDS = {"went_well": "Sunday pancakes", "felt_close": "Walking home in the rain", "need_next": "An early night"}
SELF_HARM = "I should just end it all."
VIOLENCE = "You choked me last night and I'm scared to come home."
# What would tell a partner when the other wrote: a time of day, "ago", presence words.
WHEN = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\bago\b|last (seen|active)|\bonline\b|\bedited\b", re.IGNORECASE)


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_it_works(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    for _, question, _ in CHECK_IN_QUESTIONS:
        assert question in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie, charlie_client):
    link(alice, bob)
    services.check_in_save(owner=alice, answers=WORDS, share=True, now=timezone.now())
    page = charlie_client.get(URL).content.decode()
    assert "pancakes" not in page and "Alice" not in page


def test_answers_are_kept_for_oneself_and_encrypted(alice, alice_client):
    alice_client.post(URL, WORDS)
    row = CheckIn.objects.get(owner=alice)
    assert row.went_well == WORDS["went_well"] and row.shared_with is None
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT went_well FROM partners_checkin")
        assert "pancakes" not in cursor.fetchone()[0]
    assert "pancakes" in alice_client.get(URL).content.decode()


def test_the_partner_reads_them_only_when_shown_and_only_the_week(alice, bob):
    link(alice, bob)
    alice_client, bob_client = _signed_in_client(alice), _signed_in_client(bob)
    alice_client.post(URL, WORDS)  # not ticked: for Alice only
    nothing = _main(bob_client.get(URL))
    assert "pancakes" not in nothing and "Nothing shown to you yet" in nothing

    post_as_a_person(alice_client, URL, {**WORDS, "share": "on"})  # showing asks for the password again
    shown = _main(bob_client.get(URL))
    assert "Sunday pancakes" in shown and "An early night" in shown
    assert "Week of" in shown and not WHEN.search(shown.split("What Alice showed you")[1])

    alice_client.post(URL, WORDS)  # unticked again: gone from Bob's page, exactly as before it was shown
    assert without_form_tokens(_main(bob_client.get(URL))) == without_form_tokens(nothing)


def test_unlinking_keeps_each_their_own_and_shows_nothing_to_a_later_partner(alice, bob, charlie):
    link(alice, bob)
    services.check_in_save(owner=alice, answers=WORDS, share=True, now=timezone.now())
    services.link_end(user=bob)
    assert CheckIn.objects.get(owner=alice).shared_with is None  # still Alice's, shown to nobody
    assert "pancakes" in _signed_in_client(alice).get(URL).content.decode()
    assert "pancakes" not in _signed_in_client(bob).get(URL).content.decode()
    link(alice, charlie)
    assert "pancakes" not in _signed_in_client(charlie).get(URL).content.decode()


def test_a_partner_who_withdrew_consent_shows_nothing(alice, bob):
    from earnedsecure.accounts.models import Consent
    from earnedsecure.accounts.services import consent_withdraw

    link(alice, bob)
    services.check_in_save(owner=alice, answers=WORDS, share=True, now=timezone.now())
    assert "pancakes" in _signed_in_client(bob).get(URL).content.decode()
    consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    assert "pancakes" not in _signed_in_client(bob).get(URL).content.decode()


def test_sharing_needs_a_link(alice, alice_client):
    alice_client.post(URL, {**WORDS, "share": "on"})
    assert CheckIn.objects.get(owner=alice).shared_with is None


@pytest.mark.parametrize("words", [SELF_HARM, VIOLENCE])
def test_risk_gets_the_crisis_response_and_nothing_else(alice, bob, words):
    link(alice, bob)
    alice_client = _signed_in_client(alice)
    response = alice_client.post(URL, {**WORDS, "felt_close": words, "share": "on"})
    main = _main(response)
    assert "data-safety-response" in main and "data-risk-block" in main
    assert "Nothing has been saved, and nobody has been shown it" in main
    assert "What went well between us" not in main  # no check-in beside it
    assert not CheckIn.objects.exists()  # nothing kept, nothing for Bob to read
    # The words come back only to be changed.
    edit = _main(alice_client.post(URL, {**WORDS, "felt_close": words, "action": "edit"}))
    assert "data-safety-response" not in edit and ("scared to come home" in edit or "end it all" in edit)
    assert not CheckIn.objects.exists()


def test_an_empty_check_in_is_not_kept(alice, alice_client):
    response = alice_client.post(URL, {"went_well": "  "})
    assert response.status_code == 200 and "Answer at least one question" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_each_question_has_its_own_encrypted_column():
    from earnedsecure.core.fields import EncryptedTextField

    for key, _, _ in CHECK_IN_QUESTIONS:
        assert isinstance(CheckIn._meta.get_field(key), EncryptedTextField)


def test_an_earlier_week_can_be_taken_back_and_reads_as_never_shown(alice, bob):
    from datetime import timedelta

    link(alice, bob)
    last_week = timezone.now() - timedelta(days=7)
    services.check_in_save(owner=alice, answers=WORDS, share=True, now=last_week)
    bob_client = _signed_in_client(bob)
    assert "pancakes" in bob_client.get(URL).content.decode()
    week = CheckIn.objects.get(owner=alice).week
    alice_page = _signed_in_client(alice).get("/together/check-in/earlier/").content.decode()
    # The earlier weeks' one form for taking weeks back: each week's button sends that week.
    assert 'action="/together/check-in/hide/"' in alice_page
    assert (
        f'<button type="submit" name="week" value="{week.isoformat()}" class="button--quiet">Stop showing this week'
        in alice_page
    )
    bob_client.post("/together/check-in/hide/", {"week": week.isoformat()})  # not Bob's to hide: nothing changes
    assert CheckIn.objects.get(owner=alice).shared_with == bob
    _signed_in_client(alice).post("/together/check-in/hide/", {"week": week.isoformat()})
    assert "pancakes" not in bob_client.get(URL).content.decode()
    assert CheckIn.objects.get(owner=alice).went_well == WORDS["went_well"]  # still Alice's own


def test_the_safety_check_lists_the_weeks_shown_and_the_pattern_choice(alice, bob):
    link(alice, bob)
    alice_client = _signed_in_client(alice)
    assert "They see nothing of yours" in alice_client.get("/together/safety-check/").content.decode()
    services.check_in_save(owner=alice, answers=WORDS, share=True, now=timezone.now())
    services.pattern_consent_give(owner=alice, now=timezone.now())
    page = alice_client.get("/together/safety-check/").content.decode()
    assert "Your check-in answers you showed them: 1 week " in page
    assert "You chose to see your pattern as a couple" in page and "They see nothing of yours" not in page


def test_over_long_answers_are_refused_not_cut_with_the_one_limit(alice, alice_client):
    from earnedsecure.domain.limits import TEXT_MAX_CHARS, too_long_message

    long = "x" * TEXT_MAX_CHARS + "END"
    html = alice_client.post(URL, {"went_well": long}).content.decode()
    assert too_long_message(len(long)) in html and long in html
    assert not CheckIn.objects.exists()
    page = alice_client.get(URL).content.decode()
    assert "maxlength" not in page and f'data-max-chars="{TEXT_MAX_CHARS}"' in page


def test_the_days_a_partner_read_the_shown_check_ins_are_in_the_persons_access_log(alice, bob):
    """Checklist item 45: Alice sees on which days Bob read the check-ins she showed him, the day only; a page
    with nothing of hers on it notes nothing."""
    from earnedsecure.partners.models import CHECK_IN_READ, AccessRecord

    link(alice, bob)
    alice_client, bob_client = _signed_in_client(alice), _signed_in_client(bob)
    alice_client.post(URL, WORDS)  # for Alice only
    bob_client.get(URL)
    assert not AccessRecord.objects.filter(owner=alice, category=CHECK_IN_READ).exists()
    post_as_a_person(alice_client, URL, {**WORDS, "share": "on"})
    bob_client.get(URL)
    bob_client.get(URL)  # twice in a day is one row: a day, never a count
    assert list(AccessRecord.objects.filter(owner=alice).values_list("category", "day")) == [
        (CHECK_IN_READ, services.local_day(alice, timezone.now()))
    ]
    assert not AccessRecord.objects.filter(owner=bob).exists()  # Alice reading her own page notes nothing
    assert "The weekly check-ins you showed" in alice_client.get("/together/safety-check/access/").content.decode()


def test_an_answer_keeps_its_line_breaks_for_the_partner(alice, bob):
    link(alice, bob)
    services.check_in_save(
        owner=alice,
        answers={**WORDS, "need_next": "An early night\nand <b>no</b> phones"},
        share=True,
        now=timezone.now(),
    )
    page = _main(_signed_in_client(bob).get(URL))
    # Shown as written, escaped, its line break kept by the page's style (white-space: pre-line), no markup added.
    assert '<dd class="together-words">An early night\nand &lt;b&gt;no&lt;/b&gt; phones</dd>' in page
    css = (Path(__file__).parents[2] / "src/earnedsecure/partners/static/partners/together.css").read_text()
    assert ".together-words { white-space: pre-line; }" in css


def test_showing_a_week_asks_for_the_password_again_and_keeps_the_words(alice, bob):
    link(alice, bob)
    alice_client, bob_client = _signed_in_client(alice), _signed_in_client(bob)
    asked = alice_client.post(URL, {**WORDS, "share": "on"})
    assert asks_for_the_password(asked)  # checklist item 24: a partner would see more
    assert not CheckIn.objects.exists() and "pancakes" not in _main(bob_client.get(URL))
    done = alice_client.post(asked["Location"], {"password": PASSWORD})  # allauth replays the POST
    assert done.status_code == 302 and CheckIn.objects.get(owner=alice).shared_with == bob
    assert "Sunday pancakes" in _main(bob_client.get(URL))
    # Already shown this week: changing the words asks nothing more; neither does keeping them to oneself.
    again = alice_client.post(URL, {**WORDS, "went_well": "A walk", "share": "on"})
    assert not asks_for_the_password(again) and CheckIn.objects.get().went_well == "A walk"


def test_keeping_a_week_to_oneself_and_hiding_it_never_ask_for_the_password(alice, bob):
    link(alice, bob)
    alice_client = _signed_in_client(alice)
    assert not asks_for_the_password(alice_client.post(URL, WORDS))
    post_as_a_person(alice_client, URL, {**WORDS, "share": "on"})
    week = CheckIn.objects.get().week.isoformat()
    fresh = _signed_in_client(alice)  # no password typed in this session
    assert not asks_for_the_password(fresh.post("/together/check-in/hide/", {"week": week}))
    assert CheckIn.objects.get().shared_with is None


@pytest.mark.parametrize("words", [SELF_HARM, VIOLENCE])
def test_risk_words_get_help_at_once_never_a_password_first(alice, bob, words):
    link(alice, bob)
    response = _signed_in_client(alice).post(URL, {**WORDS, "felt_close": words, "share": "on"})
    assert response.status_code == 200 and "data-safety-response" in _main(response)
