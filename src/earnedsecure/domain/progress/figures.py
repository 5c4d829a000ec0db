"""The figure rules, each written once: the median of a window, the most helpful tool, a duration in words, the
start of a week and how much of it has passed. Home, insights, the pathway, the coach and reminders all call these; none restates them.

Framework-free: plain values in, plain values out, ``now`` and the time zone passed in.

Sources: the mission report, "Progress is Non-Linear" ("Recovery time decreases with practice (from days to
hours to minutes)"), which sets the rungs of ``recovery_scale`` and the words of ``duration_in_words``; and
"Building Self-Regulation Skills" for the tools. The interval behind ``most_helpful_tool`` is the textbook one
for a mean (Student's t), computed in ``domain.progress.insights``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from earnedsecure.domain.progress.insights import ToolEffect, rank_tool_effects

# Below this many minutes a duration is said in minutes ("about 75 minutes", not "about 1 hour": rounding
# 75 minutes to an hour would hide a quarter of it); below this many hours, in hours; beyond, in days.
MINUTES_UP_TO = 90
HOURS_UP_TO = 36


def median(values: Iterable[float]) -> float | None:
    """The median of ``values`` in any order (None when there are none): the middle value, or the mean of the
    two middle ones. The recovery median of a window (the first four weeks, the last four, a month) is this
    over the recovery minutes of the activations in it."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def duration_in_words(minutes: float | None, *, missing: str = "not enough entries yet") -> str:
    """Minutes as a person says them, on the report's rungs: "about 40 minutes", "about 5 hours", "about 2 days".

    ``missing`` is what to say when there is no figure (a page may prefer a dash)."""
    if minutes is None:
        return missing
    if minutes < 1:
        return "under a minute"
    if minutes < MINUTES_UP_TO:
        whole = round(minutes)
        return f"about {whole} minute{'s' if whole != 1 else ''}"
    hours = minutes / 60
    if hours < HOURS_UP_TO:
        whole = round(hours)
        return f"about {whole} hour{'s' if whole != 1 else ''}"
    days = round(hours / 24)
    return f"about {days} day{'s' if days != 1 else ''}"


def recovery_scale(minutes: float | None) -> str:
    """Which rung of "days to hours to minutes" a recovery time sits on (under an hour counts as minutes)."""
    if minutes is None:
        return "unknown"
    if minutes < 60:
        return "minutes"
    if minutes < 24 * 60:
        return "hours"
    return "days"


def most_helpful_tool(effects: Iterable[ToolEffect]) -> ToolEffect | None:
    """The tool we are surest calms this person: the highest lower 95% bound of the mean drop in distress,
    among tools with enough rated sessions whose whole interval lies above zero; None when no tool qualifies.

    Why this rule and not "the biggest mean drop over 3 or more sessions" (home used to say that): a mean of
    three sessions swings by chance, so the biggest one is often the luckiest, and home would tell the person
    "it has helped you before" about a tool their own data cannot tell from doing nothing. The lower bound
    shrinks with fewer or more scattered sessions, so the winner is the tool that reliably helps; and it is
    the order the insights page already shows (``rank_tool_effects``), so both pages give one answer.
    """
    ranked = rank_tool_effects(effects)
    best = ranked[0] if ranked else None
    if best is None or not best.enough_data or best.low is None or best.low <= 0:
        return None
    return best


def week_start(moment: datetime, zone: tzinfo) -> datetime:
    """Local midnight of the Monday of ``moment``'s week in ``zone`` (ISO 8601 weeks start on Monday).

    Built from the local calendar date, so a clock change inside the week does not move it by an hour."""
    local = moment.astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


def share_of_week_passed(moment: datetime, zone: tzinfo) -> float:
    """How much of its week ``moment`` is into, from 0 (local midnight on Monday) towards 1, on the local clock.

    A count "so far this week" is set against this share of a typical week, never a whole one: two entries by
    Thursday are not fewer than three a week. Read on the wall clock, so a clock change does not move it."""
    local = moment.astimezone(zone)
    days = local.weekday() + (local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6) / 86400
    return days / 7


def next_week_start(start: datetime, zone: tzinfo) -> datetime:
    """The Monday after the week starting at ``start``, stepping in local calendar days (clock changes safe)."""
    following = (start + timedelta(days=7, hours=12)).astimezone(zone)
    return datetime(following.year, following.month, following.day, tzinfo=zone)
