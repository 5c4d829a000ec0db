"""Reads for the diary: lists, the "close the loop" prompts, the insights and the figures other apps need.

Totals over a whole history are aggregated in SQL (Count, Max, Sum). What is grouped by the person's local week
or month, or needs a median, is worked out here from the few short columns of a range's rows (never the
person's words): SQLite has no time zones, and this was both simpler and faster than grouping in SQL. The same
queries run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    Max,
    Min,
    Q,
    Sum,
    When,
)
from django.utils import timezone

from earnedsecure.core.access import get_owned_or_404, owned_queryset
from earnedsecure.diary.models import Activation, ProtestResult, Response, SavouringEntry, Tool, ToolSession, Trigger
from earnedsecure.domain.cycle import FOLLOW_UP
from earnedsecure.domain.progress.figures import median, most_helpful_tool, next_week_start, week_start
from earnedsecure.domain.progress.insights import ToolEffect, rank_tool_effects, tool_effect_from_summary

RANGES = {"3m": ("3 months", 13), "6m": ("6 months", 26), "1y": ("a year", 52), "all": ("everything", None)}
DEFAULT_RANGE = "6m"


def activation_list(*, user):
    return owned_queryset(Activation, user).order_by("-occurred_at")


# What a line of the diary's list shows. The person's own words are not shown there, and each is a decrypt.
LINE_COLUMNS = ("id", "occurred_at", "trigger", "intensity", "response", "recovery_minutes")


def activation_lines(*, user):
    """The person's entries, newest first, with only the columns a line of the list shows."""
    return activation_list(user=user).only(*LINE_COLUMNS)


DIARY_PAGE_SIZE = 30


@dataclass(frozen=True)
class DiaryPage:
    """One page of a list, newest first: the diary's entries or the good moments."""

    number: int
    lines: list
    has_older: bool

    @property
    def has_newer(self) -> bool:
        return self.number > 1


def _page(newest_first, *, number: int, size: int) -> DiaryPage:
    """Page ``number`` (from 1) of an ordered queryset in one query: the page's rows and one more, which says
    whether there are older ones (no count of the whole history)."""
    start = (number - 1) * size
    rows = list(newest_first[start : start + size + 1])
    return DiaryPage(number=number, lines=rows[:size], has_older=len(rows) > size)


def activation_page(
    *,
    user,
    number: int = 1,
    since: datetime | None = None,
    until: datetime | None = None,
    trigger: str = "",
    size: int = DIARY_PAGE_SIZE,
) -> DiaryPage:
    """Page ``number`` (from 1) of the person's entries, newest first, optionally those that began in
    [``since``, ``until``) and had ``trigger``.

    One query whatever the length of the history: the page's rows and one more, which says whether there are
    older ones (no count of the whole history). The filter runs on the (owner, occurred_at) index.
    """
    lines = activation_lines(user=user)
    if since is not None:
        lines = lines.filter(occurred_at__gte=since)
    if until is not None:
        lines = lines.filter(occurred_at__lt=until)
    if trigger:
        lines = lines.filter(trigger=trigger)
    return _page(lines.order_by("-occurred_at", "-id"), number=number, size=size)


def activations_awaiting_follow_up(*, user, now: datetime | None = None):
    """Entries old enough to ask "what actually happened?" about, and not answered yet."""
    now = now or timezone.now()
    return activation_list(user=user).filter(
        outcome_recorded_at__isnull=True,
        occurred_at__lte=now - FOLLOW_UP.opens_after,
        occurred_at__gte=now - FOLLOW_UP.closes_after,
    )


def tool_session_list(*, user):
    return owned_queryset(ToolSession, user).order_by("-started_at")


def savouring_list(*, user):
    return owned_queryset(SavouringEntry, user).order_by("-occurred_at")


def savouring_page(*, user, number: int = 1, size: int = DIARY_PAGE_SIZE) -> DiaryPage:
    """Page ``number`` (from 1) of the person's good moments, newest first, as the diary's entries are paged."""
    return _page(savouring_list(user=user).order_by("-occurred_at", "-id"), number=number, size=size)


@dataclass
class WeekRow:
    start: datetime
    activations: int = 0
    mean_intensity: float | None = None
    protest: int = 0
    direct: int = 0
    soothing: int = 0
    waited: int = 0


