"""Reads of the check-ins, each in a few SQL queries whatever the length of a person's history.

Other apps (the home page, the pathway) call ``score_series``, ``latest_result``, ``due_assessments`` and
``ecr_r_anxiety_change``; their signatures are a contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from earnedsecure.assessments.models import ChangeAssumption, InstrumentResponse, SafetyFlag, Schedule
from earnedsecure.assessments.services import (
    DEFAULT_SCHEDULE,
    enabled_instruments,
    instrument_enabled,
    introduction_order,
)
from earnedsecure.core.access import owned_queryset
from earnedsecure.domain.instruments import Change, RCAssumptions, compare, get_instrument
from earnedsecure.domain.instruments.pacing import CheckInHistory, Pace, PacedCheckIn, pace_check_ins
from earnedsecure.domain.instruments.reliable_change import DEFAULT_ASSUMPTIONS
from earnedsecure.domain.progress.professional_help import (
    HIGH_ACTIVATIONS_WITHIN,
    HIGH_INTENSITY,
    ITEM9_WITHIN,
    RISK_ENTRIES_WITHIN,
    CheckInTotal,
    HelpReason,
    HelpSignals,
    RiskEntry,
    professional_help_reasons,
)

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
    title: str = ""  # what it asks about, in everyday words ("Your mood over the last two weeks")


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    slug: str
    name: str
    every_days: int
    last_completed_at: datetime | None
    due_at: datetime | None
    first_completed_at: datetime | None = None
    started: bool = False  # an unfinished response is open
    title: str = ""


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


@dataclass(frozen=True, slots=True)
class Result:
    """A completed check-in's scores and date, as the trajectory lists, charts and compares them."""

    pk: int
    instrument: str
    completed_at: datetime
    anxiety: float | None
    avoidance: float | None
    total: int | None


def results(*, user, instrument: str) -> list[Result]:
    """Every completed result of ``instrument``, oldest first: scores and dates only, as values (the encrypted
    answers would cost a decrypt each, a model instance per result most of the rest). One query."""
    rows = (
        completed(user)
        .filter(instrument=instrument)
        .order_by("completed_at", "pk")
        .values_list("id", "instrument", "completed_at", "anxiety", "avoidance", "total")
    )
    return [Result(*row) for row in rows]


def recent_results(*, user, limit: int = 8) -> list[InstrumentResponse]:
    return list(completed(user).order_by("-completed_at", "-pk")[:limit])


def in_progress(*, user) -> dict[str, InstrumentResponse]:
    rows = owned_queryset(InstrumentResponse, user).filter(status=InstrumentResponse.Status.IN_PROGRESS)
    return {row.instrument: row for row in rows}


def schedule_rows(*, user) -> list[ScheduleRow]:
    """Every enabled instrument with its rhythm (the person's, else the suggested default), its history and its
    next due date, in the order new questionnaires are introduced (``services.INTRODUCTION_ORDER``).

    Two queries: the person's schedule rows, and per instrument (grouped in SQL) the first and last completion
    and whether one is open. ``due_at`` is the schedule's (None for one never taken); pacing decides the rest.
    """
    chosen = dict(owned_queryset(Schedule, user).values_list("instrument", "every_days"))
    history = {
        slug: (first, last, open_count > 0)
        for slug, first, last, open_count in owned_queryset(InstrumentResponse, user)
        .order_by()
        .values_list("instrument")
        .annotate(
            first=Min("completed_at"),
            last=Max("completed_at"),
            open=Count("pk", filter=Q(status=InstrumentResponse.Status.IN_PROGRESS)),
        )
    }
    rows = []
    for definition in introduction_order(enabled_instruments()):
        every_days = chosen.get(definition.slug, DEFAULT_SCHEDULE.get(definition.slug, 0))
        first_at, last_at, started = history.get(definition.slug, (None, None, False))
        due_at = last_at + timedelta(days=every_days) if every_days and last_at else None
        rows.append(
            ScheduleRow(
                definition.slug,
                definition.short_name,
                every_days,
                last_at,
                due_at,
                first_completed_at=first_at,
                started=started,
                title=definition.title,
            )
        )
    return rows


