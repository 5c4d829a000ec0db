"""Reads of the care app: the caseload, one client's report, and the person's own grants, log and homework.

A client's figures come from the apps that own them (check-ins, diary, journey) through their bulk readers, so
a caseload of one and a caseload of fifty cost the same few queries. Only what a grant covers is read at all:
a category left out is never fetched, not merely hidden in the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from earnedsecure.assessments import selectors as check_ins
from earnedsecure.care.access import live
from earnedsecure.care.models import AccessLogEntry, Category, Grant, Homework, Therapist
from earnedsecure.diary import selectors as diary
from earnedsecure.diary.selectors import CaseloadActivations
from earnedsecure.domain.cycle import TOOLS
from earnedsecure.domain.instruments import Change, compare, get_instrument
from earnedsecure.domain.instruments.reliable_change import Outcome
from earnedsecure.domain.progress.figures import duration_in_words
from earnedsecure.domain.progress.pathway import STAGE_TEXT, kept_stages
from earnedsecure.journey import selectors as journey

# What the caseload and the report show of the check-ins: (instrument, subscale), each judged for reliable change.
MEASURES = (("ecr-r", "anxiety"), ("ecr-r", "avoidance"), ("phq-9", "total"), ("gad-7", "total"))
ALERTS_WITHIN = timedelta(days=28)  # item-9 alerts shown this far back; those after the last visit are "new"
ACTIVATION_WITHIN = timedelta(weeks=8)  # the activation summary's window


@dataclass(frozen=True)
class Measure:
    instrument: str
    name: str  # "ECR-R attachment anxiety"
    points: tuple[tuple[datetime, float], ...]  # oldest first
    since_first: Change | None  # first to latest
    since_previous: Change | None  # the one before to latest

    @property
    def latest(self) -> float | None:
        return self.points[-1][1] if self.points else None

    @property
    def worse(self) -> bool:
        return any(c is not None and c.outcome is Outcome.WORSE for c in (self.since_first, self.since_previous))


@dataclass(frozen=True)
class ActivationSummary:
    figures: CaseloadActivations
    weeks: int

    @property
    def per_week(self) -> float:
        return self.figures.count / self.weeks

    @property
    def time_to_calm(self) -> str:
        return duration_in_words(self.figures.median_recovery)

    @property
    def what_helped(self) -> str:
        key = self.figures.most_helpful_tool
        return TOOLS.get(key).label if key in TOOLS else "not enough rated tool sessions yet"


@dataclass(frozen=True)
class Client:
    """What one grant lets its therapist see of one person, read now. A section is None when not granted."""

    grant: Grant
    name: str
    measures: tuple[Measure, ...] | None = None
    alerts: tuple[datetime, ...] | None = None
    new_alerts: int = 0
    activation: ActivationSummary | None = None
    stage: str | None = None
    categories: tuple[str, ...] = field(default=())

    @property
    def worse(self) -> bool:
        return any(m.worse for m in self.measures or ())

    @property
    def attention(self) -> int:
        """0 first: an item-9 alert, then a reliable worsening, then everyone else."""
        return 0 if self.alerts else 1 if self.worse else 2


def person_name(user) -> str:
    return user.first_name or user.get_username()


def _measures(results: dict, assumptions: dict) -> tuple[Measure, ...]:
    measures = []
    for instrument, subscale in MEASURES:
        series = results.get(instrument, [])
        points = tuple((r.completed_at, float(getattr(r, subscale))) for r in series)
        definition = get_instrument(instrument)
        name = f"{definition.short_name} {definition.subscale(subscale).name.split(' (')[0].lower()}"
        rc = assumptions.get(instrument)
        change = partial(compare, instrument, subscale, assumptions=rc)
        measures.append(
            Measure(
                instrument=instrument,
                name=name,
                points=points,
                since_first=change(points[0][1], points[-1][1]) if len(points) > 1 else None,
                since_previous=change(points[-2][1], points[-1][1]) if len(points) > 2 else None,
            )
        )
    return tuple(measures)


def _stage(reached: dict[str, datetime]) -> str:
    """The last stage kept on record (``kept_stages``). The top stage describes now and is judged afresh on
    the person's own pathway page (``domain.progress.pathway``), so a recorded one is never shown here: it may
    have lapsed since."""
    kept = kept_stages(reached)
    return STAGE_TEXT[kept[-1]][0] if kept else "Not started yet"


def clients(*, grants: list[Grant], now: datetime) -> list[Client]:
    """Each grant's client as the grant allows, sorted by who may need attention first. At most seven queries
    whatever the number of grants: each reader is asked only for the people whose grant covers it."""
    covering = {value: [g.owner_id for g in grants if getattr(g, value)] for value in Category.values}
    results = assumptions = {}
    if covering[Category.CHECK_INS]:
        results = check_ins.caseload_results(
            owner_ids=covering[Category.CHECK_INS], instruments=("ecr-r", "phq-9", "gad-7")
        )
        assumptions = check_ins.caseload_assumptions(owner_ids=covering[Category.CHECK_INS])
    flags = (
        check_ins.caseload_item9_flags(owner_ids=covering[Category.SAFETY], since=now - ALERTS_WITHIN)
        if covering[Category.SAFETY]
        else {}
    )
    activations = (
        diary.caseload_activations(owner_ids=covering[Category.ACTIVATION], since=now - ACTIVATION_WITHIN)
        if covering[Category.ACTIVATION]
        else {}
    )
    stages = journey.caseload_stages(owner_ids=covering[Category.PATHWAY]) if covering[Category.PATHWAY] else {}
    found = []
    for grant in grants:
        pk = grant.owner_id
        alerts = tuple(flags[pk]) if pk in flags else None
        since = grant.last_visit_at
        found.append(
            Client(
                grant=grant,
                name=person_name(grant.owner),
                measures=_measures(results[pk], assumptions[pk]) if pk in results else None,
                alerts=alerts,
                new_alerts=sum(1 for at in alerts or () if since is None or at > since),
                activation=ActivationSummary(activations[pk], ACTIVATION_WITHIN.days // 7)
                if pk in activations
                else None,
                stage=_stage(stages[pk]) if pk in stages else None,
                categories=tuple(grant.categories),
            )
        )
    found.sort(key=lambda c: (c.attention, -c.new_alerts, c.name.lower(), c.grant.pk))
    return found


def caseload(*, therapist: Therapist, now: datetime) -> list[Client]:
    grants = list(Grant.objects.filter(live(now), therapist=therapist).select_related("owner"))
    return clients(grants=grants, now=now)


# ---------------------------------------------------------------------------------------------------------
# The person's own side


def therapists() -> list[Therapist]:
    return list(Therapist.objects.select_related("user").order_by("display_name", "pk"))


@dataclass(frozen=True)
class GrantRow:
    grant: Grant
    live: bool


def grants_of(*, owner, now: datetime) -> list[GrantRow]:
    rows = Grant.objects.filter(owner=owner).select_related("therapist").order_by("-created_at", "-pk")
    return [GrantRow(g, g.revoked_at is None and g.expires_at > now) for g in rows]


def access_log(*, owner, limit: int = 200) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(owner=owner).order_by("-at", "-pk")[:limit])


def homework_open(*, owner, now: datetime) -> list[Homework]:
    """Suggestions not declined, from therapists the person still grants access to.

    The card is on every visit to home and most people have no suggestion open: one plain EXISTS query answers
    then. Only when there is one are they read with the live grants (a query with two nested subqueries, about
    a millisecond to build).
    """
    suggestions = Homework.objects.filter(owner=owner, declined_at__isnull=True)
    if not suggestions.exists():
        return []
    therapist_ids = Grant.objects.filter(live(now), owner=owner).values("therapist_id")
    return list(suggestions.filter(therapist_id__in=therapist_ids).select_related("therapist"))


def homework_given(*, therapist: Therapist, owner_id: int) -> list[Homework]:
    return list(Homework.objects.filter(therapist=therapist, owner_id=owner_id))


def own_report(*, owner, now: datetime) -> Client:
    """The person's own report, everything in it, to hand to a therapist without a hosted instance."""
    grant = Grant(owner=owner, created_at=now, expires_at=now, **{value: True for value in Category.values})
    grant.owner_id = owner.pk
    return clients(grants=[grant], now=now)[0]
