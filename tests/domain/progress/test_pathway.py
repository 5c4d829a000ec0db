"""The pathway's criteria, table-driven, plus properties: it never raises and never moves backwards."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.progress.pathway import (
    SETBACK_NOTE,
    STAGE_ORDER,
    PathwaySummary,
    Stage,
    assess_pathway,
    highest,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)

STARTING = PathwaySummary()
AWARE = PathwaySummary(first_activity_at=NOW - timedelta(weeks=6), activations=12, named_triggers=12, ecr_r_completed=1)
EXPERIMENTING = replace(
    AWARE, first_activity_at=NOW - timedelta(weeks=16), recent_responses=10, recent_non_protest=7, tool_sessions=14
)
AUTOMATIC = replace(
    EXPERIMENTING,
    first_activity_at=NOW - timedelta(weeks=30),
    baseline_per_week=6.0,
    recent_per_week=3.0,
    previous_per_week=3.5,
    baseline_median_recovery=180.0,
    recent_median_recovery=40.0,
    previous_median_recovery=45.0,
)
SECURE = replace(AUTOMATIC, ecr_r_completed=4, ecr_r_anxiety_word="improved", ecr_r_improvement_held=True)


@pytest.mark.parametrize(
    ("summary", "stage"),
    [
        (STARTING, None),
        (AWARE, Stage.AWARENESS),
        (replace(AWARE, named_triggers=4), None),  # one entry short
        (replace(AWARE, ecr_r_completed=0), None),  # no first snapshot yet
        (EXPERIMENTING, Stage.EXPERIMENTING),
        (replace(EXPERIMENTING, recent_non_protest=5), Stage.AWARENESS),  # 50% is below 60%
        (replace(EXPERIMENTING, recent_responses=4, recent_non_protest=4), Stage.AWARENESS),  # too few to judge
        (replace(EXPERIMENTING, tool_sessions=9), Stage.AWARENESS),
        (AUTOMATIC, Stage.AUTOMATIC),
        (replace(AUTOMATIC, recent_median_recovery=100.0), Stage.EXPERIMENTING),  # not yet half of 180
        (replace(AUTOMATIC, recent_per_week=5.0), Stage.EXPERIMENTING),  # not a quarter fewer
        (replace(AUTOMATIC, first_activity_at=NOW - timedelta(weeks=10)), Stage.EXPERIMENTING),  # too early to compare
        (replace(AUTOMATIC, baseline_median_recovery=None), Stage.EXPERIMENTING),
        (SECURE, Stage.SECURE),
        (replace(SECURE, ecr_r_improvement_held=False), Stage.AUTOMATIC),  # one good questionnaire is not lasting
        (replace(SECURE, ecr_r_anxiety_word="no reliable change"), Stage.AUTOMATIC),
        (replace(SECURE, recent_median_recovery=75.0, baseline_median_recovery=400.0), Stage.AUTOMATIC),  # hours
    ],
)
def test_it_measures_the_furthest_stage_whose_criteria_are_all_met(summary, stage):
    assert assess_pathway(summary, now=NOW).measured == stage


def test_it_never_shows_a_lower_stage_than_one_already_reached():
    pathway = assess_pathway(AWARE, now=NOW, reached=[Stage.AWARENESS, Stage.EXPERIMENTING])
    assert pathway.measured == Stage.AWARENESS
    assert pathway.current == Stage.EXPERIMENTING
    assert pathway.newly_reached == ()
    assert pathway.next_stage.stage == Stage.AUTOMATIC


def test_it_records_every_stage_up_to_the_one_measured():
    assert assess_pathway(AUTOMATIC, now=NOW).newly_reached == (
        Stage.AWARENESS,
        Stage.EXPERIMENTING,
        Stage.AUTOMATIC,
    )
    assert assess_pathway(AUTOMATIC, now=NOW, reached=["awareness"]).newly_reached == (
        Stage.EXPERIMENTING,
        Stage.AUTOMATIC,
    )


def test_it_ignores_unknown_stage_names_passed_back_in():
    assert assess_pathway(STARTING, now=NOW, reached=["enlightened"]).current is None


@pytest.mark.parametrize(
    ("changes", "setback"),
    [
        ({}, False),
        ({"recent_per_week": 5.0, "previous_per_week": 3.0}, True),  # clearly more often
        ({"recent_per_week": 3.5, "previous_per_week": 3.0}, False),  # within ordinary ups and downs
        ({"recent_per_week": 0.5, "previous_per_week": 0.2}, False),  # under one a week is not a setback
        ({"recent_median_recovery": 90.0, "previous_median_recovery": 45.0}, True),  # slower to settle
        ({"recent_median_recovery": 8.0, "previous_median_recovery": 5.0}, False),  # a few minutes is noise
    ],
)
def test_it_notes_setbacks_gently(changes, setback):
    pathway = assess_pathway(replace(AUTOMATIC, **changes), now=NOW, reached=[Stage.AUTOMATIC])
    assert pathway.setback is setback
    assert pathway.setback_note == (SETBACK_NOTE if setback else "")
    assert pathway.current == Stage.AUTOMATIC


def test_the_setback_note_speaks_of_normal_not_failure():
    words = SETBACK_NOTE.lower()
    assert "normal" in words
    for unkind in ("fail", "demot", "lost", "worse", "back to", "streak"):
        assert unkind not in words


def test_each_criterion_shows_the_persons_own_value():
    pathway = assess_pathway(AUTOMATIC, now=NOW)
    automatic = pathway.progress_for(Stage.AUTOMATIC)
    values = {criterion.key: criterion.value for criterion in automatic.criteria}
    assert values["quicker_recovery"] == "about 3 hours at the start, about 40 minutes lately"
    assert values["fewer_activations"] == "6.0 a week at the start, 3.0 a week lately"
    assert pathway.progress_for(Stage.EXPERIMENTING).criteria[0].value == "70% of 10"


def test_the_next_stage_is_the_first_one_after_the_current():
    assert assess_pathway(STARTING, now=NOW).next_stage.stage == Stage.AWARENESS
    assert assess_pathway(SECURE, now=NOW).next_stage is None


def test_highest_picks_the_furthest():
    assert highest([None, "experimenting", Stage.AWARENESS]) == Stage.EXPERIMENTING
    assert highest([]) is None


counts = st.integers(min_value=-5, max_value=60)
rates = st.one_of(st.none(), st.floats(min_value=-10, max_value=50), st.sampled_from([float("nan"), float("inf")]))
minutes = st.one_of(st.none(), st.floats(min_value=-10, max_value=5000), st.sampled_from([float("nan"), float("inf")]))
summaries = st.builds(
    PathwaySummary,
    first_activity_at=st.one_of(
        st.none(),
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)),
    ),
    activations=counts,
    named_triggers=counts,
    ecr_r_completed=counts,
    recent_responses=counts,
    recent_non_protest=counts,
    tool_sessions=counts,
    baseline_per_week=rates,
    recent_per_week=rates,
    previous_per_week=rates,
    baseline_median_recovery=minutes,
    recent_median_recovery=minutes,
    previous_median_recovery=minutes,
    ecr_r_anxiety_word=st.sampled_from([None, "improved", "no reliable change", "worse", ""]),
    ecr_r_improvement_held=st.booleans(),
)


def _rank(stage):
    return -1 if stage is None else STAGE_ORDER.index(stage)


@given(summaries, st.lists(st.sampled_from([*STAGE_ORDER, "nonsense"])))
def test_it_never_raises_and_never_shows_less_than_reached(summary, reached):
    pathway = assess_pathway(summary, now=NOW, reached=reached)
    assert len(pathway.stages) == 4
    assert _rank(pathway.current) >= _rank(pathway.measured)
    assert _rank(pathway.current) >= _rank(highest(reached))


@given(
    summaries,
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=0, max_value=20),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1),
)
def test_the_stage_is_monotone_in_improving_inputs(summary, more_entries, more_tools, rate_factor, recovery_factor):
    def shrink(value, factor):
        return value * factor if value is not None and value == value and value >= 0 else value

    better = replace(
        summary,
        named_triggers=max(summary.named_triggers, 0) + more_entries,
        ecr_r_completed=max(summary.ecr_r_completed, 0) + 1,
        recent_responses=max(summary.recent_responses, 0) + more_entries,
        recent_non_protest=min(max(summary.recent_non_protest, 0), max(summary.recent_responses, 0)) + more_entries,
        tool_sessions=max(summary.tool_sessions, 0) + more_tools,
        recent_per_week=shrink(summary.recent_per_week, rate_factor),
        recent_median_recovery=shrink(summary.recent_median_recovery, recovery_factor),
        ecr_r_anxiety_word="improved" if summary.ecr_r_anxiety_word == "improved" else summary.ecr_r_anxiety_word,
    )
    assert _rank(assess_pathway(better, now=NOW).measured) >= _rank(assess_pathway(summary, now=NOW).measured)
