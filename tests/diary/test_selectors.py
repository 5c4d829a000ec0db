from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from earnedsecure.diary import selectors
from earnedsecure.diary.models import Activation, ToolSession
from earnedsecure.diary.services import activation_create, savouring_create, tool_session_record

NOW = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)  # a Wednesday


def _activation(owner, *, days_ago, intensity=5, recovery=None, trigger="unavailable", response="", result=""):
    occurred = NOW - timedelta(days=days_ago)
    return activation_create(
        owner=owner,
        occurred_at=occurred,
        trigger=trigger,
        intensity=intensity,
        response=response,
        protest_result=result,
        calm_at=occurred + timedelta(minutes=recovery) if recovery is not None else None,
        now=NOW,
    )


@time_machine.travel(NOW, tick=False)
def test_it_counts_activations_per_week_in_the_persons_zone(alice):
    _activation(alice, days_ago=0, intensity=4)
    _activation(alice, days_ago=1, intensity=6)
    _activation(alice, days_ago=8, intensity=9)
    # Monday 00:30 in London is Sunday 23:30 UTC: it belongs to the Monday's week for Alice.
    activation_create(owner=alice, occurred_at=datetime(2026, 6, 14, 23, 30, tzinfo=UTC), trigger="threat", intensity=2)
    result = selectors.insights(user=alice, now=NOW, range_key="3m")
    assert len(result.weeks) == 13
    this_week, last_week = result.weeks[-1], result.weeks[-2]
    assert this_week.start.date().isoformat() == "2026-06-15"
    assert this_week.activations == 3
    assert this_week.mean_intensity == pytest.approx(4.0)
    assert last_week.activations == 1
    assert result.total_activations == 4


@time_machine.travel(NOW, tick=False)
def test_it_takes_the_median_recovery_per_month_in_sql(alice):
    for minutes in (10, 30, 600):  # June: odd count -> 30
        _activation(alice, days_ago=1, recovery=minutes)
    for minutes in (60, 120, 2000, 5000):  # May: even count -> (120 + 2000) / 2
        _activation(alice, days_ago=30, recovery=minutes)
    _activation(alice, days_ago=2)  # no recovery yet: not counted
    result = selectors.insights(user=alice, now=NOW, range_key="3m")
    by_month = {m.start.strftime("%Y-%m"): m for m in result.months}
    assert by_month["2026-06"].median_recovery == 30
    assert by_month["2026-06"].with_recovery == 3
    assert by_month["2026-05"].median_recovery == 1060
    assert by_month["2026-04"].median_recovery is None


@time_machine.travel(NOW, tick=False)
def test_it_counts_triggers_responses_and_whether_protests_worked(alice):
    _activation(alice, days_ago=1, trigger="uncertainty", response="protest", result="worked")
    _activation(alice, days_ago=2, trigger="uncertainty", response="protest", result="backfired")
    _activation(alice, days_ago=3, trigger="uncertainty", response="protest", result="backfired")
    _activation(alice, days_ago=4, trigger="threat", response="direct")
    _activation(alice, days_ago=5, trigger="threat", response="protest")
    result = selectors.insights(user=alice, now=NOW)
    assert result.triggers[0][:3] == ("uncertainty", "Not knowing where I stand", 3)
    assert result.responses == {"protest": 4, "direct": 1}
    assert result.protest_results == {"worked": 1, "backfired": 2, "mixed": 0, "unknown": 1}


@time_machine.travel(NOW, tick=False)
def test_it_ranks_tools_by_how_surely_they_calm_this_person(alice):
    for before, after in [(8, 4), (7, 3), (9, 5), (6, 3)]:
        tool_session_record(owner=alice, tool="breathing_478", distress_before=before, distress_after=after)
    for before, after in [(6, 6), (5, 4), (7, 6)]:
        tool_session_record(owner=alice, tool="grounding_54321", distress_before=before, distress_after=after)
    tool_session_record(owner=alice, tool="urge_surfing", distress_before=8, distress_after=None)
    result = selectors.insights(user=alice, now=NOW)
    first = result.tools[0]
    assert first.tool == "breathing_478"
    assert first.sessions == 4
    assert first.mean_drop == pytest.approx(3.75)
    grounding = next(t for t in result.tools if t.tool == "grounding_54321")
    assert grounding.mean_drop == pytest.approx(2 / 3)
    surfing = next(t for t in result.tools if t.tool == "urge_surfing")
    assert surfing.sessions == 0  # no after rating, nothing to learn from


@time_machine.travel(NOW, tick=False)
def test_it_never_counts_other_peoples_entries(alice, charlie):
    _activation(charlie, days_ago=1, recovery=5)
    tool_session_record(owner=charlie, tool="breathing_478", distress_before=9, distress_after=1)
    savouring_create(owner=charlie, what_happened="Not Alice's")
    result = selectors.insights(user=alice, now=NOW)
    assert result.total_activations == 0
    assert result.total_good_moments == 0
    assert all(t.sessions == 0 for t in result.tools)


@time_machine.travel(NOW, tick=False)
def test_it_costs_the_same_three_queries_for_a_long_history(alice, django_assert_num_queries):
    start = NOW - timedelta(days=3 * 365)
    Activation.objects.bulk_create(
        Activation(
            owner=alice,
            occurred_at=start + timedelta(hours=8 * i),
            trigger="threat",
            intensity=i % 11,
            response=["protest", "direct", "waited"][i % 3],
            calm_at=start + timedelta(hours=8 * i, minutes=i % 300),
            recovery_minutes=i % 300,
        )
        for i in range(3000)
    )
    ToolSession.objects.bulk_create(
        ToolSession(owner=alice, tool="breathing_478", started_at=start, distress_before=8, distress_after=i % 8)
        for i in range(200)
    )
    with django_assert_num_queries(3):  # the range's activations, its good moments, tools
        result = selectors.insights(user=alice, now=NOW, range_key="all")
    assert result.total_activations == 3000


@time_machine.travel(NOW, tick=False)
def test_it_asks_about_entries_a_few_hours_old_until_answered(alice):
    fresh = _activation(alice, days_ago=0)
    ready = _activation(alice, days_ago=1)
    _activation(alice, days_ago=30)  # too old to ask about
    answered = _activation(alice, days_ago=2)
    answered.outcome_recorded_at = NOW
    answered.save()
    assert list(selectors.activations_awaiting_follow_up(user=alice, now=NOW)) == [ready]
    assert fresh not in selectors.activations_awaiting_follow_up(user=alice, now=NOW)