@dataclass
class MonthRow:
    start: datetime
    median_recovery: float | None = None
    with_recovery: int = 0
    good_moments: int = 0
    mean_feeling_minutes: float | None = None
    thanked: int = 0


@dataclass
class Insights:
    range_key: str
    since: datetime | None
    weeks: list[WeekRow]
    months: list[MonthRow]
    triggers: list[tuple[str, str, int, float | None]]  # key, label, count, mean intensity
    responses: dict[str, int]
    protest_results: dict[str, int]
    tools: list[ToolEffect]
    total_activations: int = 0
    total_good_moments: int = 0
    extra: dict = field(default_factory=dict)


def _month_start(moment: datetime, zone) -> datetime:
    local = moment.astimezone(zone)
    return datetime(local.year, local.month, 1, tzinfo=zone)


def _next_month(moment: datetime) -> datetime:
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return moment.replace(year=year, month=month)


def _mean(values: list) -> float | None:
    return sum(values) / len(values) if values else None


def insights(*, user, now: datetime | None = None, range_key: str = DEFAULT_RANGE) -> Insights:
    """Everything the insights page draws, in three queries.

    1. the range's activations, six short columns and none of the person's words: counted per local week
       (what the person did), their recovery median per local month (the one median rule), and counted by
       trigger, response and protest result
    2. the range's good moments, three columns: counted per local month, mean duration, thanks given
    3. tools: ``tool_figures`` over the range

    Weeks and months are the person's own, from the zone database. SQLite has no time zones: grouping by a local
    week in SQL took a Python call per row (Django's Trunc) or a CASE over the zone's clock changes, and was
    slower than reading the rows and grouping them here, for a range of months and for three years alike.
    """
    now = now or timezone.now()
    zone = user.zone
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    weeks_back = RANGES[range_key][1]
    this_week = week_start(now, zone)
    since = this_week - timedelta(weeks=weeks_back - 1) if weeks_back else None

    activations = owned_queryset(Activation, user)
    sessions = owned_queryset(ToolSession, user)
    moments = owned_queryset(SavouringEntry, user)
    if since is not None:
        activations = activations.filter(occurred_at__gte=since)
        sessions = sessions.filter(started_at__gte=since)
        moments = moments.filter(occurred_at__gte=since)

    # 1. Activations: weeks, recovery per month, triggers, responses and whether protests "worked".
    by_week: dict[datetime, WeekRow] = {}
    recoveries: dict[datetime, list[int]] = {}
    by_trigger: dict[str, list[int]] = {}
    responses: dict[str, int] = {}
    protest_results: dict[str, int] = {}
    intensities: dict[datetime, list[int]] = {}
    for at, trigger, intensity, response, protest_result, recovery_minutes in activations.values_list(
        "occurred_at", "trigger", "intensity", "response", "protest_result", "recovery_minutes"
    ):
        start = week_start(at, zone)
        if start not in by_week:
            by_week[start] = WeekRow(start=start)
        week = by_week[start]
        week.activations += 1
        intensities.setdefault(start, []).append(intensity)
        if response == Response.PROTEST:
            week.protest += 1
        elif response == Response.DIRECT:
            week.direct += 1
        elif response == Response.SOOTHING:
            week.soothing += 1
        elif response == Response.WAITED:
            week.waited += 1
        if recovery_minutes is not None:
            recoveries.setdefault(_month_start(at, zone), []).append(recovery_minutes)
        counts = by_trigger.setdefault(trigger, [0, 0])
        counts[0] += 1
        counts[1] += intensity
        responses[response or "unrecorded"] = responses.get(response or "unrecorded", 0) + 1
        if response == Response.PROTEST:
            key = protest_result or "unknown"
            protest_results[key] = protest_results.get(key, 0) + 1
    for start, values in intensities.items():
        by_week[start].mean_intensity = _mean(values)

    first_week = since or (min(by_week) if by_week else this_week)
    weeks: list[WeekRow] = []
    cursor = first_week
    while cursor <= this_week:
        weeks.append(by_week.get(cursor) or WeekRow(start=cursor))
        cursor = next_week_start(cursor, zone)

    # 2. Good moments per month.
    savoured: dict[datetime, list] = {}
    for at, feeling_minutes, thanked_partner in moments.values_list(
        "occurred_at", "feeling_minutes", "thanked_partner"
    ):
        savoured.setdefault(_month_start(at, zone), []).append((feeling_minutes, thanked_partner))

    first_month = _month_start(weeks[0].start, zone) if weeks else _month_start(now, zone)
    known_months = list(recoveries) + list(savoured)
    if since is None and known_months:
        first_month = min([first_month, *known_months])
    months: list[MonthRow] = []
    cursor = first_month
    last_month = _month_start(now, zone)
    while cursor <= last_month:
        moments_of_month = savoured.get(cursor, [])
        months.append(
            MonthRow(
                start=cursor,
                median_recovery=median(recoveries.get(cursor, [])),
                with_recovery=len(recoveries.get(cursor, [])),
                good_moments=len(moments_of_month),
                mean_feeling_minutes=_mean([minutes for minutes, _ in moments_of_month if minutes is not None]),
                thanked=sum(1 for _, thanked in moments_of_month if thanked),
            )
        )
        cursor = _next_month(cursor)

    labels = dict(Trigger.choices)
    triggers = sorted(
        ((key, labels.get(key, key), n, total / n if n else None) for key, (n, total) in by_trigger.items()),
        key=lambda t: (-t[2], t[0]),
    )

    # 3. Tools: sums for the mean drop and its interval (domain/progress/insights.py).
    tools = list(tool_figures(user=user, since=since).effects)

    return Insights(
        range_key=range_key,
        since=since,
        weeks=weeks,
        months=months,
        triggers=triggers,
        responses=responses,
        protest_results={k: protest_results.get(k, 0) for k in [*ProtestResult.values, "unknown"]},
        tools=tools,
        total_activations=sum(w.activations for w in weeks),
        total_good_moments=sum(m.good_moments for m in months),
    )


