"""Nothing typed is lost when the session ends (issue 13): a form sent after 30 quiet minutes keeps its words,
encrypted, for the same person after signing in, for an hour; never for sign-in or password forms.

The session ends the real way: time moves on (time-machine) and SessionTimeoutMiddleware signs the person out on
the request that finds it idle. The person signs in again through allauth's own sign-in form.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.db import connection
from django.test import Client

from earnedsecure.accounts import kept_forms
from earnedsecure.accounts.models import KeptForm
from earnedsecure.core.free_text import free_text_labels
from earnedsecure.core.retention import retention_purge
from earnedsecure.diary.models import Activation
from tests.personas import PASSWORD

START = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)
ENTRY = {"trigger": "uncertainty", "intensity": "7", "thought": "They will leave, KEPT-WORDS-31", "occurred_at": ""}


def _sent_after_the_session_ended(client, path="/diary/activated/", data=ENTRY, *, traveller):
    client.get("/still-here/")  # the last sign of life
    traveller.shift(timedelta(minutes=31))
    return client.post(path, data)


def _sign_in(client, username, next_url):
    response = client.post("/accounts/login/", {"login": username, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


@pytest.fixture
def traveller():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_the_words_come_back_after_signing_in_and_are_sent_on_from_there(alice, alice_client, traveller):
    response = _sent_after_the_session_ended(alice_client, traveller=traveller)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert urlsplit(response["Location"]).path == "/accounts/login/"
    assert query == {"timeout": ["1"], "kept": ["1"], "next": ["/account/kept/"]}
    assert not Activation.objects.exists()  # not saved: she was signed out
    assert alice_client.get("/diary/").status_code == 302

    sign_in_page = alice_client.get(response["Location"]).content.decode()
    assert "What you were writing is kept" in sign_in_page

    assert _sign_in(alice_client, "alice", "/account/kept/") == "/account/kept/"
    page = alice_client.get("/account/kept/").content.decode()
    assert "They will leave, KEPT-WORDS-31" in page
    assert "You were signed out before it was sent" in page
    assert "What story is my mind telling me?" in page  # the form's own label for the box

    response = alice_client.post("/account/kept/", {**ENTRY, "kept_action": "send"})
    assert (response.status_code, response["Location"]) == (307, "/diary/activated/")
    # The browser sends the same fields on to the same address, as a 307 asks; the diary saves the entry.
    saved = alice_client.post("/diary/activated/", {**ENTRY, "kept_action": "send"})
    assert saved.status_code == 302
    assert Activation.objects.get(owner=alice).thought == "They will leave, KEPT-WORDS-31"
    assert not KeptForm.objects.exists()  # sent on: gone from here
    assert alice_client.get("/account/kept/")["Location"] == "/home/"


def test_the_words_are_encrypted_and_nothing_but_a_key_is_in_the_browser(alice, alice_client, traveller):
    response = _sent_after_the_session_ended(alice_client, traveller=traveller)
    kept = KeptForm.objects.get(owner=alice)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_keptform")
        rows = cursor.fetchall()
    assert rows and not any("KEPT-WORDS-31" in str(value) for row in rows for value in row)
    cookie = response.cookies[kept_forms.COOKIE]
    assert "KEPT-WORDS" not in cookie.value and str(kept.key) in cookie.value
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) == 3600
    assert dict(kept.form["fields"]).get("csrfmiddlewaretoken") is None


def test_another_account_at_the_same_browser_gets_nothing(alice, charlie, alice_client, traveller):
    _sent_after_the_session_ended(alice_client, traveller=traveller)
    _sign_in(alice_client, "charlie", "/account/kept/")  # Charlie, at Alice's browser, with her cookie
    response = alice_client.get("/account/kept/")
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert "KEPT-WORDS" not in alice_client.get("/home/").content.decode()
    assert KeptForm.objects.filter(owner=alice).exists()  # still hers, for her to sign in and take


def test_her_own_account_elsewhere_without_the_cookie_gets_nothing_either(alice, alice_client, traveller):
    _sent_after_the_session_ended(alice_client, traveller=traveller)
    elsewhere = Client()
    _sign_in(elsewhere, "alice", "/account/kept/")
    assert elsewhere.get("/account/kept/")["Location"] == "/home/"


def test_after_an_hour_they_are_not_given_back_and_the_purge_deletes_them(alice, alice_client, traveller):
    _sent_after_the_session_ended(alice_client, traveller=traveller)
    traveller.shift(timedelta(minutes=61))
    _sign_in(alice_client, "alice", "/account/kept/")
    assert alice_client.get("/account/kept/")["Location"] == "/home/"
    assert KeptForm.objects.count() == 1
    assert retention_purge()["accounts.keptform"] == 1
    assert not KeptForm.objects.exists()


def test_within_the_hour_the_purge_leaves_them(alice, alice_client, traveller):
    _sent_after_the_session_ended(alice_client, traveller=traveller)
    traveller.shift(timedelta(minutes=59))
    assert retention_purge()["accounts.keptform"] == 0
    assert KeptForm.objects.count() == 1


def test_putting_them_away_deletes_them(alice, alice_client, traveller):
    _sent_after_the_session_ended(alice_client, traveller=traveller)
    _sign_in(alice_client, "alice", "/account/kept/")
    response = alice_client.post("/account/kept/", {"kept_action": "put_away"})
    assert response["Location"] == "/home/"
    assert not KeptForm.objects.exists()
    assert not Activation.objects.exists()


def test_sign_in_and_password_forms_and_secret_fields_are_never_kept(alice, alice_client, traveller):
    response = _sent_after_the_session_ended(
        alice_client,
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a new calm passphrase", "password2": "a new calm passphrase"},
        traveller=traveller,
    )
    assert "kept" not in response["Location"]
    assert not KeptForm.objects.exists()

    _sign_in(alice_client, "alice", "/home/")
    _sent_after_the_session_ended(alice_client, data={**ENTRY, "password": "hunter2-secret"}, traveller=traveller)
    fields = dict(KeptForm.objects.get().form["fields"])
    assert "password" not in fields and fields["thought"] == ENTRY["thought"]


def test_a_form_with_no_words_of_the_persons_is_not_kept(alice, alice_client, traveller):
    response = _sent_after_the_session_ended(
        alice_client, "/account/settings/", {"country": "GB", "time_zone": "Europe/London"}, traveller=traveller
    )
    assert "kept" not in response["Location"] and "next" not in response["Location"]
    assert not KeptForm.objects.exists()


def test_a_page_asked_for_after_the_limit_opens_after_signing_in(alice, alice_client, traveller):
    alice_client.get("/still-here/")
    traveller.shift(timedelta(minutes=31))
    response = alice_client.get("/diary/?page=2")
    assert parse_qs(urlsplit(response["Location"]).query) == {"timeout": ["1"], "next": ["/diary/?page=2"]}


def test_words_sent_with_no_session_at_all_are_shown_back_to_copy(client, db):
    response = client.post("/think/thoughts/new/", {"situation": "At the station, NO-SESSION-WORDS", "action": "check"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "NO-SESSION-WORDS" in html and "wasn't saved" in html
    assert 'href="/accounts/login/?next=%2Fthink%2Fthoughts%2Fnew%2F"' in html and 'href="/help/crisis/"' in html
    assert not KeptForm.objects.exists()
    assert client.post("/diary/1/edit/")["Location"].startswith("/accounts/login/")  # no words: sign in as before


def test_every_free_text_box_of_the_app_is_known_by_its_label():
    labels = free_text_labels()
    for name in ("situation", "automatic_thought", "balanced_thought", "thought", "outcome", "what_happened"):
        assert name in labels, name
    assert labels["automatic_thought"] == "What went through your mind?"
    assert "trigger" not in labels and "intensity" not in labels  # choices and ratings are carried, not shown


def test_nothing_sent_to_allauths_pages_is_kept_whatever_its_fields(alice, rf):
    request = rf.post("/accounts/email/", {"thought": "words in a box named like the diary's"})
    assert kept_forms.form_keep(user=alice, request=request) is None
    request = rf.post("/diary/activated/", {"thought": "words in a box named like the diary's"})
    assert kept_forms.form_keep(user=alice, request=request) is not None


def test_the_row_itself_is_refused_after_the_hour_whatever_the_cookie_says(alice, rf):
    kept = kept_forms.form_keep(user=alice, request=rf.post("/diary/activated/", ENTRY))
    within, after = kept.kept_at + timedelta(minutes=59), kept.kept_at + timedelta(minutes=61)
    assert kept_forms.kept_form_get(user=alice, key=kept.key, now=within) == kept
    assert kept_forms.kept_form_get(user=alice, key=kept.key, now=after) is None
