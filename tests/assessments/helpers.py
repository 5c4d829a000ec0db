"""Answer vectors and stored results for the check-in tests."""

from __future__ import annotations

from datetime import datetime

from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.assessments.services import response_submit
from earnedsecure.domain.instruments import get_instrument


def uniform_answers(slug: str, value: int | None = None) -> dict[str, int]:
    instrument = get_instrument(slug)
    return {item.id: instrument.min_value if value is None else value for item in instrument.items}


def phq9(total_without_item9: int = 0, item9: int = 0) -> dict[str, int]:
    instrument = get_instrument("phq-9")
    answers, left = {}, total_without_item9
    for item in instrument.items[:8]:
        answers[item.id] = min(3, left)
        left -= answers[item.id]
    answers[instrument.safety_item_id] = item9
    return answers


def ecr(slug: str, anxiety: int, avoidance: int) -> dict[str, int]:
    """Answers whose keyed anxiety and avoidance means are exactly the given whole numbers."""
    instrument = get_instrument(slug)
    answers = {}
    for item in instrument.items:
        keyed = anxiety if item.subscale == "anxiety" else avoidance
        answers[item.id] = instrument.recode(item, keyed)
    return answers


def submit(user, slug: str, answers: dict[str, int], when: datetime) -> InstrumentResponse:
    return response_submit(user=user, instrument=slug, answers=answers, completed_at=when)
