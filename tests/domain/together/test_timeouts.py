"""Time-outs: which return times the agreed longest allows, and when a return counts as kept."""

from datetime import UTC, datetime, timedelta

import pytest

from earnedsecure.domain.together.timeouts import (
    GRACE,
    LONGEST,
    MINUTES_TEXT,
    return_at,
    return_kept,
    return_overdue,
    return_steps,
)

PLANNED = datetime(2026, 7, 10, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("returned", "kept"),
    [
        (PLANNED - timedelta(hours=1), True),  # early
        (PLANNED, True),
        (PLANNED + timedelta(minutes=15), True),  # the last minute of the grace
        (PLANNED + timedelta(minutes=15, seconds=1), False),
        (PLANNED + timedelta(hours=2), False),
    ],
)
def test_a_return_is_kept_by_the_time_or_within_the_grace(returned, kept):
    assert return_kept(planned=PLANNED, returned=returned) is kept
    assert return_overdue(planned=PLANNED, now=returned) is not kept


@pytest.mark.parametrize(
    ("longest", "steps"),
    [
        (20, (20,)),
        (30, (20, 30)),
        (60, (20, 30, 45, 60)),
        (240, tuple(MINUTES_TEXT)),
    ],
)
def test_only_return_times_within_the_agreed_longest_are_offered(longest, steps):
    assert return_steps(longest) == steps


def test_every_agreed_longest_offers_a_return_time_and_has_words():
    for longest in LONGEST:
        assert return_steps(longest)[-1] == longest
        assert LONGEST[longest] == MINUTES_TEXT[longest]


def test_the_return_time_is_to_the_minute_and_never_beyond_the_choice():
    now = datetime(2026, 7, 10, 19, 0, 42, 5, tzinfo=UTC)
    assert return_at(now, 60) == datetime(2026, 7, 10, 20, 0, tzinfo=UTC)
    assert return_at(now, 60) - now <= timedelta(minutes=60)
    assert timedelta(minutes=15) == GRACE
