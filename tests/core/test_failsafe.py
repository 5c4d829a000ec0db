"""core/failsafe.py: too-big requests refused before they are read; database failures answer 503/507 with the
crisis link and give back what the person typed."""

import argparse
import sqlite3
from contextlib import contextmanager

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from earnedsecure.diary.models import Activation

LIMIT = 1024 * 1024


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.fixture
def alice_browser(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    return client


# --- Request size --------------------------------------------------------------------------------------------


def test_a_300_mb_anonymous_post_is_refused_by_its_length_without_reading_it(browser, db):
    # The test client's body is a few bytes: reading the claimed 300 MB from it would raise, so a 413 here
    # means nothing tried to read the body at all.
    response = browser.post("/accounts/signup/", {"username": "x"}, CONTENT_LENGTH=str(300 * 1000 * 1000))
    assert response.status_code == 413
    assert b"the limit is 1,048,576" in response.content


def test_a_form_just_over_the_limit_is_refused(alice_browser):
    response = alice_browser.post("/diary/activated/", {"trigger_note": "x" * (LIMIT + 1)})
    assert response.status_code == 413
    assert not Activation.objects.exists()


def test_a_form_under_the_limit_goes_through(alice_browser):
    response = alice_browser.post("/diary/activated/", {"trigger_note": "x" * 6000})
    assert response.status_code == 200  # the page, with the text limit's message


def test_an_api_body_over_the_limit_is_refused(alice_browser):
    body = '{"trigger": "unavailable", "intensity": 3, "thought": "' + "x" * LIMIT + '"}'
    response = alice_browser.post("/api/v1/diary/activations", body, content_type="application/json")
    assert response.status_code == 413


def test_django_refuses_a_big_body_without_content_length_too(settings):
    # Set alongside the middleware, so anything that reads the body is held to the same size.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.FILE_UPLOAD_MAX_MEMORY_SIZE == LIMIT
    assert settings.MIDDLEWARE[0] == "earnedsecure.core.failsafe.request_size_limit"


def test_serve_gives_waitress_the_same_limit(monkeypatch, settings, tmp_path):
    import waitress

    from earnedsecure import __main__ as cli

    seen = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: seen.update(options))
    monkeypatch.setattr(cli, "_setup_django", lambda: None)
    monkeypatch.setattr(cli, "_migrate", lambda: None)
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **k: None)
    args = argparse.Namespace(host="127.0.0.1", port=0, threads=1, demo=False, months=6, no_worker=True)
    cli.cmd_serve(args)
    assert seen["max_request_body_size"] == LIMIT


# --- Database down -------------------------------------------------------------------------------------------


@contextmanager
def _database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # Only for the request: the test's own teardown needs the database back.
    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        yield


@pytest.mark.parametrize("path", ["/home/", "/diary/", "/account/settings/", "/learn/"])
def test_pages_answer_503_with_the_crisis_link_when_the_database_is_down(alice_browser, monkeypatch, path):
    with _database_down(monkeypatch):
        response = alice_browser.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert 'href="/help/crisis/"' in page and 'id="quick-exit"' in page
    assert "Traceback" not in page and "connection refused" not in page


def test_a_form_sent_while_the_database_is_down_gives_back_the_words(alice_browser, monkeypatch, canary):
    with _database_down(monkeypatch):
        response = alice_browser.post(
            "/diary/activated/", {"trigger_note": f"{canary} <b>he left</b>", "password": "not shown back"}
        )
    assert response.status_code == 503
    page = response.content.decode()
    assert f"{canary} &lt;b&gt;he left&lt;/b&gt;" in page  # back on the page, escaped
    assert "not shown back" not in page
    assert "not</strong> saved" in page


def test_the_api_answers_503_in_json_when_the_database_is_down(alice_browser, monkeypatch):
    with _database_down(monkeypatch):
        response = alice_browser.get("/api/v1/diary/activations")
    assert response.status_code == 503
    assert response.json() == {"error": "the database is unavailable; nothing was stored, try again later"}


def test_any_other_error_is_still_the_ordinary_500(alice_browser, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("earnedsecure.diary.selectors.activation_list", broken)
    response = alice_browser.get("/api/v1/diary/activations")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


# --- Disk full ------------------------------------------------------------------------------------------------


def test_a_diary_entry_on_a_full_disk_keeps_the_text_on_the_page(alice_browser, monkeypatch, canary):
    def full(self, *args, **kwargs):
        # What SQLite raises, as Django's wrapper passes it on.
        raise OperationalError("database or disk is full") from sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Activation, "save", full)
    words = f"{canary}: he hasn't answered in six hours and my chest is tight"
    response = alice_browser.post(
        "/diary/activated/", {"trigger": "unavailable", "intensity": "7", "trigger_note": words}
    )
    assert response.status_code == 507
    page = response.content.decode()
    assert canary in page and "six hours" in page
    assert "out of space" in page and "<strong>not</strong> been saved" in page
    assert 'href="/help/crisis/"' in page
    assert not Activation.objects.exists()