def activation_months(
    *, user, since: datetime, high_intensity: int = 9
) -> list[tuple[datetime, int, float | None, int]]:
    """(local month start, activations, mean intensity, activations at ``high_intensity`` or more) per month
    since ``since``, oldest first. One query of two columns; used by the check-ins' summary for a doctor."""
    by_month: dict[datetime, list[int]] = {}
    for at, intensity in (
        activation_list(user=user).filter(occurred_at__gte=since).values_list("occurred_at", "intensity")
    ):
        by_month.setdefault(_month_start(at, user.zone), []).append(intensity)
    return [
        (start, len(values), _mean(values), sum(1 for value in values if value >= high_intensity))
        for start, values in sorted(by_month.items())
    ]


@dataclass(frozen=True, slots=True)
class RecentActivation:
    occurred_at: datetime
    intensity: int
    risk_level: str | None  # found in the words at save; None on entries saved before levels were stored


def recent_activations(*, user, since: datetime) -> list[RecentActivation]:
    """When, how intense, and the risk level of each of the person's activations since ``since``, for the
    professional-help rule on home. One query; the level is encrypted, so it is read here, never filtered in SQL.
    """
    return [
        RecentActivation(at, intensity, level)
        for at, intensity, level in activation_list(user=user)
        .filter(occurred_at__gte=since)
        .values_list("occurred_at", "intensity", "risk_level")
    ]


# ---------------------------------------------------------------------------------------------------------
# What other apps need from the diary. Home, the pathway, reminders and the coach read diary rows only
# through these functions (and the diary's own services write them).


# The pathway's windows: the first four weeks, the last four and the four before, responses over eight.
WINDOW = timedelta(days=28)
RESPONSES_WINDOW = timedelta(days=56)


@dataclass(frozen=True)
class ActivationFigures:
    first_at: datetime | None = None  # None: no entries at all
    # Over the whole history; None when not counted (``activation_figures(whole_history=False)``).
    latest_at: datetime | None = None
    total: int | None = 0
    named_triggers: int | None = 0
    baseline: int = 0
    baseline_intensity: float | None = None
    this_week: int = 0
    this_week_intensity: float | None = None
    recent: int = 0
    recent_intensity: float | None = None
    previous: int = 0
    recent_responses: int = 0
    recent_non_protest: int = 0
    last_8_weeks: int = 0
    awaiting_follow_up_id: int | None = None
    baseline_median_recovery: float | None = None
    recent_median_recovery: float | None = None
    previous_median_recovery: float | None = None
    # ``recent_activations(since=risk_since)``, read with the windows' rows when asked (home's safety card).
    risk_entries: tuple[RecentActivation, ...] = ()


