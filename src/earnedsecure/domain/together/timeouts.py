"""Time-outs with a committed return time, written once: the agreement's choices, the return times one may pick,
and when a return counts as kept.

Framework-free: plain values in, plain values out, ``now`` passed in.

Source: the mission report's partner role ("set boundaries gently: I do need some space right now AND I'm not
leaving you. Let's reconnect in two hours") and the couple's method (repair during conflict, build emotional
safety); issue 14 ("Time-out with a committed return time": terms agreed while calm, either partner starts one,
both see the time, the other gets a soothing tool, and sees how often returns were kept as evidence).
"""

from __future__ import annotations

from datetime import datetime, timedelta

# Every length of time a time-out speaks of, in minutes, with its words (exact: a promise, not an estimate).
MINUTES_TEXT: dict[int, str] = {
    20: "20 minutes",
    30: "30 minutes",
    45: "45 minutes",
    60: "1 hour",
    90: "1 hour 30 minutes",
    120: "2 hours",
    180: "3 hours",
    240: "4 hours",
}

# The longest a time-out may last, agreed while calm.
LONGEST: dict[int, str] = {minutes: MINUTES_TEXT[minutes] for minutes in (20, 30, 60, 120, 240)}

# Where to come back to: the app's own short choices, so nothing a person wrote is stored.
PLACES: dict[str, str] = {
    "": "Wherever we are",
    "kitchen": "At the kitchen table",
    "sofa": "On the sofa",
    "walk": "On a walk together",
    "call": "On a phone call",
}

# The return times offered, in minutes from now; only those within the agreed longest are offered.
RETURN_STEPS: tuple[int, ...] = tuple(MINUTES_TEXT)

# Back by the time, or this long after it, counts as kept: a few minutes late is still coming back.
GRACE = timedelta(minutes=15)


def return_steps(longest_minutes: int) -> tuple[int, ...]:
    """The return times (minutes from now) a time-out may be started with under an agreed longest."""
    return tuple(step for step in RETURN_STEPS if step <= longest_minutes)


def return_at(now: datetime, minutes: int) -> datetime:
    """The committed return time: ``minutes`` from ``now``, to the minute (it is shown as HH:MM)."""
    return (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)


def return_kept(*, planned: datetime, returned: datetime) -> bool:
    """True when the one who stepped away came back before the time or within ``GRACE`` after it."""
    return returned <= planned + GRACE


def return_overdue(*, planned: datetime, now: datetime) -> bool:
    """True once a return can no longer be kept: the time and its grace have passed."""
    return now > planned + GRACE
