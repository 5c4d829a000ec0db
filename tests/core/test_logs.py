"""core/logs.py: JSON logs for a server with no personal data in them.

The real formatter and the real request-line middleware, through real requests that carry a canary in a
diary entry's words, in a sign-in name (axes logs failed sign-ins with the name), in a path (Django logs a
404 with its path) and in an exception's message (Django logs a 500 with its traceback).
"""

import io
import json
import logging

import pytest

from earnedsecure.core import crisis_lines
from earnedsecure.core.logs import JsonFormatter


@pytest.fixture
def json_log(settings):
    settings.MIDDLEWARE = ["earnedsecure.core.logs.request_log", *settings.MIDDLEWARE]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_no_personal_data_reaches_the_log(json_log, alice_client, client, canary, monkeypatch):
    written = alice_client.post(
        "/api/v1/diary/activations",
        json.dumps({"trigger": "threat", "intensity": 6, "thought": f"I wrote {canary}", "response": "waited"}),
        content_type="application/json",
    )
    assert written.status_code == 201
    client.post("/accounts/login/", {"login": f"{canary}@example.com", "password": f"wrong-{canary}"})
    alice_client.get(f"/diary/{canary}/")

    def broken(code):
        raise RuntimeError(f"no lines for {code}")

    monkeypatch.setattr(crisis_lines, "country_for", broken)
    alice_client.raise_request_exception = False
    assert alice_client.get(f"/help/crisis/?country={canary}").status_code == 500

    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    text = json_log.getvalue()
    # The log is not empty: each request has its line, and the failures their warnings and traceback.
    routes = {(line.get("route"), line.get("status")) for line in lines if line["logger"] == "earnedsecure.request"}
    assert ("api:diary_activation_create", 201) in routes or any(r == 201 for _, r in routes)
    assert any(status == 404 for _, status in routes)
    assert any(line.get("error") == "RuntimeError" and line.get("frames") for line in lines)
    assert any("[hidden]" in line["message"] for line in lines)
    assert canary not in text
    assert canary.lower() not in text.lower()
    assert "alice" not in text.lower()


def test_numbers_are_kept_and_words_hidden():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "mail try %d failed for %s", (3, "bob"), None)
    assert json.loads(JsonFormatter().format(record))["message"] == "mail try 3 failed for [hidden]"


def test_a_template_that_needs_a_number_where_words_were_hidden_keeps_its_words():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "%d people", ("many",), None)
    assert json.loads(JsonFormatter().format(record))["message"] == "%d people"


def test_every_line_of_a_request_carries_its_id(json_log, alice_client):
    """The id in the X-Request-ID header is on each line that request wrote (here Django's 'Not Found' warning
    and the request line), and the next request has another."""
    first = alice_client.get("/diary/999999/")
    second = alice_client.get("/diary/999999/")
    assert first.status_code == second.status_code == 404
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    for response in (first, second):
        mine = [line for line in lines if line.get("request_id") == response["X-Request-ID"]]
        assert {line["logger"] for line in mine} >= {"django.request", "earnedsecure.request"}
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert all(line.get("request_id") for line in lines if line["logger"] in ("django.request", "earnedsecure.request"))


def test_an_id_sent_by_the_client_is_not_used(client):
    response = client.get("/help/crisis/", HTTP_X_REQUEST_ID="alice\nforged")
    assert response.status_code == 200
    assert len(response["X-Request-ID"]) == 32 and "alice" not in response["X-Request-ID"]
