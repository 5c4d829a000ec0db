"""The partner vocabulary and rules (domain.together.sharing): the week's band, codes, the safety screen."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.together.sharing import (
    CODE_ALPHABET,
    CODE_LENGTH,
    SAFETY_QUESTIONS,
    WeekBand,
    WeekFigures,
    code_grouped,
    code_normalise,
    screen_says_unsafe,
    week_band,
)


@pytest.mark.parametrize(
    ("week", "week_mean", "four_weeks", "four_weeks_mean", "band"),
    [
        (0, None, 10, 5.0, None),  # nothing written last week: silence is not calm
        (2, 6.0, 2, 6.0, None),  # too little to compare with
        (3, 7.0, 12, 6.0, WeekBand.HARDER),  # a point above: harder
        (3, 6.9, 12, 6.0, WeekBand.SAME),
        (3, 5.1, 12, 6.0, WeekBand.SAME),
        (3, 5.0, 12, 6.0, WeekBand.CALMER),  # a point below: calmer
        (1, 2.0, 3, 8.0, WeekBand.CALMER),
    ],
)
def test_week_band(week, week_mean, four_weeks, four_weeks_mean, band):
    assert week_band(WeekFigures(week, week_mean, four_weeks, four_weeks_mean)) == band


def test_codes_read_back_however_they_are_typed():
    assert code_normalise(" abcde-fghjk ") == "ABCDEFGHJK"
    assert code_grouped("ABCDEFGHJK") == "ABCDE FGHJK"


@given(st.text(alphabet=CODE_ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH))
def test_a_shown_code_typed_back_is_the_code(code):
    assert code_normalise(code_grouped(code).lower()) == code


def test_the_alphabet_has_no_look_alikes():
    assert not set("0O1IL") & set(CODE_ALPHABET)


@pytest.mark.parametrize("key", [key for key, _ in SAFETY_QUESTIONS])
def test_any_yes_on_the_screen_is_unsafe(key):
    assert screen_says_unsafe({k: k == key for k, _ in SAFETY_QUESTIONS})
    assert not screen_says_unsafe({k: False for k, _ in SAFETY_QUESTIONS})
