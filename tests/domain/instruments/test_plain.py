"""Results in everyday words: the words follow the same figures as the scoring engine (issue 13)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.instruments import Prototype, compare, error_band, get_instrument, nearest_prototype
from earnedsecure.domain.instruments.plain import (
    NEAR_THE_MIDDLE,
    attachment_briefly,
    change_in_words,
    dimension_in_words,
    prototype_in_words,
    screener_in_words,
)


@pytest.mark.parametrize(
    ("key", "score", "words"),
    [
        ("anxiety", 1.0, "You rarely worry"),
        ("anxiety", 2.5, "You rarely worry"),
        ("anxiety", 2.51, "not often"),
        ("anxiety", 4.0, "not often"),  # exactly the middle counts as low, as in the prototype rule
        ("anxiety", 4.01, "You often worry"),
        ("anxiety", 5.49, "You often worry"),
        ("anxiety", 5.5, "strong for you"),
        ("avoidance", 2.0, "comes fairly easily"),
        ("avoidance", 3.5, "mostly comfortable"),
        ("avoidance", 4.5, "often feels uneasy"),
        ("avoidance", 7.0, "feels hard"),
    ],
)
def test_a_dimension_is_worded_by_how_the_answers_leaned(key, score, words):
    assert words in dimension_in_words(key, score)


@pytest.mark.parametrize(
    ("score", "near"), [(3.0, False), (3.7, True), (4.0, True), (4.3, True), (5.2, False), (6.5, False)]
)
def test_a_score_whose_noise_crosses_the_middle_says_it_could_tip(score, near):
    band = error_band(score, 1.1, 0.85)  # about +/- 0.83
    assert (NEAR_THE_MIDDLE in dimension_in_words("anxiety", score, band)) is near


@given(anxiety=st.floats(1, 7), avoidance=st.floats(1, 7))
def test_the_words_never_contradict_the_prototype(anxiety, avoidance):
    """Above the middle the words say the answers agreed, at or below it that they disagreed."""
    prototype = nearest_prototype(anxiety, avoidance)
    high_anxiety = "disagree" not in dimension_in_words("anxiety", anxiety)
    high_avoidance = "disagree" not in dimension_in_words("avoidance", avoidance)
    assert high_anxiety == (prototype in {Prototype.ANXIOUS_PREOCCUPIED, Prototype.FEARFUL_AVOIDANT})
    assert high_avoidance == (prototype in {Prototype.DISMISSING_AVOIDANT, Prototype.FEARFUL_AVOIDANT})


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "words"),
    [
        (2.5, 7.0, "Rarely worried about being loved or left; closeness feels hard."),
        (4.0, 2.0, "Worried about being loved or left at times; closeness comes fairly easily."),
        (4.01, 4.0, "Often worried about being loved or left; closeness mostly comfortable."),
        (5.5, 4.5, "Strongly worried about being loved or left; closeness often feels uneasy."),
    ],
)
def test_both_scores_in_a_few_words(anxiety, avoidance, words):
    assert attachment_briefly(anxiety, avoidance) == words


@given(anxiety=st.floats(1, 7), avoidance=st.floats(1, 7))
def test_the_few_words_lean_as_the_sentences_do(anxiety, avoidance):
    """The list's few words and the result page's sentences come from one rule: both say "often" or
    "strong" exactly when the answers agreed."""
    brief = attachment_briefly(anxiety, avoidance).lower()
    worry, closeness = brief.split("; ")
    assert ("often" in worry or "strongly" in worry) == ("disagree" not in dimension_in_words("anxiety", anxiety))
    assert ("uneasy" in closeness or "hard" in closeness) == (
        "disagree" not in dimension_in_words("avoidance", avoidance)
    )


@pytest.mark.parametrize(
    ("prototype", "shape"),
    [
        (Prototype.SECURE, "both below the middle"),
        (Prototype.ANXIOUS_PREOCCUPIED, "worry above the middle"),
        (Prototype.DISMISSING_AVOIDANT, "unease with closeness above the middle"),
        (Prototype.FEARFUL_AVOIDANT, "both above the middle"),
    ],
)
def test_the_prototype_is_named_gently_with_its_dimensions(prototype, shape):
    text = prototype_in_words(prototype)
    assert "closest to the pattern researchers call" in text and prototype.value in text and shape in text


@pytest.mark.parametrize(
    ("slug", "band", "words"),
    [
        ("phq-9", "minimal", "low mood and the things that come with it bothered you little or not at all."),
        ("phq-9", "moderate", "a fair amount: the questionnaire calls this \u201cmoderate\u201d."),
        ("phq-9", "moderately_severe", "a lot: the questionnaire calls this \u201cmoderately severe\u201d."),
        ("gad-7", "mild", "worry and nerves bothered you a little"),
        ("gad-7", "severe", "very much: the questionnaire calls this \u201csevere\u201d."),
    ],
)
def test_a_screener_band_in_words(slug, band, words):
    assert words in screener_in_words(get_instrument(slug), band)


@pytest.mark.parametrize(
    ("slug", "before", "after", "words"),
    [
        (
            "phq-9",
            15,
            8,
            "Your score went down from 15 to 8, more than the wobble of measurement: likely a real change "
            "for the better, and now below the level",
        ),
        ("phq-9", 14, 13, "Your score moved from 14 to 13: within the normal wobble"),
        ("phq-9", 14, 14, "Your score stayed at 14: within"),
        ("phq-9", 14, 20, "Your score went up from 14 to 20"),
        (
            "gad-7",
            6,
            1,
            "went down from 6 to 1, more than the wobble of measurement: likely a real change for the better.",
        ),
        ("ecr-r", 6.0, 4.0, "Your score went down from 6 to 4"),
        ("ecr-r", 4.25, 4.5, "Your score moved from 4.25 to 4.5: within"),
    ],
)
def test_a_change_in_one_sentence_follows_the_engines_judgement(slug, before, after, words):
    subscale = "total" if slug in {"phq-9", "gad-7"} else "anxiety"
    assert words in change_in_words(compare(slug, subscale, before, after), "Your score")


def test_every_questionnaire_has_an_everyday_title_without_its_acronym():
    from earnedsecure.domain.instruments import REGISTRY

    for instrument in REGISTRY.values():
        assert instrument.title and instrument.asks and instrument.minutes >= 1
        for words in (instrument.title, instrument.asks):
            assert "ECR" not in words and "PHQ" not in words and "GAD" not in words


def test_a_questionnaire_about_one_person_says_so():
    from earnedsecure.domain.instruments.plain import about_whom

    assert about_whom(get_instrument("ecr-r")) == ""
    assert "one particular person, your partner," in about_whom(get_instrument("ecr-rs"))
    assert "your mother (or a mother figure)" in about_whom(get_instrument("ecr-rs-mother"))
