"""Pacing: one new questionnaire a day at the start, repeats on their schedule (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from earnedsecure.domain.instruments.pacing import CheckInHistory, Pace, pace_check_ins

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
DAY = timedelta(days=1)
AUCKLAND = ZoneInfo("Pacific/Auckland")  # 13 hours ahead in March: NOW is 01:00 on the 11th there


def new(slug, every=14, started=False):
    return CheckInHistory(slug, every, started=started)


def taken(slug, first, last=None, every=14):
    return CheckInHistory(slug, every, first_completed_at=first, last_completed_at=last or first)


@pytest.mark.parametrize(
    ("histories", "zone", "expected"),
    [
        # A brand-new person: the first in the introduction order is due, the others are coming up.
        ([new("a"), new("b"), new("c")], UTC, ["due", "coming_up", "coming_up"]),
        # Right after finishing the first one: nothing else new today (the "three more due now").
        ([taken("a", NOW - timedelta(hours=1)), new("b"), new("c")], UTC, ["later", "coming_up", "coming_up"]),
        # The next day, the next one.
        ([taken("a", NOW - DAY), new("b"), new("c")], UTC, ["later", "due", "coming_up"]),
        # The day is the person's own: 07:00 UTC is today in London but yesterday evening in Auckland.
        ([taken("a", NOW - timedelta(hours=5)), new("b")], UTC, ["later", "coming_up"]),
        ([taken("a", NOW - timedelta(hours=5)), new("b")], AUCKLAND, ["later", "due"]),
        ([taken("a", NOW - timedelta(minutes=30)), new("b")], AUCKLAND, ["later", "coming_up"]),
        ([taken("a", NOW - timedelta(hours=13)), new("b")], UTC, ["later", "due"]),
        # "Do another now": a started one is due on top of today's place, never instead of it.
        ([taken("a", NOW - timedelta(hours=1)), new("b", started=True), new("c")], UTC, ["later", "due", "coming_up"]),
        ([new("a"), new("b", started=True), new("c")], UTC, ["due", "due", "coming_up"]),
        # One started days ago and left open keeps its place in the order.
        ([new("a", started=True), new("b")], UTC, ["due", "coming_up"]),
        # Repeats follow the schedule, whatever happened today.
        (
            [taken("a", NOW - 20 * DAY, NOW - 14 * DAY), taken("b", NOW - timedelta(hours=2)), new("c")],
            UTC,
            ["due", "later", "coming_up"],
        ),
        ([taken("a", NOW - 20 * DAY, NOW - 13 * DAY), new("b")], UTC, ["later", "due"]),
        # Unscheduled ones are off, started or not, and never use the allowance.
        ([new("a", every=0), new("b", every=0, started=True), new("c")], UTC, ["off", "off", "due"]),
        ([taken("a", NOW - timedelta(hours=1), every=0), new("b")], UTC, ["off", "due"]),
        # Everything taken before: nothing is held back.
        ([taken("a", NOW - 30 * DAY), taken("b", NOW - 30 * DAY)], UTC, ["due", "due"]),
    ],
)
def test_it_paces_new_questionnaires_one_a_day(histories, zone, expected):
    assert [p.pace.value for p in pace_check_ins(histories, now=NOW, zone=zone)] == expected


def test_due_dates_follow_the_schedule_and_a_new_one_is_due_now():
    paced = pace_check_ins([taken("a", NOW - 20 * DAY, NOW - 15 * DAY), new("b"), new("c")], now=NOW, zone=UTC)
    assert [p.due_at for p in paced] == [NOW - DAY, NOW, None]


def test_more_a_day_when_asked():
    paced = pace_check_ins([new("a"), new("b"), new("c")], now=NOW, zone=UTC, new_per_day=2)
    assert [p.pace for p in paced] == [Pace.DUE, Pace.DUE, Pace.COMING_UP]