def activation_figures(
    *, user, now: datetime, risk_since: datetime | None = None, whole_history: bool = True
) -> ActivationFigures:
    """Counts, means and medians of a person's activations for the pathway and the home page. Two queries:

    1. Over the whole history, one aggregate: the first and latest entry, the total, named triggers. With
       ``whole_history=False`` (home, a partner's weekly note: they show the windows only) it asks for the first
       entry alone, which places the windows; ``total``, ``named_triggers`` and ``latest_at`` are then None
       (not counted), never a made-up 0.
    2. The few rows of the windows (the first four weeks, and the last eight, which hold this week, the last
       four, the four before and the follow-up window): counted, averaged and their recovery medians taken
       here, with the one median rule. Their number depends on the windows, not on the length of the history.

    An entry in both the first four weeks and a recent window counts in both, but its recovery goes to the
    median of the recent one only (the first four weeks are the starting point a recent median is compared with).

    With ``risk_since`` (at most eight weeks back, inside the windows) the second query also reads the risk
    level, and ``risk_entries`` holds what ``recent_activations(since=risk_since)`` would answer, without a
    query of its own.
    """
    activations = owned_queryset(Activation, user)
    if whole_history:
        totals = activations.aggregate(
            first_at=Min("occurred_at"),
            latest_at=Max("occurred_at"),
            total=Count("id"),
            # Named: a trigger other than "other", or a note. Counted as the rest (one condition, no negations).
            unnamed=Count("id", filter=Q(trigger=Trigger.OTHER, trigger_note="")),
        )
    else:  # the counts over the whole history cost three times the first entry alone, for figures not shown
        totals = activations.aggregate(first_at=Min("occurred_at"))
    first_at = totals["first_at"]
    if first_at is None:
        return ActivationFigures()
    baseline_end = first_at + WINDOW
    recent_start, previous_start = now - WINDOW, now - 2 * WINDOW
    responses_start, this_week_start = now - RESPONSES_WINDOW, week_start(now, user.zone)
    awaiting_start, awaiting_end = now - FOLLOW_UP.closes_after, now - FOLLOW_UP.opens_after
    since = min(previous_start, responses_start, this_week_start, awaiting_start)
    if risk_since is not None and risk_since < since:
        raise ValueError("risk_since reaches before the windows' rows")
    columns = ["id", "occurred_at", "intensity", "response", "recovery_minutes", "outcome_recorded_at"]
    if risk_since is not None:
        # Encrypted: decrypted only when the caller shows it, and only for the rows since risk_since.
        activations = activations.annotate(risk=Case(When(occurred_at__gte=risk_since, then=F("risk_level"))))
        columns.append("risk")
    rows = activations.filter(Q(occurred_at__lt=baseline_end) | Q(occurred_at__gte=since)).values_list(*columns)

    intensities: dict[str, list[int]] = {"baseline": [], "this_week": [], "recent": [], "previous": []}
    recoveries: dict[str, list[int]] = {"baseline": [], "recent": [], "previous": []}
    last_8_weeks = recent_responses = recent_non_protest = 0
    awaiting: list[int] = []
    risk_entries: list[RecentActivation] = []
    for pk, at, intensity, response, recovery_minutes, outcome_recorded_at, *risk_level in rows:
        if risk_since is not None and at >= risk_since:
            risk_entries.append(RecentActivation(at, intensity, risk_level[0]))
        in_recent = recent_start <= at <= now
        in_previous = previous_start <= at < recent_start
        in_baseline = at < baseline_end
        for window, inside in (
            ("baseline", in_baseline),
            ("this_week", this_week_start <= at <= now),
            ("recent", in_recent),
            ("previous", in_previous),
        ):
            if inside:
                intensities[window].append(intensity)
        median_window = "recent" if in_recent else "previous" if in_previous else "baseline" if in_baseline else None
        if median_window is not None and recovery_minutes is not None:
            recoveries[median_window].append(recovery_minutes)
        if responses_start <= at <= now:
            last_8_weeks += 1
            if response:
                recent_responses += 1
                recent_non_protest += response != Response.PROTEST
        if outcome_recorded_at is None and awaiting_start <= at <= awaiting_end:
            awaiting.append(pk)

    def mean(values: list[int]) -> float | None:
        return sum(values) / len(values) if values else None

    return ActivationFigures(
        first_at=first_at,
        latest_at=totals["latest_at"] if whole_history else None,
        total=totals["total"] if whole_history else None,
        named_triggers=totals["total"] - totals["unnamed"] if whole_history else None,
        baseline=len(intensities["baseline"]),
        baseline_intensity=mean(intensities["baseline"]),
        this_week=len(intensities["this_week"]),
        this_week_intensity=mean(intensities["this_week"]),
        recent=len(intensities["recent"]),
        recent_intensity=mean(intensities["recent"]),
        previous=len(intensities["previous"]),
        recent_responses=recent_responses,
        recent_non_protest=recent_non_protest,
        last_8_weeks=last_8_weeks,
        awaiting_follow_up_id=max(awaiting, default=None),
        baseline_median_recovery=median(recoveries["baseline"]),
        recent_median_recovery=median(recoveries["recent"]),
        previous_median_recovery=median(recoveries["previous"]),
        risk_entries=tuple(risk_entries),
    )