def due_assessments(*, user, now: datetime) -> list[DueAssessment]:
    """The scheduled check-ins that are due by ``now``, soonest first: repeats on their schedule, and of those
    never taken at most one new a day (``domain.instruments.pacing``), in the person's own day."""
    return due_from_rows(schedule_rows(user=user), now=now, zone=user.zone)


def paced(rows: list[ScheduleRow], *, now: datetime, zone: tzinfo) -> dict[str, PacedCheckIn]:
    histories = [
        CheckInHistory(row.slug, row.every_days, row.first_completed_at, row.last_completed_at, row.started)
        for row in rows
    ]
    return {p.slug: p for p in pace_check_ins(histories, now=now, zone=zone)}


def due_from_rows(rows: list[ScheduleRow], *, now: datetime, zone: tzinfo) -> list[DueAssessment]:
    pace = paced(rows, now=now, zone=zone)
    due = []
    for row in rows:
        found = pace[row.slug]
        if found.pace is Pace.DUE and found.due_at is not None:
            overdue = now - found.due_at > OVERDUE_AFTER
            due.append(DueAssessment(row.slug, row.name, found.due_at, overdue=overdue, title=row.title))
    order = {row.slug: position for position, row in enumerate(rows)}
    return sorted(due, key=lambda d: (d.due_at, order[d.slug]))


def coming_up_from_rows(rows: list[ScheduleRow], *, now: datetime, zone: tzinfo) -> list[ScheduleRow]:
    """New questionnaires waiting for a later day (or for the person to ask for another), in the order they
    will come."""
    pace = paced(rows, now=now, zone=zone)
    return [row for row in rows if pace[row.slug].pace is Pace.COMING_UP]


# A person's own SD and reliability change only how the check-in pages describe change (the pathway always uses
# the published defaults), and only within a plausible range: an SD of 0.1 or a reliability of 0 would make
# noise look like reliable change.
RELIABILITY_RANGE = (0.5, 0.99)
SD_FACTORS = (0.5, 2.0)  # times the published default


def plausible_sd_range(default: RCAssumptions) -> tuple[float, float]:
    return round(default.sd * SD_FACTORS[0], 2), round(default.sd * SD_FACTORS[1], 2)


def plausible_assumption(*, sd: float, reliability: float, default: RCAssumptions) -> bool:
    low, high = plausible_sd_range(default)
    return low <= sd <= high and RELIABILITY_RANGE[0] <= reliability <= RELIABILITY_RANGE[1]


def assumptions_for(*, user, instrument: str) -> tuple[RCAssumptions | None, bool]:
    """The person's reliable-change assumptions for an ECR instrument, and whether they chose them.

    ``None`` for the PHQ-9 and GAD-7, whose published fixed rule applies instead. A stored setting outside the
    plausible range (saved before the range existed) is ignored in favour of the default.
    """
    if instrument not in DEFAULT_ASSUMPTIONS:
        return None, False
    own = owned_queryset(ChangeAssumption, user).filter(instrument=instrument).first()
    return _assumptions_from(instrument, own)


def assumptions_by_instrument(*, user, instruments: list[str]) -> dict[str, tuple[RCAssumptions | None, bool]]:
    """``assumptions_for`` of several instruments in one query (the check-in settings page lists them all)."""
    own = {row.instrument: row for row in owned_queryset(ChangeAssumption, user).filter(instrument__in=instruments)}
    return {slug: _assumptions_from(slug, own.get(slug)) for slug in instruments}


def _assumptions_from(instrument: str, own: ChangeAssumption | None) -> tuple[RCAssumptions | None, bool]:
    default = DEFAULT_ASSUMPTIONS.get(instrument)
    if default is None:
        return None, False
    if own is None or not plausible_assumption(sd=own.sd, reliability=own.reliability, default=default):
        return default, False
    source = f"your own setting (the default is SD {default.sd:g} and r {default.reliability:g}, {default.source})"
    return RCAssumptions(sd=own.sd, reliability=own.reliability, source=source), True


_LOOK_UP = object()


