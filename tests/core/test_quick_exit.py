"""Quick exit signs the person out, so nothing private is one Back away (browser side: tests/browser)."""

from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client


def test_it_signs_out_and_leaves_for_the_neutral_site(alice_client, settings):
    assert alice_client.get("/diary/").status_code == 200
    response = alice_client.get("/quick-exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert alice_client.get("/diary/").status_code == 302  # Back, refetched: the sign-in page


def test_the_beacon_signs_out_without_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    key = client.session.session_key
    response = client.post("/quick-exit/")
    assert response.status_code == 204
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/diary/").status_code == 302


def test_it_works_for_someone_not_signed_in(client, db, settings):
    assert client.get("/quick-exit/")["Location"] == settings.QUICK_EXIT_URL


def test_it_still_leaves_when_the_database_is_down(alice_client, monkeypatch, settings):
    def refuse(*args, **kwargs):
        raise OperationalError("database is down")

    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = alice_client.get("/quick-exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    # The browser's copy of the session is dropped even though the row could not be deleted.
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""


def test_every_page_points_quick_exit_at_the_endpoint(alice_client, client, settings):
    for html in (alice_client.get("/diary/").content.decode(), client.get("/").content.decode()):
        assert f'href="/quick-exit/" rel="noreferrer" data-quick-exit="{settings.QUICK_EXIT_URL}"' in html


def test_signed_in_pages_are_never_stored(alice_client):
    for path in ("/diary/", "/help/plan/", "/account/settings/"):
        assert alice_client.get(path)["Cache-Control"] == "no-store", path
