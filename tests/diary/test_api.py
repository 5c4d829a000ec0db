import json

import pytest

from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.diary.services import activation_create, savouring_create, tool_session_record

BASE = "/api/v1/diary"


def post(client, path, payload):
    return client.post(BASE + path, json.dumps(payload), content_type="application/json")


def test_it_works(alice_client, canary):
    response = post(
        alice_client,
        "/activations",
        {
            "trigger": "unavailable",
            "intensity": 7,
            "thought": f"He's gone quiet {canary}",
            "urges": ["excessive_contact"],
            "response": "protest",
            "occurred_at": "2026-01-10T20:00:00+00:00",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["thought"].endswith(canary)
    follow = post(
        alice_client,
        f"/activations/{body['id']}/follow-up",
        {"outcome": "He was asleep.", "calm_at": "2026-01-10T22:30:00+00:00", "protest_result": "backfired"},
    )
    assert follow.status_code == 200, follow.content
    assert follow.json()["recovery_minutes"] == 150
    listed = alice_client.get(BASE + "/activations").json()
    assert [a["id"] for a in listed] == [body["id"]]


def test_it_requires_login(client, db):
    assert client.get(BASE + "/activations").status_code == 401
    assert post(client, "/activations", {"trigger": "threat", "intensity": 3}).status_code == 401
    assert not Activation.objects.exists()


def test_it_hides_other_peoples_data(alice, charlie_client):
    activation = activation_create(owner=alice, trigger="threat", intensity=3)
    session = tool_session_record(owner=alice, tool="breathing_478", distress_before=6, distress_after=3)
    entry = savouring_create(owner=alice, what_happened="Tea in bed")
    for path in (f"/activations/{activation.pk}", f"/tool-sessions/{session.pk}", f"/savouring/{entry.pk}"):
        response = charlie_client.get(BASE + path)
        assert response.status_code == 404
        assert response.json() == {"error": "not found"}
    assert post(charlie_client, f"/activations/{activation.pk}/follow-up", {"outcome": "x"}).status_code == 404
    patch = charlie_client.patch(
        BASE + f"/activations/{activation.pk}", json.dumps({"intensity": 1}), content_type="application/json"
    )
    assert patch.status_code == 404
    linked = post(
        charlie_client, "/tool-sessions", {"tool": "urge_surfing", "distress_before": 5, "activation_id": activation.pk}
    )
    assert linked.status_code == 404
    for path in ("/activations", "/tool-sessions", "/savouring"):
        assert charlie_client.get(BASE + path).json() == []
    activation.refresh_from_db()
    assert activation.intensity == 3


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"trigger": "threat", "intensity": 11}, "intensity"),
        ({"trigger": "moon", "intensity": 3}, "trigger"),
        ({"trigger": "threat"}, "intensity"),
        ({"trigger": "threat", "intensity": 3, "urges": ["sulking"]}, "urges.0"),
        ({"trigger": "threat", "intensity": 3, "occurred_at": "2026-01-10T20:00:00"}, "occurred_at"),
        ({"trigger": "threat", "intensity": 3, "response": "direct", "protest_result": "worked"}, "protest_result"),
        (
            {
                "trigger": "threat",
                "intensity": 3,
                "occurred_at": "2026-01-10T20:00:00Z",
                "calm_at": "2026-01-10T19:00:00Z",
            },
            "calm_at",
        ),
        ({"trigger": "threat", "intensity": 3, "thought": "x" * 5001}, "thought"),
    ],
)
def test_validation_errors_name_the_field_and_save_nothing(alice_client, payload, field):
    response = post(alice_client, "/activations", payload)
    assert response.status_code == 422, response.content
    body = response.json()
    assert field in body["fields"], body
    assert body["error"].startswith("invalid input")
    assert not Activation.objects.exists()


def test_tool_sessions_and_good_moments(alice_client, alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=6)
    made = post(
        alice_client,
        "/tool-sessions",
        {"tool": "breathing_478", "distress_before": 7, "distress_after": 3, "activation_id": activation.pk},
    )
    assert made.status_code == 201, made.content
    assert made.json()["activation_id"] == activation.pk
    bad = post(alice_client, "/tool-sessions", {"tool": "breathing_478", "distress_before": 7, "distress_after": 12})
    assert bad.status_code == 422 and "distress_after" in bad.json()["fields"]
    assert ToolSession.objects.count() == 1
    moment = post(alice_client, "/savouring", {"what_happened": "Walk by the river", "feeling_minutes": 120})
    assert moment.status_code == 201
    empty = post(alice_client, "/savouring", {"what_happened": "   "})
    assert empty.status_code == 422 and "what_happened" in empty.json()["fields"]
    assert SavouringEntry.objects.count() == 1


def test_patch_changes_only_what_is_sent(alice_client, alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=6, thought="keep me")
    response = alice_client.patch(
        BASE + f"/activations/{activation.pk}", json.dumps({"intensity": 2}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["intensity"] == 2
    assert response.json()["thought"] == "keep me"
