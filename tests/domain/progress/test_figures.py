"""The figure rules written once (domain/progress/figures.py): tables, no database."""

import statistics
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.progress.figures import (
    duration_in_words,
    median,
    most_helpful_tool,
    next_week_start,
    recovery_scale,
    share_of_week_passed,
    week_start,
)
from earnedsecure.domain.progress.insights import tool_effect

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([5], 5.0), ([1, 3], 2.0), ([9, 1, 2], 2.0), ([100, 1, 3, 2], 2.5), ((x for x in [4, 8]), 6.0)],
)
def test_median(values, expected):
    assert median(values) == expected


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=50))
def test_median_matches_the_standard_library(values):
    assert median(values) == pytest.approx(statistics.median(values))


@pytest.mark.parametrize(
    ("minutes", "text", "scale"),
    [
        (None, "not enough entries yet", "unknown"),
        (0, "under a minute", "minutes"),
        (1, "about 1 minute", "minutes"),
        (42, "about 42 minutes", "minutes"),
        (60, "about 60 minutes", "hours"),
        (75, "about 75 minutes", "hours"),  # home said this, insights said "about 1 hour": now one answer
        (89.4, "about 89 minutes", "hours"),
        (90, "about 2 hours", "hours"),
        (150, "about 2 hours", "hours"),
        (23 * 60, "about 23 hours", "hours"),
        (30 * 60, "about 30 hours", "days"),
        (36 * 60, "about 2 days", "days"),
        (3 * 24 * 60, "about 3 days", "days"),
    ],
)
def test_durations_read_like_speech(minutes, text, scale):
    assert duration_in_words(minutes) == text
    assert recovery_scale(minutes) == scale


def test_a_page_can_say_a_missing_duration_its_own_way():
    assert duration_in_words(None, missing="–") == "–"


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        ({}, None),
        # Three lucky sessions have the biggest mean (5.0) but a wide interval; twelve steady ones win.
        ({"lucky": [9, 1, 5], "steady": [3, 3, 4, 3, 3, 4, 3, 3, 4, 3, 3, 4]}, "steady"),
        # Two sessions are not enough data, however large the drops.
        ({"two": [8, 8], "steady": [2, 2, 3, 2]}, "steady"),
        # Nothing reliably calms: no tool is named (home then does not claim "it has helped you before").
        ({"noise": [2, -2, 1, -1], "worse": [-1, -2, -1]}, None),
        ({"two": [8, 8]}, None),
        # Equal lower bounds: the bigger mean, then the key, decides (the insights page's order).
        ({"b_tool": [2, 2, 2], "a_tool": [2, 2, 2]}, "a_tool"),
    ],
)
def test_the_most_helpful_tool_is_the_one_surest_to_calm(sessions, expected):
    best = most_helpful_tool(tool_effect(tool, drops) for tool, drops in sessions.items())
    assert (best.tool if best else None) == expected


@pytest.mark.parametrize(
    ("moment", "zone", "monday"),
    [
        (datetime(2026, 3, 4, 12, tzinfo=UTC), LONDON, datetime(2026, 3, 2, tzinfo=LONDON)),  # a Wednesday
        (datetime(2026, 3, 2, 0, 0, tzinfo=LONDON), LONDON, datetime(2026, 3, 2, tzinfo=LONDON)),  # Monday 00:00
        (datetime(2026, 3, 1, 23, 59, tzinfo=LONDON), LONDON, datetime(2026, 2, 23, tzinfo=LONDON)),  # Sunday
        # Sunday 23:30 UTC is already Monday in Tokyo: the person's own calendar decides.
        (
            datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
            ZoneInfo("Asia/Tokyo"),
            datetime(2026, 3, 2, tzinfo=ZoneInfo("Asia/Tokyo")),
        ),
        # The week the clocks go forward (29 March 2026 in London): still local midnight on Monday.
        (datetime(2026, 3, 29, 12, tzinfo=UTC), LONDON, datetime(2026, 3, 23, tzinfo=LONDON)),
    ],
)
def test_a_week_starts_at_local_midnight_on_monday(moment, zone, monday):
    start = week_start(moment, zone)
    assert start == monday and (start.hour, start.minute) == (0, 0)


def test_the_next_week_starts_at_local_midnight_across_a_clock_change():
    spring = week_start(datetime(2026, 3, 25, tzinfo=LONDON), LONDON)
    following = next_week_start(spring, LONDON)
    assert following == datetime(2026, 3, 30, tzinfo=LONDON)
    assert (following.hour, following.minute) == (0, 0)
    assert following.timestamp() - spring.timestamp() == timedelta(hours=167).total_seconds()  # clocks went forward


@pytest.mark.parametrize(
    ("moment", "zone", "share"),
    [
        (datetime(2026, 6, 1, 0, 0, tzinfo=LONDON), LONDON, 0.0),  # Monday, local midnight
        (datetime(2026, 6, 4, 12, 0, tzinfo=LONDON), LONDON, 0.5),  # Thursday noon: half the week
        (datetime(2026, 6, 7, 18, 0, tzinfo=LONDON), LONDON, 6.75 / 7),  # Sunday evening
        (datetime(2026, 6, 1, 2, 0, tzinfo=UTC), ZoneInfo("America/New_York"), (6 + 22 / 24) / 7),  # still Sunday there
        (datetime(2026, 3, 29, 12, 0, tzinfo=LONDON), LONDON, 6.5 / 7),  # the Sunday the clocks go forward
    ],
)
def test_the_share_of_the_week_passed_is_read_on_the_local_clock(moment, zone, share):
    assert share_of_week_passed(moment, zone) == pytest.approx(share)


@given(st.datetimes(timezones=st.just(UTC)))
def test_the_share_of_the_week_passed_stays_within_the_week(moment):
    assert 0 <= share_of_week_passed(moment, LONDON) < 1