@dataclass(frozen=True)
class ToolFigures:
    sessions: int = 0  # every session, rated or not
    effects: tuple[ToolEffect, ...] = ()  # every tool, surest to calm first (rank_tool_effects)

    @property
    def most_helpful(self) -> ToolEffect | None:
        return most_helpful_tool(self.effects)


def tool_session_count(*, user) -> int:
    """How many calming-tool sessions the person has had, rated or not (what the pathway counts). One query."""
    return owned_queryset(ToolSession, user).count()


def tool_figures(*, user, since: datetime | None = None) -> ToolFigures:
    """Sessions and each tool's effect (n, sum of drops, sum of squared drops for the interval). One query."""
    sessions = owned_queryset(ToolSession, user)
    if since is not None:
        sessions = sessions.filter(started_at__gte=since)
    drop = F("distress_before") - F("distress_after")  # NULL for an unrated session, which SUM leaves out
    rows = {
        row["tool"]: row
        for row in sessions.values("tool")
        .annotate(n=Count("id"), rated=Count("distress_after"), total=Sum(drop), total_squared=Sum(drop * drop))
        .order_by()
    }
    effects = rank_tool_effects(
        tool_effect_from_summary(
            tool=key,
            sessions=rows[key]["rated"] if key in rows else 0,
            total_drop=float(rows[key]["total"] or 0) if key in rows else 0.0,
            total_drop_squared=float(rows[key]["total_squared"] or 0) if key in rows else 0.0,
        )
        for key in Tool.values
    )
    return ToolFigures(sessions=sum(row["n"] for row in rows.values()), effects=tuple(effects))


# ---------------------------------------------------------------------------------------------------------
# What the coach and the journey ask of the diary: they call these instead of reading diary rows themselves.


def activation_get(*, user, pk: int) -> Activation:
    """One of the person's own entries (a thought record links to it), 404 for anyone else's."""
    return get_owned_or_404(Activation, user, pk=pk)


@dataclass(frozen=True)
class PastActivations:
    total: int  # every past entry of the kind with an outcome written down
    average_recovery_minutes: float | None
    fastest_recovery_minutes: int | None
    slowest_recovery_minutes: int | None
    latest: tuple[Activation, ...]  # the most recent ``limit``, newest first


def activations_like(*, user, trigger: str, limit: int) -> PastActivations:
    """Past entries with this trigger whose outcome is written down ("in the past when you felt this way"):
    figures over all of them and the latest ``limit``. Two queries; none without a trigger."""
    if not trigger:
        return PastActivations(0, None, None, None, ())
    past = (
        owned_queryset(Activation, user).filter(trigger=trigger, outcome_recorded_at__isnull=False).exclude(outcome="")
    )
    summary = past.aggregate(
        total=Count("id"),
        average=Avg("recovery_minutes"),
        fastest=Min("recovery_minutes"),
        slowest=Max("recovery_minutes"),
    )
    latest = past.order_by("-occurred_at").only(
        "id", "occurred_at", "intensity", "recovery_minutes", "outcome", "protest_result"
    )[:limit]
    return PastActivations(summary["total"], summary["average"], summary["fastest"], summary["slowest"], tuple(latest))


def savouring_with_partner(*, user, limit: int) -> tuple[SavouringEntry, ...]:
    """The latest good moments shared with the partner, newest first. One query."""
    return tuple(
        savouring_list(user=user)
        .filter(with_partner=True)
        .only("id", "occurred_at", "what_happened", "feeling_minutes")[:limit]
    )


