"""Bad input to the JSON API answers a clear 4xx in the one error shape, never a 500.

Run on PostgreSQL too (DATABASE_URL=postgres://...): it is the database that refuses a NUL character in text.
"""

import json

import pytest
from django.test import Client

from earnedsecure.diary.models import Activation, ToolSession


@pytest.fixture
def api(alice):
    # Server errors come back as responses, as a browser would see them, rather than as raised exceptions.
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    return client


def _post(api, url, body):
    return api.post(url, json.dumps(body), content_type="application/json")


def _refused(response, field: str, status: int = 422) -> str:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"error", "fields"}
    return body["fields"][field]


@pytest.mark.parametrize(
    "url",
    ["/api/v1/diary/activations", "/api/v1/diary/savouring", "/api/v1/coach/thoughts", "/api/v1/assessments/responses"],
)
@pytest.mark.parametrize("offset", ["99999999999999999999", str(2**63), "1000001"])
def test_a_huge_offset_is_refused(api, url, offset):
    # 2**64 and beyond overflowed SQLite's 64-bit OFFSET: a 500.
    message = _refused(api.get(f"{url}?offset={offset}"), "offset")
    assert "1000000" in message


def test_an_offset_within_the_limit_answers_an_empty_page(api):
    response = api.get("/api/v1/diary/activations?offset=1000000")
    assert (response.status_code, response.json()) == (200, [])


ACTIVATION = {"trigger": "unavailable", "intensity": 5}


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/diary/activations", ACTIVATION | {"thought": "before\x00after"}, "thought"),
        ("/api/v1/diary/activations", ACTIVATION | {"trigger_note": "\x00"}, "trigger_note"),
        ("/api/v1/diary/savouring", {"what_happened": "a walk\x00"}, "what_happened"),
        ("/api/v1/diary/tool-sessions", {"tool": "breathing_478", "distress_before": 3, "note": "\x00"}, "note"),
        ("/api/v1/coach/thoughts", {"situation": "\x00", "automatic_thought": "x", "intensity_before": 5}, "situation"),
        ("/api/v1/coach/messages", {"draft": "hello\x00"}, "draft"),
        ("/api/v1/coach/analyze/thought", {"text": "\x00"}, "text"),
    ],
)
def test_a_nul_character_in_text_is_refused_by_name(api, url, body, field):
    assert _refused(_post(api, url, body), field) == "Null characters are not allowed."


def test_a_nul_character_in_a_filter_is_refused(api):
    assert _refused(api.get("/api/v1/assessments/responses?instrument=phq%009"), "instrument")


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/diary/activations", ACTIVATION | {"occurred_at": "0001-01-01T00:00:00+05:00"}, "occurred_at"),
        ("/api/v1/diary/activations", ACTIVATION | {"occurred_at": "0001-01-01T00:00:00Z"}, "occurred_at"),
        ("/api/v1/diary/activations", ACTIVATION | {"calm_at": "0001-01-01T00:00:00+05:00"}, "calm_at"),
        ("/api/v1/diary/savouring", {"what_happened": "x", "occurred_at": "0001-01-01T00:00:00+05:00"}, "occurred_at"),
        (
            "/api/v1/diary/tool-sessions",
            {"tool": "breathing_478", "distress_before": 3, "started_at": "0001-01-01T00:00:00+05:00"},
            "started_at",
        ),
        ("/api/v1/diary/activations", ACTIVATION | {"occurred_at": "9999-12-31T23:59:59-05:00"}, "occurred_at"),
    ],
)
def test_a_date_outside_the_years_we_accept_is_refused(api, url, body, field):
    # Year 1 at +05:00 is year 0 in UTC: an OverflowError and a 500; year 1 in UTC was stored.
    assert _refused(_post(api, url, body), field) == "Choose a date between 1900 and 2100."


@pytest.mark.parametrize("field", ["occurred_at", "calm_at"])
def test_an_edit_refuses_a_future_date_as_create_does(api, alice, field):
    created = _post(api, "/api/v1/diary/activations", ACTIVATION).json()
    response = api.patch(
        f"/api/v1/diary/activations/{created['id']}",
        json.dumps({field: "2099-01-01T00:00:00Z"}),
        content_type="application/json",
    )
    assert _refused(response, field) == "This can't be in the future."
    assert Activation.objects.get(pk=created["id"]).occurred_at.year < 2099


def test_a_tool_session_refuses_a_start_in_the_future_as_activations_do(api):
    body = {"tool": "breathing_478", "distress_before": 3, "started_at": "2099-01-01T00:00:00Z"}
    response = _post(api, "/api/v1/diary/tool-sessions", body)
    assert _refused(response, "started_at") == "This can't be in the future."
    assert not ToolSession.objects.exists()
    body["started_at"] = "2020-01-01T00:00:00Z"  # a past start is still welcome
    assert _post(api, "/api/v1/diary/tool-sessions", body).status_code == 201


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        # Found by schemathesis: each was converted and stored (0 as 1970-01-01, false as "no activation").
        ("/api/v1/diary/activations", ACTIVATION | {"occurred_at": 0}, "occurred_at"),
        (
            "/api/v1/diary/tool-sessions",
            {"tool": "breathing_478", "distress_before": 0, "activation_id": False},
            "activation_id",
        ),
        ("/api/v1/diary/activations", ACTIVATION | {"intensity": "5"}, "intensity"),
        ("/api/v1/diary/activations", ACTIVATION | {"intensity": True}, "intensity"),
        ("/api/v1/diary/savouring", {"what_happened": "x", "with_partner": "yes"}, "with_partner"),
        ("/api/v1/coach/thoughts", {"automatic_thought": "x", "intensity_before": 5.0}, "intensity_before"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_converted(api, url, body, field):
    assert _refused(_post(api, url, body), field)
