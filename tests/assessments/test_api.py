import json
from datetime import UTC, datetime

from django.test import Client
from fhir.resources.R4B.bundle import Bundle

from earnedsecure.accounts.services import consent_withdraw
from earnedsecure.assessments.models import InstrumentResponse

from .helpers import ecr, phq9, submit, uniform_answers

BASE = "/api/v1/assessments"
WHEN = datetime(2026, 3, 1, 20, tzinfo=UTC)


def post(client, body):
    return client.post(f"{BASE}/responses", json.dumps(body), content_type="application/json")


def test_it_requires_login(client, db):
    assert client.get(f"{BASE}/instruments").status_code == 401
    assert post(client, {"instrument": "gad-7", "answers": {}}).status_code == 401


def test_it_lists_instruments_with_terms_and_hides_switched_off_ones(alice_client, settings):
    settings.DISABLED_INSTRUMENTS = ["ecr-rs-friend"]
    rows = alice_client.get(f"{BASE}/instruments").json()
    slugs = [row["slug"] for row in rows]
    assert {"ecr-r", "ecr-rs", "phq-9", "gad-7"} <= set(slugs) and "ecr-rs-friend" not in slugs
    phq = next(row for row in rows if row["slug"] == "phq-9")
    assert "No permission required" in phq["copyright"] and phq["loinc_panel"] == "44249-1"
    assert alice_client.get(f"{BASE}/instruments/ecr-rs-friend").status_code == 404


def test_it_describes_an_instrument_with_its_items_and_keying(alice_client):
    body = alice_client.get(f"{BASE}/instruments/ecr-r").json()
    assert len(body["items"]) == 36 and len(body["options"]) == 7
    reversed_numbers = [item["number"] for item in body["items"] if item["reverse"]]
    assert reversed_numbers == [9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36]


def test_it_scores_and_stores_a_submission(alice, alice_client):
    response = post(alice_client, {"instrument": "ecr-r", "answers": ecr("ecr-r", 6, 2)})
    assert response.status_code == 201
    body = response.json()
    assert (body["anxiety"], body["avoidance"], body["total"]) == (6.0, 2.0, None)
    assert body["nearest_prototype"]["label"] == "anxious-preoccupied"
    assert body["safety"]["alert"] is False and body["safety"]["message"] is None and body["safety"]["lines"] == []
    assert InstrumentResponse.objects.get(pk=body["id"]).owner == alice


def test_item_9_above_zero_returns_the_safety_response(alice_client):
    body = post(alice_client, {"instrument": "phq-9", "answers": phq9(0, item9=1)}).json()
    assert body["total"] == 1 and body["safety"]["alert"] is True
    assert body["safety"]["crisis_url"] == "/help/crisis/" and body["safety"]["emergency"] == "999"
    assert any(line["number"] == "116 123" for line in body["safety"]["lines"])


def test_bad_answers_get_422_naming_the_item_and_nothing_is_stored(alice_client):
    answers = uniform_answers("gad-7", 1) | {"gad7.irritable": 5, "gad7.restless": True}
    del answers["gad7.trouble_relaxing"]
    response = post(alice_client, {"instrument": "gad-7", "answers": answers})
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert set(fields) == {"gad7.irritable", "gad7.restless", "gad7.trouble_relaxing"}
    assert "item 6" in fields["gad7.irritable"] and "has no answer" in fields["gad7.trouble_relaxing"]
    assert post(alice_client, {"instrument": "nope", "answers": {}}).status_code == 422
    assert post(alice_client, {"answers": {}}).status_code == 422
    assert InstrumentResponse.objects.count() == 0


def test_a_switched_off_instrument_is_refused(alice_client, settings):
    settings.DISABLED_INSTRUMENTS = ["ecr-r"]
    response = post(alice_client, {"instrument": "ecr-r", "answers": ecr("ecr-r", 4, 4)})
    assert response.status_code == 422 and "switched off" in response.json()["error"]


def test_it_needs_consent_to_store(alice, alice_client):
    consent_withdraw(user=alice, purpose="core")
    assert post(alice_client, {"instrument": "gad-7", "answers": uniform_answers("gad-7", 1)}).status_code == 403


def test_it_lists_and_shows_the_persons_results(alice, alice_client):
    first = submit(alice, "gad-7", uniform_answers("gad-7", 1), WHEN)
    submit(alice, "phq-9", phq9(4), WHEN)
    assert [row["instrument"] for row in alice_client.get(f"{BASE}/responses?instrument=gad-7").json()] == ["gad-7"]
    assert len(alice_client.get(f"{BASE}/responses").json()) == 2
    assert alice_client.get(f"{BASE}/responses/{first.pk}").json()["band"]["key"] == "mild"


def test_it_exports_a_result_as_valid_fhir(alice, alice_client):
    row = submit(alice, "phq-9", phq9(12, item9=1), WHEN)
    bundle = alice_client.get(f"{BASE}/responses/{row.pk}/fhir").json()
    Bundle.model_validate(bundle)
    observation_codes = [
        entry["resource"]["code"]["coding"][0]["code"]
        for entry in bundle["entry"]
        if entry["resource"]["resourceType"] == "Observation"
    ]
    assert observation_codes == ["44261-6", "44260-8"]


def test_it_hides_other_peoples_data(alice, bob, theo, charlie):
    row = submit(alice, "phq-9", phq9(12, item9=1), WHEN)
    for person in (bob, theo, charlie):
        client = Client()
        client.force_login(person)
        assert client.get(f"{BASE}/responses/{row.pk}").status_code == 404
        assert client.get(f"{BASE}/responses/{row.pk}/fhir").status_code == 404
        assert client.get(f"{BASE}/responses").json() == []
    assert Client().get(f"{BASE}/responses/{row.pk}").status_code == 401
