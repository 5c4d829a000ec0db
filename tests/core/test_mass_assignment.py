"""Checklist item 28, field-level authorization: a request body cannot choose whose row it writes, give itself a
role, or turn on sharing. Every write of the JSON API is sent its valid body plus fields naming another person
as owner, a therapist role, staff rights and a partner share; each answer is either a refusal (4xx) or a row that
belongs to the sender with none of those fields taken. Bob's data, everyone's rights and every share stay as they
were."""

import json

import pytest

from earnedsecure.care.models import Therapist
from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.diary.services import activation_create
from earnedsecure.domain.cycle import vocabulary as cycle
from earnedsecure.partners.models import Share

WHEN = "2026-01-10T20:00:00+00:00"


def smuggled(bob):
    return {
        "owner": bob.pk,
        "owner_id": bob.pk,
        "user": bob.pk,
        "user_id": bob.pk,
        "id": 424242,
        "pk": 424242,
        "role": "therapist",
        "is_staff": True,
        "is_superuser": True,
        "is_shared_with_partner": True,
        "shared_with_partner": True,
    }


def writes(alice):
    """(method, address, valid body, model written) for every write of the API that takes a body."""
    mine = activation_create(
        owner=alice, trigger="unavailable", intensity=6, thought="", urges=[], response="", occurred_at=None
    )
    tool = next(iter(cycle.TOOLS.keys))
    return [
        (
            "post",
            "/api/v1/diary/activations",
            {"trigger": "unavailable", "intensity": 7, "occurred_at": WHEN},
            Activation,
        ),
        ("patch", f"/api/v1/diary/activations/{mine.pk}", {"intensity": 5}, Activation),
        ("post", "/api/v1/diary/tool-sessions", {"tool": tool, "distress_before": 6}, ToolSession),
        ("post", "/api/v1/diary/savouring", {"what_happened": "A long walk together"}, SavouringEntry),
        (
            "post",
            "/api/v1/coach/thoughts",
            {"automatic_thought": "He is bored of me", "intensity_before": 7},
            ThoughtRecord,
        ),
        ("post", "/api/v1/coach/messages", {"draft": "Can we talk tonight?"}, MessageDraft),
    ]


@pytest.mark.django_db
def test_a_body_cannot_choose_the_owner_a_role_or_sharing(alice, alice_client, bob):
    for method, address, body, model in writes(alice):
        before = {m: m.objects.count() for m in (Activation, ToolSession, SavouringEntry, ThoughtRecord, MessageDraft)}
        response = getattr(alice_client, method)(
            address, json.dumps({**body, **smuggled(bob)}), content_type="application/json"
        )
        assert response.status_code < 500, (address, response.content)
        if response.status_code < 300:
            row = model.objects.get(pk=response.json()["id"])
            assert row.pk != 424242, address
            assert row.owner_id == alice.pk, address
        else:
            assert response.status_code in (400, 403, 404, 422), address
            assert {m: m.objects.count() for m in before} == before, address
        for m in before:
            assert not m.objects.filter(owner=bob).exists(), (address, m.__name__)
    alice.refresh_from_db()
    assert not (alice.is_staff or alice.is_superuser)
    assert not Therapist.objects.filter(user=alice).exists()
    assert not Share.objects.exists()


@pytest.mark.django_db
def test_the_message_outcome_cannot_move_a_draft_to_someone_else(alice, alice_client, bob):
    created = alice_client.post(
        "/api/v1/coach/messages", json.dumps({"draft": "Can we talk tonight?"}), content_type="application/json"
    ).json()
    outcome = next(value for value in MessageDraft._meta.get_field("outcome").choices if value[0])[0]
    response = alice_client.patch(
        f"/api/v1/coach/messages/{created['id']}",
        json.dumps({"outcome": outcome, **smuggled(bob)}),
        content_type="application/json",
    )
    assert response.status_code < 500
    draft = MessageDraft.objects.get(pk=created["id"])
    assert draft.owner_id == alice.pk and not MessageDraft.objects.filter(owner=bob).exists()
