"""Nearest prototype by the scale-midpoint convention (exactly 4.0 counts as low) and the error band."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.instruments import PROTOTYPE_RULE, Prototype, error_band, nearest_prototype


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "prototype"),
    [
        (1.0, 1.0, Prototype.SECURE),
        (4.0, 4.0, Prototype.SECURE),  # exactly 4.0 is low on both
        (math.nextafter(4.0, 5.0), 4.0, Prototype.ANXIOUS_PREOCCUPIED),
        (4.0, math.nextafter(4.0, 5.0), Prototype.DISMISSING_AVOIDANT),
        (4.01, 4.01, Prototype.FEARFUL_AVOIDANT),
        (5.5, 2.0, Prototype.ANXIOUS_PREOCCUPIED),
        (2.0, 5.5, Prototype.DISMISSING_AVOIDANT),
        (7.0, 7.0, Prototype.FEARFUL_AVOIDANT),
        (7.0, 4.0, Prototype.ANXIOUS_PREOCCUPIED),
        (4.0, 7.0, Prototype.DISMISSING_AVOIDANT),
        (3.99, 3.99, Prototype.SECURE),
    ],
)
def test_it_places_scores_by_the_midpoint_rule(anxiety, avoidance, prototype):
    assert nearest_prototype(anxiety, avoidance) is prototype


def test_it_states_which_side_4_falls_on():
    assert "exactly 4.0 or below counts as low" in PROTOTYPE_RULE
    assert "above 4.0 counts as high" in PROTOTYPE_RULE


def test_it_labels_prototypes_for_display():
    assert [p.label for p in Prototype] == [
        "Secure",
        "Anxious-preoccupied",
        "Dismissing-avoidant",
        "Fearful-avoidant",
    ]


@pytest.mark.parametrize(("anxiety", "avoidance"), [(0.99, 4), (4, 7.01), (math.nan, 4), (4, math.inf)])
def test_it_refuses_scores_off_the_scale(anxiety, avoidance):
    with pytest.raises(ValueError, match="outside the 1-7 scale"):
        nearest_prototype(anxiety, avoidance)


@pytest.mark.parametrize(
    ("score", "low", "high"),
    [
        # SEM = 1.1 * sqrt(0.15) = 0.426028; 1.96 * SEM = 0.835015.
        (4.0, 3.164985, 4.835015),
        (1.5, 1.0, 2.335015),  # clipped at the floor
        (6.8, 5.964985, 7.0),  # clipped at the ceiling
    ],
)
def test_it_gives_the_measurement_error_band(score, low, high):
    band = error_band(score, 1.1, 0.85)
    assert (band.low, band.high) == (pytest.approx(low, abs=1e-6), pytest.approx(high, abs=1e-6))


@given(st.floats(1, 7), st.floats(0.1, 3), st.floats(0, 0.99))
def test_the_error_band_holds_the_score_and_stays_on_the_scale(score, sd, r):
    band = error_band(score, sd, r)
    assert 1.0 <= band.low <= score <= band.high <= 7.0


@given(st.floats(1, 7), st.floats(1, 7))
def test_high_means_strictly_above_the_midpoint(anxiety, avoidance):
    prototype = nearest_prototype(anxiety, avoidance)
    anxious = prototype in {Prototype.ANXIOUS_PREOCCUPIED, Prototype.FEARFUL_AVOIDANT}
    avoidant = prototype in {Prototype.DISMISSING_AVOIDANT, Prototype.FEARFUL_AVOIDANT}
    assert (anxious, avoidant) == (anxiety > 4.0, avoidance > 4.0)