def change_between(
    *,
    user,
    first: InstrumentResponse | Result,
    second: InstrumentResponse | Result,
    subscale: str,
    assumptions=_LOOK_UP,
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


# ---------------------------------------------------------------------------------------------------------
# PHQ-9 item 9 and the suggestion to talk to a professional

HOME_CARD_FOR = timedelta(days=14)  # the gentle card after an item-9 flag stays this long unless put away
HELP_LOOKBACK = timedelta(days=365)  # check-ins older than this say nothing about now
# The diary entries the professional-help rule reads: intense ones and those with risky words.
HELP_ACTIVATIONS_WITHIN = max(HIGH_ACTIVATIONS_WITHIN, RISK_ENTRIES_WITHIN)
SCREENERS = ("phq-9", "gad-7")


@dataclass(frozen=True, slots=True)
class FlagRow:
    pk: int
    answer: int
    raised_at: datetime
    dismissed_at: datetime | None


@dataclass(frozen=True, slots=True)
class HomeSafety:
    card: FlagRow | None  # the item-9 card to show on the home page, if any
    reasons: tuple[HelpReason, ...]  # why talking to a professional may help, empty when nothing says so


def safety_flag_for_response(*, user, response_id: int) -> SafetyFlag | None:
    return owned_queryset(SafetyFlag, user).filter(response_id=response_id).first()


def home_safety(*, user, now: datetime, activations=None) -> HomeSafety:
    """The item-9 card and the reasons to talk to a professional, for the home page. Four queries: the check-ins
    (``home_check_ins``, two), the diary's entries since ``HELP_ACTIVATIONS_WITHIN`` and the coach's risk
    levels. The home page passes the diary's entries (``RecentActivation`` rows), which it reads with the
    windows of its own figures.

    Free-text risk counts through the level the diary and the coach stored (encrypted) when each entry was
    saved; their own selectors read it.
    """
    from earnedsecure.coach.selectors import risk_levels_since
    from earnedsecure.diary.selectors import recent_activations

    check_ins = home_check_ins(user=user, now=now)
    flags, totals = check_ins.flags, check_ins.totals
    latest = flags[0] if flags else None
    card = latest if latest and latest.dismissed_at is None and now - latest.raised_at <= HOME_CARD_FOR else None
    if activations is None:
        activations = recent_activations(user=user, since=now - HELP_ACTIVATIONS_WITHIN)
    written = [(a.occurred_at, a.risk_level) for a in activations]
    written += risk_levels_since(user=user, since=now - RISK_ENTRIES_WITHIN)
    signals = HelpSignals(
        check_ins=tuple(totals),
        item9_flags=tuple(flag.raised_at for flag in flags),
        risk_entries=tuple(RiskEntry(level, at) for at, level in written if level and level != "none"),
        high_activations=tuple(
            a.occurred_at
            for a in activations
            if a.intensity >= HIGH_INTENSITY and a.occurred_at >= now - HIGH_ACTIVATIONS_WITHIN
        ),
    )
    return HomeSafety(card=card, reasons=professional_help_reasons(signals, now=now))


@dataclass(frozen=True, slots=True)
class SummaryCheckIn:
    instrument: str
    name: str
    completed_at: datetime
    total: int
    band: str
    item9: int | None

    @property
    def day(self) -> str:
        """The local date as the summary prints it ("3 Jun 2026"): formatted here, as the trajectory's are,
        because the template's date filter cost more than the rest of a year's table together."""
        # The day and month are kept together (a no-break space): on a phone the date wraps to two lines at most.
        return f"{timezone.localtime(self.completed_at):%-d\u00a0%b %Y}"


@dataclass(frozen=True, slots=True)
class SummaryMonth:
    start: datetime
    activations: int
    mean_intensity: float | None
    high: int


@dataclass(frozen=True, slots=True)
class DoctorSummary:
    since: datetime
    activations_since: datetime
    check_ins: tuple[SummaryCheckIn, ...]  # newest first
    flags: tuple[SafetyFlag, ...]  # newest first
    months: tuple[SummaryMonth, ...]  # oldest first, every month of the range

    @property
    def activations(self) -> int:
        return sum(month.activations for month in self.months)


SUMMARY_MONTHS = 6


def doctor_summary(*, user, now: datetime) -> DoctorSummary:
    """What the printable summary for a doctor shows: numbers and dates only, never free text. Three queries.

    1. PHQ-9 and GAD-7 totals of the last year, with their bands and item 9;
    2. item-9 flags of the last year (including those of check-ins left unfinished);
    3. activations per month for the last six months: count, mean intensity, how many at 9-10.
    """
    from earnedsecure.diary.selectors import activation_months

    since = now - HELP_LOOKBACK
    rows = (
        completed(user)
        .filter(instrument__in=SCREENERS, completed_at__gte=since, completed_at__lte=now)
        .order_by("-completed_at", "-pk")
        .values_list("instrument", "completed_at", "total", "item9")
    )
    check_ins = []
    for slug, completed_at, total, item9 in rows:
        definition = get_instrument(slug)
        band = definition.band_for(total)
        check_ins.append(
            SummaryCheckIn(slug, definition.short_name, completed_at, total, band.label if band else "", item9)
        )
    flags = tuple(
        owned_queryset(SafetyFlag, user)
        .filter(raised_at__gte=since, raised_at__lte=now)
        .defer("follow_up")
        .order_by("-raised_at", "-pk")
    )
    local = now.astimezone(user.zone)
    year, month = local.year, local.month - (SUMMARY_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    activations_since = datetime(year, month, 1, tzinfo=user.zone)
    found = {
        (start.year, start.month): SummaryMonth(start, count, mean, high)
        for start, count, mean, high in activation_months(
            user=user, since=activations_since, high_intensity=HIGH_INTENSITY
        )
    }
    months = []  # every month of the six, a quiet one included, so a gap is not read as a missing row
    for offset in range(SUMMARY_MONTHS):
        number = activations_since.month - 1 + offset
        start = datetime(activations_since.year + number // 12, number % 12 + 1, 1, tzinfo=user.zone)
        months.append(found.get((start.year, start.month), SummaryMonth(start, 0, None, 0)))
    return DoctorSummary(
        since=since, activations_since=activations_since, check_ins=tuple(check_ins), flags=flags, months=tuple(months)
    )


# ---------------------------------------------------------------------------------------------------------
# The pathway (journey app) reads its check-ins here


@dataclass(frozen=True, slots=True)
class HomeCheckIns:
    """The check-ins the home page's safety cards read: the recent item-9 flags and the screeners' totals."""

    flags: list[FlagRow]  # item-9 flags of the last ITEM9_WITHIN, newest first
    totals: list[CheckInTotal]  # PHQ-9 and GAD-7 totals of the last HELP_LOOKBACK


def home_check_ins(*, user, now: datetime) -> HomeCheckIns:
    """What ``home_safety`` needs of the check-ins, in two plain reads: the PHQ-9 and GAD-7 totals of the last
    year (``HELP_LOOKBACK``), and the item-9 flags of the last eight weeks (``ITEM9_WITHIN``). Totals only: no
    answer is decrypted here."""
    totals = (
        completed(user)
        .filter(instrument__in=SCREENERS, completed_at__gte=now - HELP_LOOKBACK, completed_at__lte=now)
        .order_by("completed_at")
        .values_list("instrument", "total", "completed_at")
    )
    flags = (
        owned_queryset(SafetyFlag, user)
        .filter(raised_at__gte=now - ITEM9_WITHIN, raised_at__lte=now)  # newest first
        .values_list("id", "answer", "raised_at", "dismissed_at")
    )
    return HomeCheckIns(flags=[FlagRow(*row) for row in flags], totals=[CheckInTotal(*row) for row in totals])


def pathway_check_ins(
    *, user, mood_since: datetime
) -> tuple[list[tuple[datetime, float, float]], list[tuple[datetime, int | None, int | None]]]:
    """Every completed ECR-R as (completed_at, anxiety, avoidance), and since ``mood_since`` the completed PHQ-9s
    as (completed_at, total, item 9) and the item-9 flags as (raised_at, None, answer), oldest first. Two
    queries.

    The flags count on the pathway because an item-9 answer is raised the moment it is saved, also in a
    check-in paused or discarded before its end. (Two plain queries cost less to build and read than one
    UNION of the two tables, whose columns had to be renamed and typed alike.) No assumptions here on purpose:
    the pathway judges change with the published defaults, never with a person's own setting (that is for
    display on the check-in pages only).
    """
    # Only a PHQ-9 has an item 9, so reading the column decrypts the pathway's PHQ-9s and nothing else.
    responses = (
        completed(user)
        .filter(Q(instrument="ecr-r") | Q(instrument="phq-9", completed_at__gte=mood_since))
        .order_by("completed_at")
        .values_list("instrument", "completed_at", "anxiety", "avoidance", "total", "item9")
    )
    ecr_r: list[tuple[datetime, float, float]] = []
    phq_9: list[tuple[datetime, int | None, int | None]] = []
    for instrument, at, anxiety, avoidance, total, answer in responses:
        if instrument == "ecr-r":
            ecr_r.append((at, float(anxiety), float(avoidance)))
        else:
            phq_9.append((at, None if total is None else int(total), answer))
    flags = owned_queryset(SafetyFlag, user).filter(raised_at__gte=mood_since).values_list("raised_at", "answer")
    phq_9 += [(at, None, answer) for at, answer in flags]
    phq_9.sort(key=lambda row: row[0])
    return ecr_r, phq_9


# ---------------------------------------------------------------------------------------------------------
# What a therapist's caseload asks of the check-ins (care): several people at once, in one query each, so the
# caseload costs the same few queries whatever its size. The care app checks each person's grant first.


def caseload_results(*, owner_ids: list[int], instruments: tuple[str, ...]) -> dict[int, dict[str, list[Result]]]:
    """Every completed result of ``instruments`` for each person, oldest first: scores and dates only. One query."""
    found: dict[int, dict[str, list[Result]]] = {pk: {} for pk in owner_ids}
    rows = (
        InstrumentResponse.objects.filter(
            owner_id__in=owner_ids, instrument__in=instruments, status=InstrumentResponse.Status.COMPLETE
        )
        .order_by("owner_id", "completed_at", "pk")
        .values_list("owner_id", "id", "instrument", "completed_at", "anxiety", "avoidance", "total")
    )
    for owner_id, *row in rows:
        found[owner_id].setdefault(row[1], []).append(Result(*row))
    return found


def caseload_assumptions(*, owner_ids: list[int]) -> dict[int, dict[str, RCAssumptions | None]]:
    """Each person's reliable-change assumptions per ECR instrument (their own or the default). One query."""
    own: dict[int, dict[str, ChangeAssumption]] = {pk: {} for pk in owner_ids}
    for row in ChangeAssumption.objects.filter(owner_id__in=owner_ids):
        own[row.owner_id][row.instrument] = row
    return {
        pk: {slug: _assumptions_from(slug, mine.get(slug))[0] for slug in DEFAULT_ASSUMPTIONS}
        for pk, mine in own.items()
    }


def caseload_item9_flags(*, owner_ids: list[int], since: datetime) -> dict[int, list[datetime]]:
    """When each person's item-9 flags were raised since ``since``, newest first; never the answer. One query."""
    found: dict[int, list[datetime]] = {pk: [] for pk in owner_ids}
    rows = SafetyFlag.objects.filter(owner_id__in=owner_ids, raised_at__gte=since).order_by("-raised_at")
    for owner_id, raised_at in rows.values_list("owner_id", "raised_at"):
        found[owner_id].append(raised_at)
    return found


def research_check_ins(*, owner_ids):
    """Completed check-ins of the people in ``owner_ids`` (ids or a subquery), for a research export: scores and
    bands only, never an answer (item 9 included), oldest first per person. A values queryset, to be streamed."""
    return (
        InstrumentResponse.objects.filter(owner_id__in=owner_ids, status=InstrumentResponse.Status.COMPLETE)
        .exclude(completed_at__isnull=True)
        .order_by("owner_id", "completed_at", "pk")
        .values("owner_id", "completed_at", "instrument", "total", "anxiety", "avoidance", "band")
    )
