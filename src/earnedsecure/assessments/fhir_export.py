"""FHIR R4 Bundles of a person's check-ins: each completed response with the Observations of its scores.

The resources themselves come from the domain builders (``earnedsecure.domain.instruments.fhir``); this
module only gives them stable ids and ties them together. Inside a Bundle, the Observations point to their
QuestionnaireResponse by its ``urn:uuid`` full URL, derived from the row so an export is reproducible.
"""

from __future__ import annotations

import uuid

from django.utils import timezone

from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.domain.instruments import fhir as domain_fhir
from earnedsecure.domain.instruments import get_instrument, score

_NAMESPACE = uuid.UUID("5b0f7c8e-3d51-4c7a-9a59-0e7f1c2d9b11")


def subject_reference(user) -> str:
    return f"Patient/person-{user.pk}"


def _urn(kind: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}:{key}')}"


def response_entries(response: InstrumentResponse) -> list[dict]:
    """Bundle entries for one completed response: the QuestionnaireResponse, then one Observation per score."""
    instrument = get_instrument(response.instrument)
    subject = subject_reference(response.owner)
    response_urn = _urn("response", f"{response.owner_id}:{response.pk}")
    entries = [
        {
            "fullUrl": response_urn,
            "resource": domain_fhir.questionnaire_response(
                instrument, response.answers, response.completed_at, subject, response_id=f"response-{response.pk}"
            ),
        }
    ]
    result = score(instrument, response.answers)
    for index, observation in enumerate(
        domain_fhir.observations(instrument, result, response_urn, response.completed_at, subject)
    ):
        observation["id"] = f"response-{response.pk}-score-{index + 1}"
        entries.append(
            {"fullUrl": _urn("observation", f"{response.owner_id}:{response.pk}:{index}"), "resource": observation}
        )
    return entries


def bundle(responses, *, bundle_id: str) -> dict:
    entries = [entry for response in responses for entry in response_entries(response)]
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "total": len(entries),
        "entry": entries,
    }


def person_bundle(user) -> dict:
    """Every completed check-in of ``user``, oldest first, as one collection Bundle."""
    responses = (
        InstrumentResponse.objects.filter(owner=user, status=InstrumentResponse.Status.COMPLETE)
        .select_related("owner")
        .order_by("completed_at", "pk")
    )
    return bundle(responses, bundle_id=f"person-{user.pk}-check-ins")
