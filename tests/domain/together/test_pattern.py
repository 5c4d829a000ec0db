"""The couple's pattern from two people's scores (mission report: the anxious-avoidant pursue-withdraw pattern,
two anxious partners, partner attachment matters; the midpoint rule from instruments.md, not diagnostic)."""

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.together.pattern import PATTERN_RULE, PATTERNS, Leaning, couple_pattern, leaning

SECURE, ANXIOUS, AVOIDANT, BOTH = (2.0, 2.0), (5.5, 2.0), (2.0, 5.5), (5.5, 5.5)


@pytest.mark.parametrize(
    ("first", "second", "key", "name"),
    [
        (ANXIOUS, AVOIDANT, "anxious-avoidant", "Pursue and withdraw"),
        (AVOIDANT, ANXIOUS, "anxious-avoidant", "Pursue and withdraw"),
        (ANXIOUS, ANXIOUS, "anxious-anxious", "Both reaching out"),
        (ANXIOUS, SECURE, "anxious-secure", "Worry met by steadiness"),
        (SECURE, ANXIOUS, "anxious-secure", "Worry met by steadiness"),
        (ANXIOUS, BOTH, "anxious-fearful", "Reaching out, and sometimes pulling back"),
        (AVOIDANT, BOTH, "fearful-avoidant", "Distance on both sides"),
        (BOTH, BOTH, "fearful-fearful", "Wanting closeness and fearing it"),
        (SECURE, BOTH, "fearful-secure", "Push and pull met by steadiness"),
        (AVOIDANT, AVOIDANT, "avoidant-avoidant", "Side by side, at a distance"),
        (SECURE, AVOIDANT, "avoidant-secure", "Space met by steadiness"),
        (SECURE, SECURE, "secure-secure", "Steady, both of you"),
        # The midpoint: exactly 4.0 is low, anything above is high.
        ((4.0, 4.0), (4.01, 1.0), "anxious-secure", "Worry met by steadiness"),
        ((4.01, 4.0), (4.0, 4.01), "anxious-avoidant", "Pursue and withdraw"),
        ((7.0, 1.0), (1.0, 7.0), "anxious-avoidant", "Pursue and withdraw"),
    ],
)
def test_it_names_the_pairing(first, second, key, name):
    pattern = couple_pattern(first, second)
    assert (pattern.key, pattern.name) == (key, name)


def test_the_anxious_avoidant_pairing_is_described_as_pursue_withdraw():
    pattern = couple_pattern(ANXIOUS, AVOIDANT)
    assert "reaches out more" in pattern.what_it_can_look_like and "steps back more" in pattern.what_it_can_look_like
    assert "return time" in pattern.what_can_help


def test_every_pairing_has_its_words_once():
    assert len(PATTERNS) == len(list(itertools.combinations_with_replacement(Leaning, 2))) == 10


# A verdict on a person, a score or a grade: never in what a couple reads.
VERDICT = re.compile(
    r"\bcompatib|\bscore of\b|\d+ ?%|\bpoints?\b|\bincompatible|\bdoomed|\bfault\b|\byou are (an? )?(anxious|avoidant)"
    r"|\bdiagnos(?!is:)",
    re.IGNORECASE,
)
TENTATIVE = re.compile(r"\b(often|may|can|could|suggests?|sometimes)\b", re.IGNORECASE)


@pytest.mark.parametrize("pattern", PATTERNS.values(), ids=lambda p: p.key)
def test_it_is_worded_tentatively_and_never_as_a_verdict(pattern):
    text = " ".join([pattern.name, pattern.what_it_can_look_like, pattern.what_can_help])
    assert not VERDICT.search(text), VERDICT.search(text)
    assert TENTATIVE.search(pattern.what_it_can_look_like)


def test_the_rule_says_it_is_not_a_diagnosis():
    assert "not a diagnosis" in PATTERN_RULE and "4" in PATTERN_RULE


@pytest.mark.parametrize("outside", [(0.5, 3.0), (3.0, 7.5), (float("nan"), 3.0)])
def test_scores_outside_the_scale_are_refused(outside):
    with pytest.raises(ValueError):
        leaning(*outside)


scores = st.tuples(st.floats(1.0, 7.0), st.floats(1.0, 7.0))


@given(scores, scores)
def test_it_never_matters_whose_scores_come_first(first, second):
    assert couple_pattern(first, second) == couple_pattern(second, first)
