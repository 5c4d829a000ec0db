"""core/failsafe.py: too-big requests refused before they are read; database failures answer 503/507 with the
crisis link and give back what the person typed."""

import argparse
import io
import socket
import sqlite3
import threading
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
    # Only the request id (which reads nothing of the request) comes before the size limit.
    assert settings.MIDDLEWARE[:2] == [
        "earnedsecure.core.logs.request_id",
        "earnedsecure.core.failsafe.request_size_limit",
    ]


class _Unread(io.BytesIO):
    """A request body that notes whether anything read it."""

    was_read = False

    def read(self, *args):
        self.was_read = True
        return super().read(*args)

    def readline(self, *args):
        self.was_read = True
        return super().readline(*args)


def test_a_chunked_body_without_a_length_is_refused_411_without_reading_it(db):
    from django.test import RequestFactory

    from earnedsecure.core.failsafe import request_size_limit

    body = _Unread(b"x" * (2 * LIMIT))
    request = RequestFactory().generic(
        "POST", "/accounts/signup/", HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH="", **{"wsgi.input": body}
    )
    response = request_size_limit(lambda request: pytest.fail("the view was reached"))(request)
    assert response.status_code == 411
    assert response["Connection"] == "close"
    assert not body.was_read


def test_through_the_whole_stack_a_chunked_body_without_a_length_is_411(browser, db):
    response = browser.generic(
        "POST", "/accounts/signup/", b"username=x", HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH=""
    )
    assert response.status_code == 411


def _raw_post(port: int, head: str, chunks: list[bytes]) -> bytes:
    """Send a chunked POST to a server on this machine; its answer's status line and headers."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head.encode() + b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            for chunk in chunks:
                conn.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            conn.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: its answer is already there
        answer = b""
        while b"\r\n\r\n" not in answer:
            part = conn.recv(4096)
            if not part:
                break
            answer += part
    return answer


def test_waitress_cuts_a_chunked_body_at_the_limit_and_hands_a_smaller_one_on_with_its_length():
    # The real server, as `earnedsecure serve` starts it; the app behind it only records what reached it.
    import waitress

    reached = []

    def recording(environ, start_response):
        reached.append((environ.get("CONTENT_LENGTH"), environ.get("HTTP_TRANSFER_ENCODING")))
        start_response("204 No Content", [])
        return [b""]

    server = waitress.create_server(recording, host="127.0.0.1", port=0, max_request_body_size=LIMIT)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.effective_port
        head = f"POST /diary/activated/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        too_big = _raw_post(port, head, [b"x" * 65536] * (LIMIT // 65536 + 2))
        small = _raw_post(port, head, [b"x" * 1000] * 3)
    finally:
        # Closed from the server's own loop, which then ends with nothing left to watch: closing the sockets from
        # this thread raced its select() ("Bad file descriptor" in the loop's thread, now and then).
        server.trigger.pull_trigger(lambda: [channel.close() for channel in list(server._map.values())])
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert too_big.startswith(b"HTTP/1.1 413")
    assert small.startswith(b"HTTP/1.1 204")
    assert reached == [("3000", None)]  # only the small one, de-chunked, with the length our middleware checks


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
