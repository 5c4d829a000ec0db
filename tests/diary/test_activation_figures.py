"""diary.selectors.activation_figures: the pathway's and home's figures, worked by hand over a small history."""

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from earnedsecure.diary import selectors
from earnedsecure.diary.services import activation_create

NOW = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)  # a Wednesday; Alice's week (London) started Monday 15 June


def _activation(owner, *, ago, intensity, recovery=None, trigger="unavailable", response="", outcome=""):
    occurred = NOW - ago
    return activation_create(
        owner=owner,
        occurred_at=occurred,
        trigger=trigger,
        intensity=intensity,
        response=response,
        outcome=outcome,
        calm_at=occurred + timedelta(minutes=recovery) if recovery is not None else None,
        now=NOW,
    )


@time_machine.travel(NOW, tick=False)
def test_it_works_out_every_figure_of_a_long_history(alice, django_assert_num_queries):
    days = lambda n: timedelta(days=n)  # noqa: E731
    first = _activation(alice, ago=days(200), intensity=8, recovery=600, trigger="other", response="protest")
    _activation(alice, ago=days(190), intensity=6, recovery=300)  # first four weeks
    _activation(alice, ago=days(150), intensity=9, recovery=1000)  # in no window
    _activation(alice, ago=days(40), intensity=7, recovery=120, response="protest")  # the four weeks before
    _activation(alice, ago=days(30), intensity=5, recovery=60, response="direct")
    _activation(alice, ago=days(10), intensity=4, recovery=30, response="waited")  # the last four weeks
    awaiting = _activation(alice, ago=days(1), intensity=2, recovery=10, response="direct")  # this week
    _activation(alice, ago=timedelta(hours=12), intensity=1, outcome="It went fine")  # answered: not awaiting
    latest = _activation(alice, ago=timedelta(hours=2), intensity=3)  # too fresh to ask about

    with django_assert_num_queries(2):
        figures = selectors.activation_figures(user=alice, now=NOW)

    assert figures.first_at == first.occurred_at
    assert figures.latest_at == latest.occurred_at
    assert figures.total == 9
    assert figures.named_triggers == 8  # all but "other" without a note
    assert (figures.baseline, figures.baseline_intensity, figures.baseline_median_recovery) == (2, 7.0, 450)
    assert (figures.this_week, figures.this_week_intensity) == (3, 2.0)
    assert (figures.recent, figures.recent_intensity, figures.recent_median_recovery) == (4, 2.5, 20)
    assert (figures.previous, figures.previous_median_recovery) == (2, 90)
    assert figures.last_8_weeks == 6
    assert (figures.recent_responses, figures.recent_non_protest) == (4, 3)
    assert figures.awaiting_follow_up_id == awaiting.pk


@time_machine.travel(NOW, tick=False)
def test_the_windows_alone_are_the_same_figures_without_the_whole_historys_counts(alice):
    """Home and a partner's weekly note show the windows only: they ask for the first entry alone, get the same
    windows, and the counts over the whole history are None (not counted), never a made-up 0."""
    days = lambda n: timedelta(days=n)  # noqa: E731
    for ago, intensity, recovery in ((200, 8, 600), (190, 6, 300), (40, 7, 120), (10, 4, 30), (1, 2, 10)):
        _activation(alice, ago=days(ago), intensity=intensity, recovery=recovery, response="direct")
    whole = selectors.activation_figures(user=alice, now=NOW)
    with CaptureQueriesContext(connection) as queries:
        windows = selectors.activation_figures(user=alice, now=NOW, whole_history=False)
    assert (windows.total, windows.named_triggers, windows.latest_at) == (None, None, None)
    assert (whole.total, whole.named_triggers) == (5, 5)
    assert windows == dataclasses.replace(whole, total=None, named_triggers=None, latest_at=None)
    assert len(queries) == 2
    assert "COUNT(" not in queries[0]["sql"].upper()  # the whole history is asked for its first entry only


@time_machine.travel(NOW, tick=False)
def test_a_short_history_counts_its_first_weeks_as_recent_for_the_median(alice):
    """Under four weeks of history, every entry is both in the first four weeks and in the last four: the
    counts take it in both, the medians in the last four only (the first four weeks have no median yet)."""
    for days_ago, minutes in ((20, 100), (10, 50), (5, 70)):
        _activation(alice, ago=timedelta(days=days_ago), intensity=6, recovery=minutes)
    figures = selectors.activation_figures(user=alice, now=NOW)
    assert (figures.baseline, figures.recent, figures.previous) == (3, 3, 0)
    assert figures.recent_median_recovery == 70
    assert figures.baseline_median_recovery is None
    assert figures.previous_median_recovery is None


def test_a_person_without_entries_has_empty_figures(alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = selectors.activation_figures(user=alice, now=NOW)
    assert figures == selectors.ActivationFigures()
    assert figures.total == 0


@pytest.mark.parametrize("hours_ago", [2, 24 * 15])
@time_machine.travel(NOW, tick=False)
def test_an_entry_outside_the_follow_up_window_is_not_awaiting(alice, hours_ago):
    _activation(alice, ago=timedelta(hours=hours_ago), intensity=5)
    assert selectors.activation_figures(user=alice, now=NOW).awaiting_follow_up_id is None


@time_machine.travel(NOW, tick=False)
def test_its_risk_entries_are_the_recent_activations_read_with_the_windows(alice, bob, django_assert_num_queries):
    """Home's safety card counts these instead of a query of its own: the same rows as recent_activations."""
    for ago, level in ((timedelta(days=20), "urgent"), (timedelta(days=13), "concern"), (timedelta(hours=3), None)):
        entry = _activation(alice, ago=ago, intensity=9)
        entry.risk_level = level
        entry.save(update_fields=["risk_level"])
    _activation(alice, ago=timedelta(days=300), intensity=9)  # the first four weeks, long ago
    _activation(bob, ago=timedelta(days=1), intensity=9)
    since = NOW - timedelta(days=14)

    with django_assert_num_queries(2):
        figures = selectors.activation_figures(user=alice, now=NOW, risk_since=since)

    expected = sorted(selectors.recent_activations(user=alice, since=since), key=lambda a: a.occurred_at)
    assert sorted(figures.risk_entries, key=lambda a: a.occurred_at) == expected
    assert [a.risk_level for a in expected] == ["concern", None]
    assert selectors.activation_figures(user=alice, now=NOW).risk_entries == ()
    with pytest.raises(ValueError):
        selectors.activation_figures(user=alice, now=NOW, risk_since=NOW - timedelta(days=100))
