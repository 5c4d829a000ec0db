"""Property tests of the one door (core/access.py): another person's object is always 404, and unchanged.

Alice writes one of everything through the API; hypothesis then picks a route, a verb, a body and an id (hers,
one near it, or any number) and sends it as Charlie. Every answer is 404 (never 403, which would confirm the
row exists), and Alice's rows read back exactly as before.
"""

import json

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.core.access import get_owned_or_404, owned_queryset
from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.domain.instruments import get_instrument

CREATE = {
    "activation": ("/api/v1/diary/activations", {"trigger": "unavailable", "intensity": 6, "thought": "alice's own"}),
    "tool_session": ("/api/v1/diary/tool-sessions", {"tool": "breathing_478", "distress_before": 6}),
    "savouring": ("/api/v1/diary/savouring", {"what_happened": "alice's walk"}),
    "thought": ("/api/v1/coach/thoughts", {"automatic_thought": "alice's thought", "intensity_before": 5}),
    "message": ("/api/v1/coach/messages", {"draft": "alice's draft"}),
    "response": (
        "/api/v1/assessments/responses",
        {"instrument": "gad-7", "answers": {item.id: 1 for item in get_instrument("gad-7").items}},
    ),
}
# Every route that takes an owned id, with the verb and a body a careless check might let through.
ROUTES = [
    ("get", "/api/v1/diary/activations/{}", "activation", None),
    ("patch", "/api/v1/diary/activations/{}", "activation", {"thought": "charlie was here"}),
    ("post", "/api/v1/diary/activations/{}/follow-up", "activation", {"outcome": "charlie was here"}),
    ("get", "/api/v1/diary/tool-sessions/{}", "tool_session", None),
    ("get", "/api/v1/diary/savouring/{}", "savouring", None),
    ("get", "/api/v1/coach/thoughts/{}", "thought", None),
    ("delete", "/api/v1/coach/thoughts/{}", "thought", None),
    ("get", "/api/v1/coach/messages/{}", "message", None),
    ("patch", "/api/v1/coach/messages/{}", "message", {"outcome": "sent_as_is", "final_text": "charlie was here"}),
    ("delete", "/api/v1/coach/messages/{}", "message", None),
    ("get", "/api/v1/assessments/responses/{}", "response", None),
    ("get", "/api/v1/assessments/responses/{}/fhir", "response", None),
    ("post", "/api/v1/diary/tool-sessions", "activation", {"tool": "breathing_478", "distress_before": 1}),
]
LISTS = {
    "activation": "/api/v1/diary/activations",
    "tool_session": "/api/v1/diary/tool-sessions",
    "savouring": "/api/v1/diary/savouring",
    "thought": "/api/v1/coach/thoughts",
    "message": "/api/v1/coach/messages",
    "response": "/api/v1/assessments/responses",
}
MODELS = {
    "activation": Activation,
    "tool_session": ToolSession,
    "savouring": SavouringEntry,
    "thought": ThoughtRecord,
    "message": MessageDraft,
    "response": InstrumentResponse,
}
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True
)


@pytest.fixture
def alices_rows(alice_client):
    ids = {}
    for kind, (url, body) in CREATE.items():
        response = alice_client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code == 201, response.content
        ids[kind] = response.json()["id"]
    return ids


def _snapshot(client, ids):
    return {kind: client.get(f"{LISTS[kind]}/{pk}").content for kind, pk in ids.items()}


def _send(client, method, url, body):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


@PROPERTY
@given(route=st.sampled_from(ROUTES), offset=st.sampled_from([0, 0, 0, 1, -1]))
def test_another_persons_object_is_404_on_every_route_and_verb(
    alice_client, charlie_client, alices_rows, route, offset
):
    method, template, kind, body = route
    before = _snapshot(alice_client, alices_rows)
    target = alices_rows[kind] + offset
    if template.endswith("tool-sessions"):  # the id is in the body: a tool session linked to Alice's activation
        url, body = template, {**body, "activation_id": target}
    else:
        url = template.format(target)
    response = _send(charlie_client, method, url, body)
    assert response.status_code == 404, (method, url, response.status_code)
    assert response.json() == {"error": "not found"}
    assert _snapshot(alice_client, alices_rows) == before


@PROPERTY
@given(kind=st.sampled_from(sorted(LISTS)), limit=st.integers(1, 200), offset=st.integers(0, 5))
def test_another_persons_lists_never_hold_her_ids(charlie_client, alices_rows, kind, limit, offset):
    response = charlie_client.get(f"{LISTS[kind]}?limit={limit}&offset={offset}")
    assert response.status_code == 200
    assert alices_rows[kind] not in {row["id"] for row in response.json()}


@PROPERTY
@given(kind=st.sampled_from(sorted(MODELS)), pk=st.one_of(st.integers(-(2**63), 2**63 - 1), st.text(max_size=5)))
def test_the_access_layer_answers_404_for_anything_not_owned(alice, charlie, alices_rows, kind, pk):
    model = MODELS[kind]
    for lookup in (alices_rows[kind], pk):
        with pytest.raises(Http404):
            get_owned_or_404(model, charlie, pk=lookup)
    assert not owned_queryset(model, charlie).filter(pk=alices_rows[kind]).exists()
    assert get_owned_or_404(model, alice, pk=alices_rows[kind]).pk == alices_rows[kind]
