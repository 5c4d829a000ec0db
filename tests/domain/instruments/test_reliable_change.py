"""Reliable change (Jacobson & Truax 1991) and the NHS Talking Therapies rules for PHQ-9 and GAD-7."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.instruments import (
    Direction,
    Outcome,
    RCAssumptions,
    UnknownInstrument,
    compare,
    reliable_change_index,
    smallest_reliable_change,
)


@pytest.mark.parametrize(
    ("sd", "r", "expected"),
    [
        # ECR-R default: 1.96 * sqrt(2) * 1.1 * sqrt(0.15) = 1.96 * 1.414214 * 1.1 * 0.387298 = 1.18089.
        (1.1, 0.85, 1.18089),
        # ECR-RS romantic: 1.96 * 1.414214 * 1.2 * sqrt(0.35) = 1.96 * 1.414214 * 1.2 * 0.591608 = 1.96782.
        (1.2, 0.65, 1.96782),
        # r = 0: the whole SD is error, 1.96 * sqrt(2) * 1 = 2.77186.
        (1.0, 0.0, 2.77186),
    ],
)
def test_it_computes_the_smallest_reliable_change(sd, r, expected):
    assert smallest_reliable_change(sd, r) == pytest.approx(expected, abs=1e-5)


def test_the_documented_defaults_need_about_1_2_and_2_0_points():
    assert round(compare("ecr-r", "anxiety", 4, 4).threshold, 1) == 1.2
    assert round(compare("ecr-r", "avoidance", 4, 4).threshold, 1) == 1.2
    assert round(compare("ecr-rs", "avoidance", 4, 4).threshold, 1) == 2.0


def test_it_computes_the_index():
    # S_diff = sqrt(2) * 1.1 * sqrt(0.15) = 0.602495; RC = (3.5 - 5) / 0.602495 = -2.48965.
    assert reliable_change_index(5, 3.5, RCAssumptions(1.1, 0.85, "test")) == pytest.approx(-2.48965, abs=1e-5)


@pytest.mark.parametrize(
    ("slug", "subscale", "before", "after", "outcome"),
    [
        ("ecr-r", "anxiety", 5.0, 3.5, Outcome.IMPROVED),
        ("ecr-r", "anxiety", 5.0, 4.0, Outcome.NO_RELIABLE_CHANGE),
        ("ecr-r", "avoidance", 3.0, 4.5, Outcome.WORSE),
        ("ecr-r", "anxiety", 4.0, 2.8, Outcome.IMPROVED),  # 1.2 > 1.18
        ("ecr-r", "anxiety", 4.0, 2.85, Outcome.NO_RELIABLE_CHANGE),  # 1.15 < 1.18
        # Crossing the midpoint is not "recovered": the ECR-R has no clinical cut-off.
        ("ecr-r", "anxiety", 6.0, 2.0, Outcome.IMPROVED),
        ("ecr-rs", "avoidance", 5.0, 3.5, Outcome.NO_RELIABLE_CHANGE),  # 1.5 < 1.97
        ("ecr-rs", "anxiety", 5.5, 3.0, Outcome.IMPROVED),
        ("ecr-rs-mother", "avoidance", 5.0, 3.5, Outcome.IMPROVED),  # r .80: threshold 1.49
        ("phq-9", "total", 14, 7, Outcome.RECOVERED),
        ("phq-9", "total", 14, 8, Outcome.RECOVERED),  # down 6, ends below 10
        ("phq-9", "total", 14, 9, Outcome.NO_RELIABLE_CHANGE),  # down 5 only
        ("phq-9", "total", 20, 12, Outcome.IMPROVED),  # still a case
        ("phq-9", "total", 9, 3, Outcome.IMPROVED),  # was never a case
        ("phq-9", "total", 10, 4, Outcome.RECOVERED),
        ("phq-9", "total", 5, 11, Outcome.WORSE),
        ("phq-9", "total", 12, 12, Outcome.NO_RELIABLE_CHANGE),
        ("gad-7", "total", 12, 7, Outcome.RECOVERED),
        ("gad-7", "total", 12, 8, Outcome.IMPROVED),  # 8 is still a case
        ("gad-7", "total", 10, 7, Outcome.NO_RELIABLE_CHANGE),
        ("gad-7", "total", 3, 7, Outcome.WORSE),
    ],
)
def test_it_names_the_outcome(slug, subscale, before, after, outcome):
    change = compare(slug, subscale, before, after)
    assert change.outcome is outcome
    assert change.word == outcome.value
    assert change.reliable is (outcome is not Outcome.NO_RELIABLE_CHANGE)


def test_it_reports_the_numbers_behind_an_ecr_r_change():
    change = compare("ecr-r", "anxiety", 5.0, 3.5)
    assert change.delta == -1.5
    assert change.direction is Direction.DOWN
    assert change.rci == pytest.approx(-2.48965, abs=1e-5)
    assert "1.18 points" in change.assumptions_text
    assert "standard deviation of 1.1" in change.assumptions_text
    assert "reliability of 0.85" in change.assumptions_text
    assert "Jacobson & Truax" in change.assumptions_text


def test_it_uses_the_fixed_rule_for_the_screeners():
    change = compare("phq-9", "total", 14, 7)
    assert (change.rci, change.threshold, change.delta) == (None, 6, -7)
    assert "6 points or more" in change.assumptions_text
    assert "NHS Talking Therapies" in change.assumptions_text
    assert "10 or more counts as a case" in change.assumptions_text
    assert "4 points or more" in compare("gad-7", "total", 10, 4).assumptions_text


def test_explicit_assumptions_override_the_default():
    assumptions = RCAssumptions(sd=0.5, reliability=0.9, source="a local sample")
    change = compare("ecr-r", "anxiety", 4.0, 3.5, assumptions)
    # threshold = 1.96 * sqrt(2) * 0.5 * sqrt(0.1) = 0.43827; 0.5 > 0.43827.
    assert change.threshold == pytest.approx(0.43827, abs=1e-5)
    assert change.outcome is Outcome.IMPROVED
    assert "a local sample" in change.assumptions_text


def test_explicit_assumptions_on_a_screener_keep_its_caseness():
    change = compare("phq-9", "total", 11, 6, RCAssumptions(sd=2.0, reliability=0.8, source="x"))
    # threshold = 1.96 * sqrt(2) * 2 * sqrt(0.2) = 2.479; a 5-point drop from 11 to 6 is reliable and crosses 10.
    assert change.rci is not None
    assert change.outcome is Outcome.RECOVERED


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("ecr-x", "anxiety", 4, 4), UnknownInstrument, "No instrument 'ecr-x'"),
        (("ecr-r", "total", 4, 4), ValueError, "ECR-R has no subscale 'total'"),
        (("ecr-r", "anxiety", 0.5, 4), ValueError, "before score 0.5 is outside the ECR-R range 1-7"),
        (("phq-9", "total", 3, 28), ValueError, "after score 28 is outside the PHQ-9 range 0-27"),
        (("ecr-r", "anxiety", 4, math.nan), ValueError, "after score nan is outside"),
    ],
)
def test_it_refuses_impossible_comparisons(args, error, message):
    with pytest.raises(error, match=message):
        compare(*args)


@pytest.mark.parametrize(("sd", "r"), [(0, 0.8), (-1, 0.8), (math.inf, 0.8), (1, 1.0), (1, -0.1)])
def test_it_refuses_impossible_assumptions(sd, r):
    with pytest.raises(ValueError, match="must be"):
        RCAssumptions(sd, r, "x")


ecr_scores = st.floats(1, 7, allow_nan=False)


@given(
    st.sampled_from(["ecr-r", "ecr-rs", "ecr-rs-mother", "ecr-rs-father", "ecr-rs-friend"]),
    st.sampled_from(["anxiety", "avoidance"]),
    ecr_scores,
    ecr_scores,
)
def test_attachment_change_is_antisymmetric_and_never_recovery(slug, subscale, a, b):
    forward, backward = compare(slug, subscale, a, b), compare(slug, subscale, b, a)
    assert forward.rci is not None and backward.rci is not None
    assert forward.rci == -backward.rci
    assert forward.delta == -backward.delta
    assert forward.reliable is backward.reliable
    assert Outcome.RECOVERED not in (forward.outcome, backward.outcome)
    if forward.reliable:
        assert {forward.outcome, backward.outcome} == {Outcome.IMPROVED, Outcome.WORSE}
        assert (forward.outcome is Outcome.IMPROVED) is (b < a)


@given(st.sampled_from([("phq-9", 27), ("gad-7", 21)]), st.data())
def test_screener_change_is_antisymmetric(case, data):
    slug, top = case
    a, b = data.draw(st.integers(0, top)), data.draw(st.integers(0, top))
    forward, backward = compare(slug, "total", a, b), compare(slug, "total", b, a)
    assert forward.delta == -backward.delta
    assert forward.reliable is backward.reliable
    if forward.reliable:
        improving = forward if b < a else backward
        worsening = backward if b < a else forward
        assert improving.outcome in {Outcome.IMPROVED, Outcome.RECOVERED}
        assert worsening.outcome is Outcome.WORSE
    else:
        assert forward.outcome is backward.outcome is Outcome.NO_RELIABLE_CHANGE
