"""Reads of the check-ins, each in a few SQL queries whatever the length of a person's history.

Other apps (the home page, the pathway) call ``score_series``, ``latest_result``, ``due_assessments`` and
``ecr_r_anxiety_change``; their signatures are a contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max

from earnedsecure.assessments.models import ChangeAssumption, InstrumentResponse, Schedule
from earnedsecure.assessments.services import DEFAULT_SCHEDULE, enabled_instruments, instrument_enabled
from earnedsecure.core.access import owned_queryset
from earnedsecure.domain.instruments import Change, RCAssumptions, compare, get_instrument
from earnedsecure.domain.instruments.reliable_change import DEFAULT_ASSUMPTIONS

# The score column that holds each subscale key of the domain definitions.
SUBSCALE_COLUMNS = {"anxiety": "anxiety", "avoidance": "avoidance", "total": "total"}
# A check-in counts as overdue this long after its due date (a gentle nudge, never a telling-off).
OVERDUE_AFTER = timedelta(days=3)


@dataclass(frozen=True, slots=True)
class DueAssessment:
    slug: str
    name: str
    due_at: datetime
    overdue: bool


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    slug: str
    name: str
    every_days: int
    last_completed_at: datetime | None
    due_at: datetime | None


def completed(user):
    return owned_queryset(InstrumentResponse, user).filter(status=InstrumentResponse.Status.COMPLETE)


def _column(instrument: str, subscale: str) -> str:
    definition = get_instrument(instrument)
    definition.subscale(subscale)  # KeyError naming the known subscales
    return SUBSCALE_COLUMNS[subscale]


def score_series(*, user, instrument: str, subscale: str) -> list[tuple[datetime, float]]:
    """(completed_at, score) of every completed response to ``instrument``, oldest first. One query."""
    column = _column(instrument, subscale)
    rows = (
        completed(user).filter(instrument=instrument).order_by("completed_at", "pk").values_list("completed_at", column)
    )
    return [(when, float(value)) for when, value in rows]


def latest_result(*, user, instrument: str) -> InstrumentResponse | None:
    return completed(user).filter(instrument=instrument).order_by("-completed_at", "-pk").first()


def recent_results(*, user, limit: int = 8) -> list[InstrumentResponse]:
    return list(completed(user).order_by("-completed_at", "-pk")[:limit])


def in_progress(*, user) -> dict[str, InstrumentResponse]:
    rows = owned_queryset(InstrumentResponse, user).filter(status=InstrumentResponse.Status.IN_PROGRESS)
    return {row.instrument: row for row in rows}


def schedule_rows(*, user) -> list[ScheduleRow]:
    """Every enabled instrument with its rhythm (the person's, else the suggested default) and next due date.

    Two queries: the person's schedule rows and the last completion per instrument (grouped in SQL).
    """
    chosen = dict(owned_queryset(Schedule, user).values_list("instrument", "every_days"))
    last = dict(
        completed(user).values("instrument").annotate(last=Max("completed_at")).values_list("instrument", "last")
    )
    rows = []
    for definition in enabled_instruments():
        every_days = chosen.get(definition.slug, DEFAULT_SCHEDULE.get(definition.slug, 0))
        last_at = last.get(definition.slug)
        due_at = None
        if every_days:
            due_at = last_at + timedelta(days=every_days) if last_at else None
        rows.append(ScheduleRow(definition.slug, definition.short_name, every_days, last_at, due_at))
    return rows


def due_assessments(*, user, now: datetime) -> list[DueAssessment]:
    """The scheduled check-ins that are due by ``now`` (never taken counts as due now), soonest first."""
    return due_from_rows(schedule_rows(user=user), now=now)


def due_from_rows(rows: list[ScheduleRow], *, now: datetime) -> list[DueAssessment]:
    due = []
    for row in rows:
        if not row.every_days:
            continue
        due_at = row.due_at or now
        if due_at <= now:
            due.append(DueAssessment(row.slug, row.name, due_at, overdue=now - due_at > OVERDUE_AFTER))
    return sorted(due, key=lambda d: (d.due_at, d.slug))


def assumptions_for(*, user, instrument: str) -> tuple[RCAssumptions | None, bool]:
    """The person's reliable-change assumptions for an ECR instrument, and whether they chose them.

    ``None`` for the PHQ-9 and GAD-7, whose published fixed rule applies instead.
    """
    default = DEFAULT_ASSUMPTIONS.get(instrument)
    if default is None:
        return None, False
    own = owned_queryset(ChangeAssumption, user).filter(instrument=instrument).first()
    if own is None:
        return default, False
    source = f"your own setting (the default is SD {default.sd:g} and r {default.reliability:g}, {default.source})"
    return RCAssumptions(sd=own.sd, reliability=own.reliability, source=source), True


_LOOK_UP = object()


def change_between(
    *, user, first: InstrumentResponse, second: InstrumentResponse, subscale: str, assumptions=_LOOK_UP
) -> Change:
    """Reliable change of one subscale from ``first`` to ``second`` (both the person's, same instrument).

    Pass ``assumptions`` (from ``assumptions_for``) when comparing several subscales, to save the query.
    """
    if first.instrument != second.instrument:
        raise ValueError("compare two results of the same instrument")
    column = _column(first.instrument, subscale)
    if assumptions is _LOOK_UP:
        assumptions, _ = assumptions_for(user=user, instrument=first.instrument)
    return compare(
        first.instrument, subscale, float(getattr(first, column)), float(getattr(second, column)), assumptions
    )


def ecr_r_anxiety_change(*, user) -> Change | None:
    """Reliable change in ECR-R anxiety from the first to the latest result, with the person's assumptions."""
    if not instrument_enabled("ecr-r"):
        return None
    series = completed(user).filter(instrument="ecr-r")
    first = series.order_by("completed_at", "pk").values_list("pk", "anxiety").first()
    latest = series.order_by("-completed_at", "-pk").values_list("pk", "anxiety").first()
    if first is None or latest is None or first[0] == latest[0]:
        return None
    assumptions, _ = assumptions_for(user=user, instrument="ecr-r")
    return compare("ecr-r", "anxiety", float(first[1]), float(latest[1]), assumptions)
