import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.progress.insights import (
    MIN_SESSIONS,
    ToolEffect,
    change_sentence,
    rank_tool_effects,
    t_critical_95,
    tool_effect,
    tool_effect_from_summary,
)


@pytest.mark.parametrize(
    ("drops", "mean", "low", "high"),
    [
        # mean 3, s = 1, se = 1/sqrt(3), t(2) = 4.303
        ([2, 3, 4], 3.0, 3 - 4.303 / math.sqrt(3), 3 + 4.303 / math.sqrt(3)),
        ([1, 1, 1, 1], 1.0, 1.0, 1.0),
        ([-1, 0, 1], 0.0, -4.303 / math.sqrt(3), 4.303 / math.sqrt(3)),
        # 10 sessions, mean 2.5, s = sqrt(5/3*...) computed by statistics below; t(9) = 2.262
        ([0, 1, 2, 2, 3, 3, 3, 4, 3, 4], 2.5, None, None),
    ],
)
def test_it_computes_the_mean_drop_and_its_95_percent_interval(drops, mean, low, high):
    effect = tool_effect("breathing_478", drops)
    assert effect.sessions == len(drops)
    assert effect.mean_drop == pytest.approx(mean)
    if low is None:
        margin = 2.262 * statistics.stdev(drops) / math.sqrt(len(drops))
        low, high = mean - margin, mean + margin
    assert effect.low == pytest.approx(low)
    assert effect.high == pytest.approx(high)
    assert effect.enough_data


@pytest.mark.parametrize(
    ("df", "value"),
    [(1, 12.706), (2, 4.303), (9, 2.262), (30, 2.042), (35, 2.042), (45, 2.021), (119, 2.0), (120, 1.98), (500, 1.96)],
)
def test_it_uses_students_t_and_the_normal_beyond_120(df, value):
    assert t_critical_95(df) == value


def test_it_refuses_zero_degrees_of_freedom():
    with pytest.raises(ValueError):
        t_critical_95(0)


@pytest.mark.parametrize("drops", [[], [3], [3, 4]])
def test_it_says_not_enough_data_under_three_sessions(drops):
    effect = tool_effect("grounding_54321", drops)
    assert not effect.enough_data
    assert effect.verdict.startswith("Not enough data yet")
    assert f"{MIN_SESSIONS - len(drops)} more session" in effect.verdict


@pytest.mark.parametrize(
    ("drops", "start"),
    [([2, 3, 4], "Calms you"), ([-1, 0, 1], "Not clear yet"), ([-3, -2, -4], "Distress tends to rise")],
)
def test_the_verdict_is_honest_about_certainty(drops, start):
    assert tool_effect("x", drops).verdict.startswith(start)


def test_ranking_puts_the_surest_helpers_first_and_unknowns_last():
    effects = [
        tool_effect("grounding_54321", [0, 1, 1, 0]),
        tool_effect("self_compassion", [5]),
        tool_effect("breathing_478", [3, 3, 4, 3]),
        tool_effect("urge_surfing", [2, 4, 3, 3]),
    ]
    assert [e.tool for e in rank_tool_effects(effects)] == [
        "breathing_478",
        "urge_surfing",
        "grounding_54321",
        "self_compassion",
    ]


@pytest.mark.parametrize(
    ("first", "last", "fragment"),
    [
        (None, 2.0, "Not enough entries"),
        (5.0, 5.2, "about the same"),
        (5.0, 1.5, "down from 5.0 to 1.5; that is the direction"),
        (1.5, 5.0, "up from 1.5 to 5.0; setbacks are part of the path"),
    ],
)
def test_change_sentence(first, last, fragment):
    assert fragment in change_sentence(first=first, last=last, what="activations per week")


drop_lists = st.lists(st.integers(min_value=-10, max_value=10), min_size=0, max_size=60)


@given(drop_lists)
def test_summary_and_raw_agree_and_the_interval_contains_the_mean(drops):
    raw = tool_effect("t", drops)
    summary = tool_effect_from_summary(
        tool="t", sessions=len(drops), total_drop=sum(drops), total_drop_squared=sum(d * d for d in drops)
    )
    assert raw == summary
    if len(drops) >= 2:
        assert raw.low <= raw.mean_drop + 1e-9
        assert raw.high >= raw.mean_drop - 1e-9
        assert raw.mean_drop == pytest.approx(statistics.fmean(drops))
        margin = raw.high - raw.mean_drop
        assert margin == pytest.approx(
            t_critical_95(len(drops) - 1) * statistics.stdev(drops) / math.sqrt(len(drops)), abs=1e-6
        )
    assert isinstance(raw.verdict, str) and raw.verdict


@given(st.lists(st.builds(tool_effect, st.sampled_from(["a", "b", "c", "d"]), drop_lists), max_size=6))
def test_ranking_keeps_every_tool(effects):
    ranked = rank_tool_effects(effects)
    assert sorted(map(id, ranked)) == sorted(map(id, effects))
    seen_unknown = False
    for effect in ranked:
        seen_unknown |= not effect.enough_data
        assert not (seen_unknown and effect.enough_data)


def test_a_tool_effect_is_immutable():
    effect = ToolEffect(tool="a", sessions=0, mean_drop=None, low=None, high=None)
    with pytest.raises(AttributeError):
        effect.sessions = 3  # type: ignore[misc]
