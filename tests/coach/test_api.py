import json

from earnedsecure.coach import services
from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.domain.cycle import PROTEST_BEHAVIOURS
from tests.coach.helpers import activation

PROTEST = "You didn't text me all day - you're obviously pulling away!"


def _post(client, path, body):
    return client.post(f"/api/v1/coach{path}", json.dumps(body), content_type="application/json")


def test_it_requires_login(client, db):
    assert _post(client, "/analyze/thought", {"text": "x"}).status_code == 401
    assert client.get("/api/v1/coach/thoughts").status_code == 401


def test_it_analyses_a_thought_like_the_command_line(alice_client):
    from earnedsecure.coach.analysis import analyze_thought

    text = "They're obviously pulling away and they will leave me."
    body = _post(alice_client, "/analyze/thought", {"text": text}).json()
    assert set(body) == {"traps", "risk", "coaching", "ranked"}
    assert body["coaching"] is True
    ranked = analyze_thought(text)["ranked"]
    assert [(r["name"], r["confidence"]) for r in body["ranked"]] == [(r["name"], r["confidence"]) for r in ranked]
    assert len(body["ranked"]) == 12
    assert [t["name"] for t in body["traps"]] == [t["name"] for t in analyze_thought(text)["traps"]]
    assert body["traps"] and {"name", "confidence", "evidence", "question"} <= set(body["traps"][0])
    assert (body["risk"]["level"], body["risk"]["kind"]) == ("none", None)


def test_it_analyses_a_message(alice_client):
    body = _post(alice_client, "/analyze/message", {"text": PROTEST}).json()
    assert body["protest"] is True and body["behaviours"][0]["name"] and body["rewrite"]
    assert body["reassurance_requests_today"] == 0
    assert body["coaching"] is True and 0.5 <= body["protest_score"] <= 1
    assert len(body["ranked"]) == len(PROTEST_BEHAVIOURS) and set(body["ranked"][0]) == {"name", "confidence"}
    for behaviour in body["behaviours"]:
        known = PROTEST_BEHAVIOURS.get(behaviour["name"])
        assert (behaviour["label"], behaviour["explanation"]) == (known.label, known.explanation)
    plain = _post(alice_client, "/analyze/message", {"text": "See you at seven, love you"}).json()
    assert plain["protest"] is False and plain["behaviours"] == []


def test_it_flags_risk(alice_client):
    body = _post(alice_client, "/analyze/thought", {"text": "I want to kill myself"}).json()
    assert body["risk"]["level"] in {"concern", "urgent"} and body["risk"]["kind"] == "self_harm"
    assert body["coaching"] is False and body["traps"] == []


def test_it_rejects_text_that_is_too_long_naming_the_field(alice_client):
    response = _post(alice_client, "/analyze/message", {"text": "x" * 5001})
    assert response.status_code == 422
    assert "text" in response.json()["fields"]


def test_it_creates_lists_reads_and_deletes_thought_records(alice_client, alice):
    moment = activation(alice, trigger="uncertainty")
    response = _post(
        alice_client,
        "/thoughts",
        {
            "automatic_thought": "They'll never be serious about me",
            "intensity_before": 7,
            "activation_id": moment.pk,
            "confirmed_traps": ["fortune_telling"],
            "intensity_after": 4,
        },
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["trigger"] == "uncertainty" and created["confirmed_traps"] == ["fortune_telling"]
    assert [r["id"] for r in alice_client.get("/api/v1/coach/thoughts").json()] == [created["id"]]
    assert alice_client.get(f"/api/v1/coach/thoughts/{created['id']}").json()["intensity_after"] == 4
    assert alice_client.delete(f"/api/v1/coach/thoughts/{created['id']}").status_code == 204
    assert not ThoughtRecord.objects.exists()


def test_it_validates_thought_records(alice_client):
    response = _post(alice_client, "/thoughts", {"automatic_thought": "x", "intensity_before": 11})
    assert response.status_code == 422 and "intensity_before" in response.json()["fields"]
    response = _post(
        alice_client, "/thoughts", {"automatic_thought": "x", "intensity_before": 3, "confirmed_traps": ["nope"]}
    )
    assert response.status_code == 422 and "nope" in response.json()["error"]


def test_it_creates_and_updates_message_drafts(alice_client):
    response = _post(alice_client, "/messages", {"draft": PROTEST, "final_text": "I miss you. Call tonight?"})
    assert response.status_code == 201
    created = response.json()
    assert created["protest"] is True and created["outcome"] == ""
    response = alice_client.patch(
        f"/api/v1/coach/messages/{created['id']}",
        json.dumps({"outcome": "sent_rewritten"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["outcome"] == "sent_rewritten"
    response = alice_client.patch(
        f"/api/v1/coach/messages/{created['id']}", json.dumps({"outcome": "yelled"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert alice_client.delete(f"/api/v1/coach/messages/{created['id']}").status_code == 204


def test_it_hides_other_peoples_data(charlie_client, alice):
    record = services.thought_record_create(
        owner=alice, automatic_thought="secret", intensity_before=5, suggested_traps=[]
    )
    message = services.message_draft_create(owner=alice, draft="secret draft", behaviours=[])
    moment = activation(alice)
    assert charlie_client.get(f"/api/v1/coach/thoughts/{record.pk}").status_code == 404
    assert charlie_client.delete(f"/api/v1/coach/thoughts/{record.pk}").status_code == 404
    assert charlie_client.get(f"/api/v1/coach/messages/{message.pk}").status_code == 404
    assert (
        charlie_client.patch(
            f"/api/v1/coach/messages/{message.pk}", json.dumps({"outcome": "not_sent"}), content_type="application/json"
        ).status_code
        == 404
    )
    assert charlie_client.get("/api/v1/coach/thoughts").json() == []
    assert charlie_client.get("/api/v1/coach/messages").json() == []
    response = _post(
        charlie_client, "/thoughts", {"automatic_thought": "x", "intensity_before": 1, "activation_id": moment.pk}
    )
    assert response.status_code == 404
    assert ThoughtRecord.objects.count() == 1 and MessageDraft.objects.get().outcome == ""
