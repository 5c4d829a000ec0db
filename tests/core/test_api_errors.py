"""Every API route answers errors in one shape, {"error": "..."} (plus "fields" for input), with the right status.

The routes are read from the API itself, so a new endpoint is walked without editing this file.
"""

import re

import pytest

from earnedsecure.api import api
from earnedsecure.core.api_rules import PAGE_MAX

PREFIX = "/api/v1"


def _operations():
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    sources = {getattr(model, "__ninja_param_source__", "") for model in operation.models}
                    yield method, f"{PREFIX}{prefix}{path}", sources


OPERATIONS = sorted(set((method, path, frozenset(sources)) for method, path, sources in _operations()))


def _call(client, method, path, body=None):
    send = getattr(client, method.lower())
    if method in {"POST", "PATCH", "PUT"}:
        return send(path, body if body is not None else {}, content_type="application/json")
    return send(path)


def _assert_error_shape(response, status):
    assert response.status_code in (status if isinstance(status, set) else {status}), response.content
    body = response.json()
    assert set(body) <= {"error", "fields"}
    assert isinstance(body["error"], str) and body["error"]
    if "fields" in body:
        assert body["fields"] and all(isinstance(k, str) and isinstance(v, str) for k, v in body["fields"].items())


def test_it_walks_every_route():
    assert len(OPERATIONS) >= 25


@pytest.mark.parametrize(("method", "path", "sources"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_a_stranger_gets_401_in_the_one_shape(client, db, method, path, sources):
    _assert_error_shape(_call(client, method, re.sub(r"\{\w+\}", "1", path)), 401)


@pytest.mark.parametrize(("method", "path", "sources"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_bad_input_gets_the_one_shape(alice_client, method, path, sources):
    # A route without input (the instrument list) has nothing to get wrong but its sign-in, walked above.
    if "path" in sources:
        # A number nobody owns: 404; a word where a number belongs: 422 (slugs take any word: 404).
        # With a body as well, the body may be judged first (422): either way, the one shape.
        expected = {404, 422} if "body" in sources else 404
        _assert_error_shape(_call(alice_client, method, re.sub(r"\{\w+\}", "999999", path)), expected)
        response = _call(alice_client, method, re.sub(r"\{\w+\}", "not-a-number", path))
        _assert_error_shape(response, 404 if "{slug}" in path else 422)
    if "query" in sources:
        _assert_error_shape(_call(alice_client, method, f"{path}?limit=many"), 422)
    if "body" in sources and "path" not in sources:
        _assert_error_shape(_call(alice_client, method, path, body=["not", "an", "object"]), 422)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/diary/activations",
        "/api/v1/diary/tool-sessions",
        "/api/v1/diary/savouring",
        "/api/v1/coach/thoughts",
        "/api/v1/coach/messages",
        "/api/v1/assessments/responses",
    ],
)
def test_every_list_has_the_one_page_cap_and_refuses_beyond_it(alice_client, path):
    assert alice_client.get(f"{path}?limit={PAGE_MAX}").status_code == 200
    for limit in (0, PAGE_MAX + 1):
        response = alice_client.get(f"{path}?limit={limit}")
        _assert_error_shape(response, 422)
        assert set(response.json()["fields"]) == {"limit"}


def test_pages_follow_each_other(alice_client, alice):
    from earnedsecure.coach import services

    for n in range(3):
        services.thought_record_create(owner=alice, automatic_thought=f"thought {n}", intensity_before=5)
    first = alice_client.get("/api/v1/coach/thoughts?limit=2").json()
    second = alice_client.get("/api/v1/coach/thoughts?limit=2&offset=2").json()
    assert [r["automatic_thought"] for r in first + second] == ["thought 2", "thought 1", "thought 0"]


def test_errors_raised_inside_endpoints_have_the_one_shape(alice_client):
    response = alice_client.post(
        "/api/v1/coach/thoughts",
        {"automatic_thought": "x", "intensity_before": 3, "confirmed_traps": ["no_such_trap"]},
        content_type="application/json",
    )
    _assert_error_shape(response, 422)
    assert set(response.json()["fields"]) == {"confirmed_traps"}
    response = alice_client.post(
        "/api/v1/diary/activations",
        {"trigger": "other", "intensity": 3, "occurred_at": "2999-01-01T00:00:00Z"},
        content_type="application/json",
    )
    _assert_error_shape(response, 422)
    assert set(response.json()["fields"]) == {"occurred_at"}
    response = alice_client.post(
        "/api/v1/assessments/responses", {"instrument": "nope", "answers": {}}, content_type="application/json"
    )
    _assert_error_shape(response, 422)
