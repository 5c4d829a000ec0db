"""The de-identification rules (domain.research.deidentify): ladders, the plan, k-anonymity, shifts and ids."""

import random
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from earnedsecure.domain.research.deidentify import (
    ANY,
    GENDERS,
    LEVELS,
    RELATIONSHIPS,
    SHIFT_DAYS,
    K,
    Quasi,
    age_in_years,
    age_released,
    country_released,
    gender_released,
    is_k_anonymous,
    new_date_shift,
    new_participant_code,
    plan_release,
    relationship_released,
    shifted,
    smallest_cell,
)


@pytest.mark.parametrize(
    ("age", "level", "released"),
    [
        (18, 0, "18-24"),
        (24, 0, "18-24"),
        (25, 0, "25-29"),
        (16, 0, "18-24"),  # a mistyped year joins the youngest band, never a finer one
        (89, 0, "85-89"),
        (90, 0, "90+"),
        (104, 0, "90+"),
        (89, 1, "80-89"),
        (95, 1, "90+"),
        (29, 1, "18-29"),
        (39, 2, "18-39"),
        (64, 2, "40-64"),
        (89, 2, "65-89"),
        (91, 2, "90+"),
        (91, 3, ANY),
        (40, 3, ANY),
    ],
)
def test_age_ladder(age, level, released):
    assert age_released(age, level) == released


@given(st.integers(min_value=90, max_value=130), st.integers(min_value=0, max_value=LEVELS["age"] - 1))
def test_no_age_over_89_is_ever_released_finer_than_90_plus(age, level):
    assert age_released(age, level) in ("90+", ANY)


@pytest.mark.parametrize(
    ("gender", "level", "released"),
    [
        ("woman", 0, "woman"),
        ("non_binary", 0, "non_binary"),
        ("non_binary", 1, "another_or_not_said"),
        ("man", 1, "man"),
        ("typed by someone", 0, "not_said"),  # anything not a key is never released as given
        ("woman", 2, ANY),
    ],
)
def test_gender_ladder(gender, level, released):
    assert gender_released(gender, level) == released


@pytest.mark.parametrize(
    ("relationship", "level", "released"),
    [
        ("under_1", 0, "under_1"),
        ("under_1", 1, "under_3"),
        ("1_to_3", 1, "under_3"),
        ("over_10", 1, "3_or_more"),
        ("none", 1, "none"),
        ("none", 2, ANY),
    ],
)
def test_relationship_ladder(relationship, level, released):
    assert relationship_released(relationship, level) == released


@pytest.mark.parametrize(
    ("country", "level", "released"),
    [("GB", 0, "GB"), ("IS", 0, "IS"), ("IS", 1, "other"), ("GB", 1, "GB"), ("", 0, "other"), ("GB", 2, ANY)],
)
def test_country_ladder(country, level, released):
    assert country_released(country, level, frozenset({"IS"})) == released


def test_age_is_the_years_reached_in_the_year_of_the_export():
    assert age_in_years(birth_year=1990, on=date(2026, 1, 1)) == 36


def test_a_population_that_is_already_safe_is_released_as_it_is():
    histogram = {Quasi(32, "GB", "woman", "1_to_3"): 40, Quasi(47, "US", "man", "none"): 25}
    plan = plan_release(histogram)
    assert plan.generalization.height == 0
    assert plan.suppressed_people == 0
    assert plan.release(Quasi(32, "GB", "woman", "1_to_3")) == ("30-34", "GB", "woman", "1_to_3")


def test_one_person_of_ninety_is_left_out_rather_than_named():
    histogram = {Quasi(32, "GB", "woman", "1_to_3"): 40, Quasi(93, "GB", "woman", "1_to_3"): 1}
    plan = plan_release(histogram)
    assert plan.release(Quasi(93, "GB", "woman", "1_to_3")) is None
    assert plan.suppressed_people == 1
    assert plan.generalization.height == 0  # one person of 41 is within the 5% budget: no need to coarsen others


def test_a_rare_country_is_pooled_when_pooling_saves_more_than_the_budget():
    histogram = {Quasi(32, "GB", "woman", "none"): 30}
    histogram.update({Quasi(32, country, "woman", "none"): 3 for country in ("IS", "MT", "LU", "EE")})
    plan = plan_release(histogram)
    assert plan.suppressed_people == 0
    assert plan.release(Quasi(32, "IS", "woman", "none")) == ("30-34", "other", "woman", "none")
    assert plan.release(Quasi(32, "GB", "woman", "none")) == ("30-34", "GB", "woman", "none")


def test_fewer_than_k_people_release_nobody():
    histogram = {Quasi(32, "GB", "woman", "none"): K - 1}
    plan = plan_release(histogram)
    assert plan.release(Quasi(32, "GB", "woman", "none")) is None
    assert plan.suppressed_people == K - 1


def test_k_anonymity_check_and_smallest_cell():
    rows = [("30-34", "GB", "woman", "none")] * 10 + [("35-39", "GB", "woman", "none")] * 9
    assert smallest_cell(rows) == 9
    assert not is_k_anonymous(rows)
    assert is_k_anonymous(rows[:10])
    assert smallest_cell([]) == 0


quasi = st.builds(
    Quasi,
    age=st.integers(min_value=16, max_value=104),
    country=st.sampled_from(["GB", "US", "DE", "FR", "IE", "IS", "NZ", ""]),
    gender=st.sampled_from(list(GENDERS)),
    relationship=st.sampled_from(list(RELATIONSHIPS)),
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(quasi, st.integers(min_value=1, max_value=40), min_size=1, max_size=60))
def test_every_released_cell_holds_at_least_k_people_and_few_are_left_out(histogram):
    plan = plan_release(histogram)
    released = Counter()
    for q, n in histogram.items():
        cell = plan.release(q)
        if cell is not None:
            released[cell] += n
    assert all(n >= K for n in released.values())
    left_out = plan.people - sum(released.values())
    assert left_out == plan.suppressed_people
    if plan.people >= K:
        assert left_out <= plan.people * 0.05
    else:
        assert not released


def test_a_seeded_population_of_thousands_is_k_anonymous():
    rng = random.Random(15)
    population = [
        Quasi(
            rng.randint(18, 99),
            rng.choice(["GB"] * 6 + ["US"] * 5 + ["DE", "FR", "IE", "NL", "IS", "MT", "NZ", "CA"]),
            rng.choice(list(GENDERS)),
            rng.choice(list(RELATIONSHIPS)),
        )
        for _ in range(5000)
    ]
    plan = plan_release(Counter(population))
    released = [cell for q in population if (cell := plan.release(q)) is not None]
    assert smallest_cell(released) >= K
    assert len(released) >= 0.95 * len(population)


def test_shifts_are_within_range_never_zero_and_not_all_equal():
    shifts = [new_date_shift() for _ in range(400)]
    assert all(-SHIFT_DAYS <= s <= SHIFT_DAYS and s != 0 for s in shifts)
    assert len(set(shifts)) > 50


APP_DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))  # the dates the app accepts


@given(APP_DAYS, APP_DAYS, st.integers(min_value=-SHIFT_DAYS, max_value=SHIFT_DAYS))
def test_a_shift_keeps_the_interval_between_two_days_of_one_person(first, second, shift):
    assert shifted(second, shift) - shifted(first, shift) == second - first


def test_participant_codes_are_random_hex_and_do_not_repeat():
    codes = {new_participant_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) == 16 and int(code, 16) >= 0 for code in codes)
