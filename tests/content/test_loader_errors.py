"""Malformed content files must fail loudly, naming the file and the line a clinician has to fix."""

import pytest

from earnedsecure.content.loader import ContentError, read_lessons, read_programs

VALID_LESSON = """\
---
title: A lesson
slug: a-lesson
order: 1
minutes: 3
summary: One sentence.
practice_tool: diary
practice: Write in the diary.
report_sections: Executive Summary, Conclusion
---

Some words.

## The cycle, step by step

1. **Trigger.** Something happens.
2. **Distress.** It hurts,
   and the hurt grows.
3. **Repeats.** Again.

## After

1. Not a step.
"""

VALID_PROGRAM = """\
---
title: A program
slug: a-program
weeks: 2
summary: One sentence.
source: Conclusion
---

An introduction.

## Week 1: Start

First week text.

Daily practice: `diary` — write a line.
Lesson: `a-lesson`

## Week 2: Finish

Second week text.

Daily practice: `savouring`
Lesson: a-lesson
"""


def _write(directory, name, text):
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_a_valid_lesson_from_any_directory(tmp_path):
    _write(tmp_path, "01-a-lesson.md", VALID_LESSON)
    (lesson,) = read_lessons(tmp_path)
    assert lesson.slug == "a-lesson"
    assert lesson.order == 1
    assert lesson.report_sections == ("Executive Summary", "Conclusion")
    assert lesson.cycle_steps == (
        "**Trigger.** Something happens.",
        "**Distress.** It hurts, and the hurt grows.",
        "**Repeats.** Again.",
    )
    assert lesson.body_markdown.startswith("Some words.")


def test_it_reads_a_valid_program_from_any_directory(tmp_path):
    _write(tmp_path, "a-program.md", VALID_PROGRAM)
    (program,) = read_programs(tmp_path, lesson_slugs=frozenset({"a-lesson"}))
    assert program.introduction == "An introduction."
    assert [(p.number, p.focus, p.daily_practice_tool, p.lesson_slug) for p in program.week_plans] == [
        (1, "Start", "diary", "a-lesson"),
        (2, "Finish", "savouring", "a-lesson"),
    ]
    assert program.week_plans[0].text == "First week text.\n\nDaily practice: Write a line."
    assert program.week_plans[1].text == "Second week text."


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("---\ntitle", "title", 1, "must start with a front matter block"),
        ("---\n\nSome words.", "\nSome words.", 11, "expected 'key: value' in the front matter"),
        ("summary: One sentence.\n", "", 1, "missing front matter key(s): summary"),
        ("minutes: 3", "minutes three", 5, "expected 'key: value'"),
        ("minutes: 3", "minute: 3", 5, "unknown key 'minute'"),
        ("minutes: 3", "minutes: 3\nminutes: 4", 6, "repeated (first on line 5)"),
        ("minutes: 3", "minutes:", 5, "has no value"),
        ("minutes: 3", "minutes: 9", 5, "minutes must be 2 to 5"),
        ("order: 1", "order: first", 4, "order must be a whole number"),
        ("practice_tool: diary", "practice_tool: journaling", 7, "unknown practice tool 'journaling'"),
        ("slug: a-lesson", "slug: another-lesson", 3, "does not match the file name"),
        ("slug: a-lesson", "slug: A Lesson", 3, "must be lowercase words"),
        (
            "1. **Trigger.** Something happens.\n2. **Distress.** It hurts,\n   and the hurt grows.\n3. **Repeats.** Again.\n",
            "No list here.\n",
            14,
            "must be followed by a numbered list",
        ),
    ],
)
def test_it_names_the_file_and_line_of_a_malformed_lesson(tmp_path, old, new, line, problem):
    assert old in VALID_LESSON
    path = _write(tmp_path, "01-a-lesson.md", VALID_LESSON.replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        read_lessons(tmp_path)
    assert caught.value.path == path
    assert caught.value.line == line
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_it_names_a_front_matter_block_that_is_never_closed(tmp_path):
    front_matter_only = VALID_LESSON.split("\n---\n")[0] + "\n"
    path = _write(tmp_path, "01-a-lesson.md", front_matter_only)
    with pytest.raises(ContentError, match="never closed") as caught:
        read_lessons(tmp_path)
    assert (caught.value.path, caught.value.line) == (path, 1)


def test_it_rejects_two_lessons_with_the_same_slug(tmp_path):
    _write(tmp_path, "01-a-lesson.md", VALID_LESSON)
    second = _write(tmp_path, "02-a-lesson.md", VALID_LESSON.replace("order: 1", "order: 2"))
    with pytest.raises(ContentError, match="already used") as caught:
        read_lessons(tmp_path)
    assert caught.value.path == second


def test_it_rejects_two_lessons_with_the_same_order(tmp_path):
    _write(tmp_path, "01-a-lesson.md", VALID_LESSON)
    _write(tmp_path, "01-b-lesson.md", VALID_LESSON.replace("slug: a-lesson", "slug: b-lesson"))
    with pytest.raises(ContentError, match="order 1 is already used by lesson 'a-lesson'"):
        read_lessons(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("weeks: 2", "weeks: 3", 4, "expected weeks 1 to 3 in order, found [1, 2]"),
        ("## Week 2: Finish", "## Week 3: Finish", 4, "found [1, 3]"),
        ("## Week 2: Finish", "## Second week", 18, "expected a heading like '## Week 1: Focus'"),
        ("Daily practice: `savouring`", "Daily practice: `journaling`", 22, "unknown practice tool 'journaling'"),
        ("Daily practice: `savouring`\n", "", 18, "exactly one 'Daily practice"),
        ("Lesson: a-lesson\n", "", 18, "exactly one 'Lesson"),
        ("Lesson: a-lesson\n", "Lesson: a-lesson\nLesson: a-lesson\n", 18, "exactly one 'Lesson"),
        ("Lesson: a-lesson\n", "Lesson: missing-lesson\n", 23, "unknown lesson 'missing-lesson'"),
        ("Second week text.\n", "", 18, "the week has no text"),
        ("source: Conclusion\n", "", 1, "missing front matter key(s): source"),
        ("slug: a-program", "slug: b-program", 3, "does not match the file name 'a-program.md'"),
    ],
)
def test_it_names_the_file_and_line_of_a_malformed_program(tmp_path, old, new, line, problem):
    assert old in VALID_PROGRAM
    path = _write(tmp_path, "a-program.md", VALID_PROGRAM.replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        read_programs(tmp_path, lesson_slugs=frozenset({"a-lesson"}))
    assert caught.value.path == path
    assert caught.value.line == line
    assert problem in caught.value.problem


def test_it_skips_the_lesson_check_when_no_lessons_are_given(tmp_path):
    _write(tmp_path, "a-program.md", VALID_PROGRAM.replace("Lesson: a-lesson\n", "Lesson: elsewhere\n"))
    (program,) = read_programs(tmp_path)
    assert program.week_plans[1].lesson_slug == "elsewhere"
