"""The heavy person of the benchmarks: three years of entries (3,000 activations, 1,000 tool sessions, 500 good
moments, an ECR-R every three months), inserted with bulk_create. Used by benchmarks/home.py and by the
home page's query-count test, so both measure the same person."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

YEARS = 3
ACTIVATIONS = 3000
TOOL_SESSIONS = 1000
GOOD_MOMENTS = 500


def seed_heavy_person(*, user, now: datetime, seed: int = 7) -> None:
    from earnedsecure.diary.models import Activation, Response, SavouringEntry, Tool, ToolSession, Trigger

    rng = random.Random(seed)
    span = timedelta(days=365 * YEARS)
    start = now - span
    triggers = [t.value for t in Trigger]
    tools = [t.value for t in Tool]

    activations = []
    for index in range(ACTIVATIONS):
        # Spread over three years, a little denser at the start; recovery shrinks from hours to minutes.
        progress = (index / ACTIVATIONS) ** 1.15
        occurred_at = start + span * progress + timedelta(minutes=rng.randrange(0, 600))
        occurred_at = min(occurred_at, now - timedelta(hours=1))
        recovery = max(2, int(rng.gauss(360 * (1 - progress) + 15, 40)))
        response = rng.choices(
            [Response.PROTEST, Response.DIRECT, Response.SOOTHING, Response.WAITED, ""],
            weights=[6 * (1 - progress) + 1, 2 + 3 * progress, 2 + 3 * progress, 1 + 2 * progress, 1],
        )[0]
        followed = rng.random() < 0.8
        activations.append(
            Activation(
                owner=user,
                occurred_at=occurred_at,
                trigger=rng.choice(triggers),
                intensity=max(1, min(10, round(rng.gauss(7.5 - 3.5 * progress, 1.3)))),
                urges=[],
                response=response,
                calm_at=occurred_at + timedelta(minutes=recovery),
                recovery_minutes=recovery,
                outcome_recorded_at=occurred_at + timedelta(hours=5) if followed else None,
            )
        )
    Activation.objects.bulk_create(activations, batch_size=500)

    sessions = []
    for _ in range(TOOL_SESSIONS):
        started_at = start + span * rng.random()
        before = rng.randint(4, 9)
        sessions.append(
            ToolSession(
                owner=user,
                tool=rng.choice(tools),
                started_at=started_at,
                duration_seconds=rng.randint(60, 600),
                distress_before=before,
                distress_after=max(0, before - rng.randint(0, 4)),
            )
        )
    ToolSession.objects.bulk_create(sessions, batch_size=500)

    moments = [
        SavouringEntry(
            owner=user,
            occurred_at=start + span * rng.random(),
            what_happened="A slow breakfast together.",
            feeling_minutes=rng.randint(5, 120),
        )
        for _ in range(GOOD_MOMENTS)
    ]
    SavouringEntry.objects.bulk_create(moments, batch_size=500)

    try:
        from earnedsecure.assessments.models import InstrumentResponse
    except ImportError:
        return
    responses = []
    for quarter in range(YEARS * 4 + 1):
        completed_at = start + timedelta(days=91 * quarter + 1)
        if completed_at > now:
            break
        responses.append(
            InstrumentResponse(
                owner=user,
                instrument="ecr-r",
                instrument_version="1",
                status=InstrumentResponse.Status.COMPLETE,
                source=InstrumentResponse.Source.DEMO,
                started_at=completed_at,
                completed_at=completed_at,
                anxiety=round(5.8 - 2.6 * quarter / (YEARS * 4), 2),
                avoidance=2.5,
            )
        )
    InstrumentResponse.objects.bulk_create(responses)
