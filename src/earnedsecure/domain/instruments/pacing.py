"""Pacing: which check-ins are due now, with new questionnaires introduced one a day.

Issue 13 found that right after the 36-item ECR-R a newcomer saw three more questionnaires "due now". The
rule here:

1. A questionnaire the person has taken before (a repeat) follows its schedule: due once ``every_days``
   have passed since the last time; before that it is ``LATER``.
2. A questionnaire never taken (new) is introduced at most ``NEW_PER_DAY`` a day, in the order given
   (the caller's introduction order). A new questionnaire first finished today (in the person's own day)
   uses one of today's places; the places left go to the first new ones not yet finished, in order, started
   or not. The rest are ``COMING_UP``.
3. The person can ask for more ("do another now"): starting one makes it ``DUE`` at once, on top of
   today's places, because a started questionnaire is always due (it is open). Asking never takes the
   place of the one already offered, so what was due stays due.
4. An unscheduled one (``every_days`` 0) is ``OFF``, started or not: it stays reachable from the full list.

New questionnaires exist only at the start (or when the person switches one on later), so this is the
first days' rule; afterwards everything follows the schedule. ``now`` is passed in, never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

NEW_PER_DAY = 1


class Pace(StrEnum):
    DUE = "due"  # listed as "due now" (or "carry on")
    COMING_UP = "coming_up"  # new, waiting for a later day or for the person to ask
    LATER = "later"  # taken before, next due in the future
    OFF = "off"  # not scheduled


@dataclass(frozen=True, slots=True)
class CheckInHistory:
    """What pacing needs of one questionnaire: its rhythm and the person's history with it."""

    slug: str
    every_days: int  # 0: not scheduled
    first_completed_at: datetime | None = None
    last_completed_at: datetime | None = None
    started: bool = False  # an unfinished response exists


@dataclass(frozen=True, slots=True)
class PacedCheckIn:
    slug: str
    pace: Pace
    due_at: datetime | None  # when it is or was due (now for a new one); None when coming up or off


def pace_check_ins(
    histories: Sequence[CheckInHistory], *, now: datetime, zone: tzinfo, new_per_day: int = NEW_PER_DAY
) -> tuple[PacedCheckIn, ...]:
    """Each questionnaire's pace, in the order given (which is also the order new ones are introduced)."""
    today = now.astimezone(zone).date()
    finished_today = sum(
        1
        for h in histories
        if h.every_days and h.first_completed_at is not None and h.first_completed_at.astimezone(zone).date() == today
    )
    allowance = max(0, new_per_day - finished_today)
    paced = []
    for history in histories:
        if not history.every_days:
            paced.append(PacedCheckIn(history.slug, Pace.OFF, None))
        elif history.last_completed_at is not None:
            due_at = history.last_completed_at + timedelta(days=history.every_days)
            paced.append(PacedCheckIn(history.slug, Pace.DUE if due_at <= now else Pace.LATER, due_at))
        elif allowance > 0:
            allowance -= 1
            paced.append(PacedCheckIn(history.slug, Pace.DUE, now))
        elif history.started:
            paced.append(PacedCheckIn(history.slug, Pace.DUE, now))
        else:
            paced.append(PacedCheckIn(history.slug, Pace.COMING_UP, None))
    return tuple(paced)
