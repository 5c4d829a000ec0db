"""The text checks must catch what they claim to catch, or the content tests prove nothing."""

import pytest

from tests.content.textcheck import forbidden_claims, shared_runs, word_runs, words


@pytest.mark.parametrize(
    "text",
    [
        "This app will diagnose your attachment style.",
        "Get a diagnosis in minutes.",
        "A cure for anxious attachment.",
        "Our exercises are clinically proven.",
        "The program treats anxiety.",
        "This course treats your anxious attachment.",
    ],
)
def test_it_flags_clinical_claims(text):
    assert forbidden_claims(text)


@pytest.mark.parametrize(
    "text",
    [
        "Earned secure attachment is possible, and insecurity can become security.",
        "It does not diagnose anything, and it is not a replacement for a therapist.",
        "It is not a diagnosis; it is a starting point.",
        "Therapies such as CBT have reduced attachment anxiety.",
        "Evidence-Based Interventions and Treatment",
    ],
)
def test_it_allows_disclaimers_and_plain_words(text):
    assert forbidden_claims(text) == []


def test_it_only_excuses_the_sentence_with_the_disclaimer():
    text = "This app does not diagnose. But it will cure you."
    assert forbidden_claims(text) == ["But it will cure you."]


def test_it_counts_words_regardless_of_markdown_and_apostrophes():
    assert words("**You’re** not *broken*, you're learning.") == ["you're", "not", "broken", "you're", "learning"]


def test_it_finds_a_copied_run_of_twelve_words():
    report = "Alpha beta. One two three four five six seven eight nine ten eleven twelve thirteen."
    copied = "Intro: one two three, four five six seven eight nine ten eleven twelve! End."
    assert shared_runs(copied, word_runs(report)) == ["one two three four five six seven eight nine ten eleven twelve"]


def test_it_does_not_flag_eleven_shared_words():
    report = "one two three four five six seven eight nine ten eleven twelve"
    paraphrase = "one two three four five six seven eight nine ten eleven and more"
    assert shared_runs(paraphrase, word_runs(report)) == []