def latest_awaiting_follow_up(*, user, now: datetime, since: datetime, excluding=()) -> tuple[int, datetime] | None:
    """(id, time) of the newest entry from ``since`` on that is open for "what actually happened?", leaving out
    the ids in ``excluding`` (a list or a subquery of ids without NULLs). One query."""
    return (
        activations_awaiting_follow_up(user=user, now=now)
        .filter(occurred_at__gte=since)
        .exclude(pk__in=excluding)
        .values_list("id", "occurred_at")
        .first()
    )


def nth_activation_at(*, user, n: int) -> datetime | None:
    """When the person's n-th entry happened (None before there are n): the demo dates the pathway by it."""
    return activation_list(user=user).order_by("occurred_at").values_list("occurred_at", flat=True)[n - 1 : n].first()


def nth_tool_session_at(*, user, n: int) -> datetime | None:
    """When the person's n-th calming-tool session started (None before there are n)."""
    return tool_session_list(user=user).order_by("started_at").values_list("started_at", flat=True)[n - 1 : n].first()


# ---------------------------------------------------------------------------------------------------------
# What a therapist's caseload asks of the diary (care): several people at once, one query each, figures only,
# never a word a person wrote. The care app checks each person's grant first.


@dataclass(frozen=True)
class CaseloadActivations:
    count: int = 0
    mean_intensity: float | None = None
    median_recovery: float | None = None
    protest: int = 0  # met with a protest behaviour
    direct: int = 0  # said what they felt and needed, directly
    other_responses: int = 0  # soothed, waited or something else
    most_helpful_tool: str | None = None  # a tool key of domain.cycle


def caseload_activations(*, owner_ids: list[int], since: datetime) -> dict[int, CaseloadActivations]:
    """Each person's activations since ``since``: how many, how intense, time to calm (the one median rule),
    how they were met, and the tool that calms them most surely. Two queries."""
    rows: dict[int, list[tuple]] = {pk: [] for pk in owner_ids}
    for owner_id, *row in (
        Activation.objects.filter(owner_id__in=owner_ids, occurred_at__gte=since)
        .order_by()
        .values_list("owner_id", "intensity", "response", "recovery_minutes")
    ):
        rows[owner_id].append(row)
    drop = F("distress_before") - F("distress_after")
    sums: dict[int, list] = {pk: [] for pk in owner_ids}
    for row in (
        ToolSession.objects.filter(owner_id__in=owner_ids, started_at__gte=since)
        .values("owner_id", "tool")
        .annotate(rated=Count("distress_after"), total=Sum(drop), total_squared=Sum(drop * drop))
        .order_by()
    ):
        sums[row["owner_id"]].append(
            tool_effect_from_summary(
                tool=row["tool"],
                sessions=row["rated"],
                total_drop=float(row["total"] or 0),
                total_drop_squared=float(row["total_squared"] or 0),
            )
        )
    found = {}
    for pk in owner_ids:
        mine = rows[pk]
        responses = [response for _, response, _ in mine]
        best = most_helpful_tool(rank_tool_effects(sums[pk]))
        found[pk] = CaseloadActivations(
            count=len(mine),
            mean_intensity=sum(i for i, _, _ in mine) / len(mine) if mine else None,
            median_recovery=median(r for _, _, r in mine if r is not None),
            protest=responses.count(Response.PROTEST),
            direct=responses.count(Response.DIRECT),
            other_responses=sum(1 for r in responses if r and r not in (Response.PROTEST, Response.DIRECT)),
            most_helpful_tool=best.tool if best else None,
        )
    return found


def research_activations(*, owner_ids):
    """Activations of the people in ``owner_ids`` (ids or a subquery), for a research export: the app's own
    choices, intensity and minutes to calm, never a word the person wrote. A values queryset, to be streamed."""
    return (
        Activation.objects.filter(owner_id__in=owner_ids)
        .order_by("owner_id", "occurred_at", "pk")
        .values(
            "owner_id", "occurred_at", "trigger", "intensity", "urges", "response", "protest_result", "recovery_minutes"
        )
    )


def research_tool_sessions(*, owner_ids):
    """Soothing-tool sessions of the people in ``owner_ids``, for a research export: which tool, how long, distress
    before and after. A values queryset, to be streamed."""
    return (
        ToolSession.objects.filter(owner_id__in=owner_ids)
        .order_by("owner_id", "started_at", "pk")
        .values("owner_id", "started_at", "tool", "duration_seconds", "distress_before", "distress_after")
    )
