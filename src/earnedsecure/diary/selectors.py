"""Reads for the diary: lists, the "close the loop" prompts and the insights, aggregated in SQL.

Every aggregation groups in the database (TruncWeek/TruncMonth in the person's time zone, Count, Avg, Sum,
window functions for medians) and returns one small row per bucket, so the insights page costs the same
handful of queries for six entries or six thousand. The same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from django.db import connection
from django.db.models import Avg, CharField, Count, ExpressionWrapper, F, Func, IntegerField, Q, Sum, Window
from django.db.models.functions import RowNumber, TruncMonth, TruncWeek
from django.utils import timezone

from earnedsecure.core.access import owned_queryset
from earnedsecure.diary.models import Activation, ProtestResult, Response, SavouringEntry, Tool, ToolSession, Trigger
from earnedsecure.domain.cycle import FOLLOW_UP
from earnedsecure.domain.progress.insights import ToolEffect, rank_tool_effects, tool_effect_from_summary

# Ask "what actually happened?" once this long has passed, and stop asking after two weeks.

RANGES = {"3m": ("3 months", 13), "6m": ("6 months", 26), "1y": ("a year", 52), "all": ("everything", None)}
DEFAULT_RANGE = "6m"


def activation_list(*, user):
    return owned_queryset(Activation, user).order_by("-occurred_at")


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


@lru_cache(maxsize=64)
def _offset_changes(zone_name: str, today: str) -> tuple[tuple[datetime, int], ...]:
    """(instant, UTC offset in minutes from then on) for every clock change in the last 12 years, oldest first.

    ``today`` is only part of the cache key, so the list is worked out once a day per zone and process.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    utc = zoneinfo.ZoneInfo("UTC")
    end = datetime.fromisoformat(today).replace(tzinfo=utc) + timedelta(days=2)
    moment = end - timedelta(days=12 * 366)

    def offset(at: datetime) -> int:
        return int(at.astimezone(zone).utcoffset().total_seconds() // 60)

    changes = [(moment, offset(moment))]
    while moment < end:
        following = moment + timedelta(days=1)
        if offset(following) != offset(moment):
            low, high = moment, following
            while high - low > timedelta(minutes=15):  # clock changes happen on quarter hours
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == offset(low) else (low, middle)
            changes.append((high, offset(high)))
        moment = following
    return tuple(changes)


class _SQLiteLocalDate(Func):
    """date(<column>, CASE WHEN <column> < <clock change> THEN '<offset> minutes' ... END, <modifiers>).

    Written as one SQL fragment rather than Case/When objects: with a few dozen clock changes the ORM spent
    longer compiling those than SQLite spent running the query.
    """

    output_field = CharField()

    def __init__(self, field: str, changes, modifiers: list[str]):
        super().__init__(F(field), output_field=CharField())
        self.changes = changes
        self.modifiers = modifiers

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        whens, values = [], []
        for (instant, _), (_, before) in zip(self.changes[1:], self.changes, strict=False):
            whens.append(f"WHEN {column} < %s THEN %s")
            values += [connection.ops.adapt_datetimefield_value(instant), f"{before:+d} minutes"]
        shift = f"CASE {' '.join(whens)} ELSE %s END" if whens else "%s"
        values.append(f"{self.changes[-1][1]:+d} minutes")
        placeholders = ", ".join(["%s"] * len(self.modifiers))
        return f"date({column}, {shift}, {placeholders})", (*params, *values, *self.modifiers)


def _local_date(field: str, zone, *, unit: str, since: datetime | None = None):
    """The local calendar week (its Monday) or month (its 1st) of a datetime column, computed in SQL.

    PostgreSQL converts time zones natively (AT TIME ZONE). SQLite has no time zones, and Django's Trunc on
    SQLite calls a Python function for every row, which dominated the page's cost; so on SQLite the UTC
    offset comes from a CASE over the zone's clock changes and SQLite's own date() does the rest.
    """
    if connection.vendor != "sqlite":
        trunc = TruncWeek if unit == "week" else TruncMonth
        return trunc(field, tzinfo=zone)
    changes = _offset_changes(str(zone.key), timezone.now().date().isoformat())
    if since is not None:
        # Only the clock changes inside the range matter, starting from the offset in force at its start.
        earlier = [change for change in changes if change[0] <= since]
        changes = tuple(earlier[-1:]) + tuple(change for change in changes if change[0] > since)
    modifiers = ["weekday 0", "-6 days"] if unit == "week" else ["start of month"]
    return _SQLiteLocalDate(field, changes, modifiers)


def _as_local_start(value, zone) -> datetime:
    """A bucket key from either database (a datetime on PostgreSQL, 'YYYY-MM-DD' on SQLite) as local midnight."""
    if isinstance(value, str):
        day = datetime.fromisoformat(value)
        return datetime(day.year, day.month, day.day, tzinfo=zone)
    local = value.astimezone(zone)
    return datetime(local.year, local.month, local.day, tzinfo=zone)


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


def _week_start(moment: datetime, zone) -> datetime:
    local = moment.astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


def _month_start(moment: datetime, zone) -> datetime:
    local = moment.astimezone(zone)
    return datetime(local.year, local.month, 1, tzinfo=zone)


def _next_month(moment: datetime) -> datetime:
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return moment.replace(year=year, month=month)


def insights(*, user, now: datetime | None = None, range_key: str = DEFAULT_RANGE) -> Insights:
    """Everything the insights page draws, in five queries whatever the length of the history.

    1. activations per week: count, mean intensity, and what the person did (one GROUP BY week)
    2. median recovery per month: ROW_NUMBER and COUNT windows keep only the one or two middle rows a month
    3. savouring per month: count, mean duration of the good feeling, thanks given
    4. triggers, responses and protest results: one GROUP BY over the three (at most 5 x 6 x 4 rows)
    5. tools: sessions, sum of drops and sum of squared drops per tool (for the interval)
    """
    now = now or timezone.now()
    zone = user.zone
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    weeks_back = RANGES[range_key][1]
    this_week = _week_start(now, zone)
    since = this_week - timedelta(weeks=weeks_back - 1) if weeks_back else None

    activations = owned_queryset(Activation, user)
    sessions = owned_queryset(ToolSession, user)
    moments = owned_queryset(SavouringEntry, user)
    if since is not None:
        activations = activations.filter(occurred_at__gte=since)
        sessions = sessions.filter(started_at__gte=since)
        moments = moments.filter(occurred_at__gte=since)

    # 1. Weeks.
    week = _local_date("occurred_at", zone, unit="week", since=since)
    week_rows = list(
        activations.annotate(week=week)
        .values("week")
        .annotate(
            n=Count("id"),
            mean_intensity=Avg("intensity"),
            protest=Count("id", filter=Q(response=Response.PROTEST)),
            direct=Count("id", filter=Q(response=Response.DIRECT)),
            soothing=Count("id", filter=Q(response=Response.SOOTHING)),
            waited=Count("id", filter=Q(response=Response.WAITED)),
        )
        .order_by("week")
    )
    by_week = {_as_local_start(row["week"], zone): row for row in week_rows}
    first_week = since or (min(by_week) if by_week else this_week)
    weeks: list[WeekRow] = []
    cursor = first_week
    while cursor <= this_week:
        row = by_week.get(cursor)
        weeks.append(
            WeekRow(
                start=cursor,
                activations=row["n"] if row else 0,
                mean_intensity=float(row["mean_intensity"]) if row and row["mean_intensity"] is not None else None,
                protest=row["protest"] if row else 0,
                direct=row["direct"] if row else 0,
                soothing=row["soothing"] if row else 0,
                waited=row["waited"] if row else 0,
            )
        )
        # Step in local calendar days so a clock change does not shift the Monday.
        nxt = (cursor + timedelta(days=7, hours=12)).astimezone(zone)
        cursor = datetime(nxt.year, nxt.month, nxt.day, tzinfo=zone)

    # 2. Median recovery per month, in SQL: number the rows of each month by recovery time, keep the middle.
    month = _local_date("occurred_at", zone, unit="month", since=since)
    ranked = (
        activations.filter(recovery_minutes__isnull=False)
        .annotate(
            month=month,
            position=Window(RowNumber(), partition_by=[month], order_by=[F("recovery_minutes").asc(), F("id").asc()]),
            size=Window(Count("id"), partition_by=[month]),
        )
        .filter(
            Q(position=ExpressionWrapper((F("size") + 1) / 2, output_field=IntegerField()))
            | Q(position=ExpressionWrapper((F("size") + 2) / 2, output_field=IntegerField()))
        )
        .values_list("month", "recovery_minutes", "size")
    )
    middles: dict[datetime, list[int]] = {}
    sizes: dict[datetime, int] = {}
    for month_start, minutes, size in ranked:
        key = _as_local_start(month_start, zone)
        middles.setdefault(key, []).append(minutes)
        sizes[key] = size

    # 6. Savouring per month.
    savour_rows = {
        _as_local_start(row["month"], zone): row
        for row in moments.annotate(month=_local_date("occurred_at", zone, unit="month", since=since))
        .values("month")
        .annotate(
            n=Count("id"), mean_minutes=Avg("feeling_minutes"), thanked=Count("id", filter=Q(thanked_partner=True))
        )
        .order_by("month")
    }
    first_month = _month_start(weeks[0].start, zone) if weeks else _month_start(now, zone)
    known_months = list(middles) + list(savour_rows)
    if since is None and known_months:
        first_month = min([first_month, *known_months])
    months: list[MonthRow] = []
    cursor = first_month
    last_month = _month_start(now, zone)
    while cursor <= last_month:
        values = middles.get(cursor, [])
        savour = savour_rows.get(cursor)
        months.append(
            MonthRow(
                start=cursor,
                median_recovery=sum(values) / len(values) if values else None,
                with_recovery=sizes.get(cursor, 0),
                good_moments=savour["n"] if savour else 0,
                mean_feeling_minutes=float(savour["mean_minutes"])
                if savour and savour["mean_minutes"] is not None
                else None,
                thanked=savour["thanked"] if savour else 0,
            )
        )
        cursor = _next_month(cursor)

    # 3 and 4. Triggers, responses and whether protests "worked", from one GROUP BY over all three.
    labels = dict(Trigger.choices)
    by_trigger: dict[str, list[int]] = {}
    responses: dict[str, int] = {}
    protest_results: dict[str, int] = {}
    for row in (
        activations.values("trigger", "response", "protest_result")
        .annotate(n=Count("id"), intensity_sum=Sum("intensity"))
        .order_by()
    ):
        counts = by_trigger.setdefault(row["trigger"], [0, 0])
        counts[0] += row["n"]
        counts[1] += row["intensity_sum"] or 0
        response = row["response"] or "unrecorded"
        responses[response] = responses.get(response, 0) + row["n"]
        if row["response"] == Response.PROTEST:
            key = row["protest_result"] or "unknown"
            protest_results[key] = protest_results.get(key, 0) + row["n"]
    triggers = sorted(
        ((key, labels.get(key, key), n, total / n if n else None) for key, (n, total) in by_trigger.items()),
        key=lambda t: (-t[2], t[0]),
    )

    # 5. Tools: sums for the mean drop and its interval (domain/progress/insights.py).
    drop = ExpressionWrapper(F("distress_before") - F("distress_after"), output_field=IntegerField())
    drop_squared = ExpressionWrapper(
        (F("distress_before") - F("distress_after")) * (F("distress_before") - F("distress_after")),
        output_field=IntegerField(),
    )
    tool_rows = {
        row["tool"]: row
        for row in sessions.filter(distress_after__isnull=False)
        .values("tool")
        .annotate(n=Count("id"), total=Sum(drop), total_squared=Sum(drop_squared))
        .order_by()
    }
    tools = rank_tool_effects(
        tool_effect_from_summary(
            tool=key,
            sessions=tool_rows[key]["n"] if key in tool_rows else 0,
            total_drop=float(tool_rows[key]["total"] or 0) if key in tool_rows else 0.0,
            total_drop_squared=float(tool_rows[key]["total_squared"] or 0) if key in tool_rows else 0.0,
        )
        for key in Tool.values
    )

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


def diary_touch(sender, instance, **kwargs):
    """Receiver: any saved or deleted diary row bumps its owner's stamp (one UPDATE, or an INSERT once)."""
    from django.db.models import F

    from earnedsecure.diary.models import DiaryStamp

    if kwargs.get("raw"):
        return
    from django.contrib.auth import get_user_model

    origin = kwargs.get("origin")
    origin_model = getattr(origin, "model", type(origin))  # a QuerySet or an instance started the deletion
    if origin is not None and issubclass(origin_model, get_user_model()):
        return  # the whole account is being deleted, stamp included: nothing to bump
    updated = DiaryStamp.objects.filter(owner_id=instance.owner_id).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        DiaryStamp.objects.get_or_create(owner_id=instance.owner_id, defaults={"version": 1})


def diary_version(*, user) -> int:
    """The person's diary stamp: it changes on any add, edit or delete, and costs one primary-key lookup."""
    from earnedsecure.diary.models import DiaryStamp

    return DiaryStamp.objects.filter(owner_id=user.pk).values_list("version", flat=True).first() or 0


def activation_months(
    *, user, since: datetime, high_intensity: int = 9
) -> list[tuple[datetime, int, float | None, int]]:
    """(local month start, activations, mean intensity, activations at ``high_intensity`` or more) per month
    since ``since``, oldest first. One GROUP BY query; used by the check-ins' summary for a doctor."""
    month = _local_date("occurred_at", user.zone, unit="month", since=since)
    rows = (
        activation_list(user=user)
        .filter(occurred_at__gte=since)
        .annotate(month=month)
        .values("month")
        .annotate(n=Count("id"), mean=Avg("intensity"), high=Count("id", filter=Q(intensity__gte=high_intensity)))
        .order_by("month")
    )
    return [
        (_as_local_start(r["month"], user.zone), r["n"], float(r["mean"]) if r["mean"] is not None else None, r["high"])
        for r in rows
    ]


def high_intensity_times(*, user, since: datetime, at_least: int = 9) -> list[datetime]:
    """When the person's activations at ``at_least`` out of 10 or more happened since ``since``. One query."""
    return list(
        activation_list(user=user)
        .filter(occurred_at__gte=since, intensity__gte=at_least)
        .values_list("occurred_at", flat=True)
    )
