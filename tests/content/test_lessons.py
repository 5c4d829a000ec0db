"""The packaged lessons: well formed, the right length, faithful to the report and in our own words."""

import ast
from collections import Counter
from pathlib import Path

import pytest

from earnedsecure.content import loader
from earnedsecure.content.loader import get_lesson, load_lessons
from earnedsecure.domain.cycle import PRACTICES
from tests.content.textcheck import (
    REPORT_PATH,
    forbidden_claims,
    report_headings,
    shared_runs,
    word_runs,
    words,
)

LESSONS = load_lessons()
LESSON_IDS = [lesson.slug for lesson in LESSONS]
MIN_WORDS, MAX_WORDS = 350, 700


def _report_text() -> str:
    return REPORT_PATH.read_text(encoding="utf-8")


def test_it_loads_a_short_course():
    assert 10 <= len(LESSONS) <= 17


def test_it_sorts_lessons_by_order():
    assert [lesson.order for lesson in LESSONS] == sorted(lesson.order for lesson in LESSONS)


def test_it_gives_every_lesson_a_unique_slug_and_order():
    assert [slug for slug, n in Counter(LESSON_IDS).items() if n > 1] == []
    assert [order for order, n in Counter(lesson.order for lesson in LESSONS).items() if n > 1] == []


def test_it_caches_the_parse():
    assert load_lessons() is load_lessons()


def test_it_finds_a_lesson_by_slug():
    assert get_lesson("the-cycle").title == "The anxious cycle"


def test_it_raises_key_error_for_an_unknown_slug():
    with pytest.raises(KeyError):
        get_lesson("no-such-lesson")


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_it_fits_a_few_minutes_on_a_phone(lesson):
    count = len(words(lesson.body_markdown))
    assert MIN_WORDS <= count <= MAX_WORDS, f"{lesson.slug} has {count} words"
    assert 2 <= lesson.minutes <= 5
    # The stated reading time should be honest: between about 100 and 250 words a minute.
    assert count / 250 <= lesson.minutes <= count / 100 + 1, f"{lesson.slug}: {count} words"


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_it_ends_with_one_practice_linked_to_a_tool(lesson):
    assert lesson.practice_tool in PRACTICES
    assert lesson.practice.endswith(".")
    assert lesson.summary.endswith(".")


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_it_names_the_report_sections_it_draws_on(lesson):
    assert lesson.report_sections
    missing = [section for section in lesson.report_sections if section not in report_headings(_report_text())]
    assert missing == []


def test_it_parses_the_cycle_as_steps():
    steps = get_lesson("the-cycle").cycle_steps
    assert len(steps) >= 6
    expected = [
        "trigger",
        "distress",
        "urge to protest",
        "protest behaviour",
        "sometimes rewarded",
        "beliefs confirmed",
        "repeats",
    ]
    assert [word in step.lower() for step, word in zip(steps, expected, strict=True)] == [True] * len(expected)
    assert "partial reinforcement" in " ".join(steps)


def test_it_has_cycle_steps_only_in_the_cycle_lesson():
    assert [lesson.slug for lesson in LESSONS if lesson.cycle_steps] == ["the-cycle"]


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_it_makes_no_clinical_claims(lesson):
    text = "\n".join([lesson.title, lesson.summary, lesson.practice, lesson.body_markdown])
    assert forbidden_claims(text) == []


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_it_is_written_in_our_own_words(lesson):
    report_runs = word_runs(_report_text())
    text = "\n".join([lesson.summary, lesson.practice, lesson.body_markdown])
    assert shared_runs(text, report_runs) == []


# Facts from the report each lesson must carry, so an edit cannot silently drop them.
KEY_FACTS = {
    "what-is-anxious-attachment": ["20%", "earned secure attachment", "6 to 18 months", "not a replacement"],
    "your-strengths": ["loyal", "forgive", "at work", "friends", "contentment"],
    "your-brain": ["posterior cingulate", "amygdala", "prefrontal", "HPA axis", "cortisol", "Brain change is real"],
    "the-cycle": ["partial reinforcement", "## The cycle, step by step"],
    "triggers": ["unavailable", "rejection", "unmet", "Not knowing where you stand", "exposure to uncertainty"],
    "protest-behaviours": ["Testing", "Threats", "jealous", "Too much contact", "Pulling back", "cortisol"],
    "saying-what-you-need": ["I feel anxious when", "Emotionally Focused Therapy"],
    "calming-your-body": ["4-7-8", "5-4-3-2-1", "muscle relaxation", "Mindfulness"],
    "questioning-anxious-thoughts": ["evidence", "balanced", "behavioural experiments", "10 weeks", "4 to 8 weeks"],
    "anxious-avoidant-trap": ["Pursuit", "withdraw", "most room to grow", "couples therapy"],
    "two-anxious-partners": ["pursuer-pursuer", "highest levels of conflict", "You understand each other"],
    "what-helps": ["CBT", "IPT", "ABCT", "EFT", "Mindfulness", "attachment theory", "6 to 12 months", "not therapy"],
    "earned-security": ["0 to 3 months", "3 to 6 months", "6 to 12 months", "12 to 18 months", "Two roads"],
    "progress-is-not-linear": ["days", "hours", "minutes", "setback"],
    "for-partners": ["withdrawal", "you're overreacting", "manipulation"],
    "repair-rituals": ["Repair out loud", "return time", "Emotionally Focused Therapy"],
    "anxiety-or-not-safe": [
        "coercive control",
        "gaslighting",
        "hands on your neck",
        "Anxious attachment never explains abuse",
        "traumatic bonding",
        "Couples therapy is not advised while there is abuse",
        "most dangerous",
        "Quick exit",
        "(/help/crisis/)",
    ],
}


def test_it_covers_every_topic_of_the_course():
    assert set(KEY_FACTS) == set(LESSON_IDS)


@pytest.mark.parametrize(("slug", "facts"), KEY_FACTS.items())
def test_it_keeps_the_key_facts(slug, facts):
    body = get_lesson(slug).body_markdown.lower()
    assert [fact for fact in facts if fact.lower() not in body] == []


def test_the_loader_never_imports_django():
    # The standard library and the framework-free domain (the practices are the cycle's vocabulary), nothing else.
    tree = ast.parse(Path(loader.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"__future__", "re", "dataclasses", "functools", "pathlib", "earnedsecure.domain.cycle"}
