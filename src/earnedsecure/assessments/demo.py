"""The demo person's check-ins: months of results that tell the report's story of change with a setback.

ECR-R at months 0, 3 and 6 (anxiety about 5.6, 4.9, 4.2; avoidance about 2.6, 2.4, 2.3); the ECR-RS about
the partner, the PHQ-9 and the GAD-7 every two weeks, easing from about 5.8, 12 and 11 to about 4.0, 6 and 5,
with a setback around month four ("progress isn't linear"). PHQ-9 item 9 is always 0. Each answer vector is
built to land on its target and then scored by the domain engine, so stored answers and scores agree.
"""

from __future__ import annotations

import math
from datetime import timedelta

from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.assessments.services import build_complete_response, instrument_enabled
from earnedsecure.domain.instruments import Instrument, get_instrument

ECR_R_TARGETS = [(5.6, 2.6), (4.9, 2.4), (4.2, 2.3)]


def keyed_values(count: int, target_sum: int, low: int, high: int, rng) -> list[int]:
    """``count`` whole numbers in [low, high] summing to ``target_sum`` (clamped), gently spread out."""
    target_sum = max(count * low, min(count * high, target_sum))
    base, extra = divmod(target_sum, count)
    values = [base + (1 if i < extra else 0) for i in range(count)]
    for _ in range(count):
        i, j = rng.randrange(count), rng.randrange(count)
        # Move one point between two answers; the sum never changes and no answer strays far.
        if i != j and values[i] < high and values[j] > low and abs(values[i] + 1 - base) <= 2:
            values[i] += 1
            values[j] -= 1
    rng.shuffle(values)
    return values


def answers_for_means(instrument: Instrument, targets: dict[str, float], rng) -> dict[str, int]:
    """Raw answers whose keyed subscale means are as close to ``targets`` as whole answers allow."""
    answers: dict[str, int] = {}
    for key, target in targets.items():
        items = instrument.subscale_items(key)
        keyed = keyed_values(len(items), round(target * len(items)), instrument.min_value, instrument.max_value, rng)
        for item, value in zip(items, keyed, strict=True):
            answers[item.id] = instrument.recode(item, value)  # recoding is its own inverse
    return answers


def answers_for_total(instrument: Instrument, total: int, rng) -> dict[str, int]:
    """Raw answers summing to ``total``, with the safety item (PHQ-9 item 9) at 0."""
    scored = [item for item in instrument.items if item.id != instrument.safety_item_id]
    values = keyed_values(len(scored), total, instrument.min_value, instrument.max_value, rng)
    answers = {item.id: value for item, value in zip(scored, values, strict=True)}
    if instrument.safety_item_id:
        answers[instrument.safety_item_id] = 0
    return answers


def _setback(day: float, setback_day: float) -> float:
    return math.exp(-(((day - setback_day) / 16) ** 2))


def seed(*, user, months, rng, now):
    span_days = months * 30 + 2
    start = (now - timedelta(days=span_days)).replace(hour=0, minute=0, second=0, microsecond=0)
    setback_day = min(120, span_days * 0.67)
    rows: list[InstrumentResponse] = []

    def add(slug: str, day: float, answers: dict[str, int]) -> None:
        if not instrument_enabled(slug):
            return
        when = start + timedelta(days=day, hours=19, minutes=rng.randrange(0, 120))
        if when > now:
            return
        rows.append(
            build_complete_response(
                user=user, instrument=get_instrument(slug), answers=answers, completed_at=when, source="demo"
            )
        )

    ecr_r = get_instrument("ecr-r")
    for index, month in enumerate(range(0, months + 1, 3)):
        anxiety, avoidance = ECR_R_TARGETS[index] if index < len(ECR_R_TARGETS) else (4.2 - 0.3 * (index - 2), 2.3)
        add("ecr-r", 1 + 30 * month, answers_for_means(ecr_r, {"anxiety": anxiety, "avoidance": avoidance}, rng))

    ecr_rs, phq_9, gad_7 = get_instrument("ecr-rs"), get_instrument("phq-9"), get_instrument("gad-7")
    for day in range(2, span_days, 14):
        progress = day / span_days
        bump = _setback(day, setback_day)
        anxiety = 5.8 - 1.8 * progress + 0.9 * bump + rng.uniform(-0.15, 0.15)
        avoidance = 2.9 - 0.5 * progress + rng.uniform(-0.2, 0.2)
        # The ECR-RS anxiety has three items, so its mean moves in steps of a third.
        add("ecr-rs", day, answers_for_means(ecr_rs, {"anxiety": anxiety, "avoidance": avoidance}, rng))
        phq = round(12 - 6 * progress + 4 * bump + rng.uniform(-1, 1))
        add("phq-9", day + 0.01, answers_for_total(phq_9, phq, rng))
        gad = round(11 - 6 * progress + 4 * bump + rng.uniform(-1, 1))
        add("gad-7", day + 0.02, answers_for_total(gad_7, gad, rng))

    InstrumentResponse.objects.bulk_create(rows)
