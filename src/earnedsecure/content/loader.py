"""Load the course lessons and programs from plain Markdown files.

The files live next to this module (``lessons/NN-slug.md`` and ``programs/slug.md``) so that a clinician
can edit the words without touching code. Each file opens with a small front matter block::

    ---
    title: What anxious attachment is
    slug: what-is-anxious-attachment
    ...
    ---

Only ``key: value`` lines are allowed there (no YAML library, no nesting). Everything after the closing
``---`` is Markdown. Mistakes raise ``ContentError`` with the file and line, because the person fixing a
typo in a lesson should not have to read a traceback.

Source of the content: the mission report, ``shared/mission/anxious-attachment-report.txt``. Each lesson
lists the report sections it draws on in ``report_sections`` so that reviewers can check it.

Standard library and the domain only: this module must stay importable without Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from earnedsecure.domain.cycle import PRACTICES

CONTENT_DIR = Path(__file__).resolve().parent
LESSONS_DIR = CONTENT_DIR / "lessons"
PROGRAMS_DIR = CONTENT_DIR / "programs"

CYCLE_HEADING = "## The cycle, step by step"

LESSON_KEYS = (
    "title",
    "slug",
    "order",
    "minutes",
    "summary",
    "practice_tool",
    "practice",
    "report_sections",
)
PROGRAM_KEYS = ("title", "slug", "weeks", "summary", "source")

MIN_MINUTES, MAX_MINUTES = 2, 5

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = "---"
_ORDERED_ITEM = re.compile(r"^\d+[.)]\s+(?P<text>.+)$")
_WEEK_HEADING = re.compile(r"^## Week (?P<number>\d+):\s*(?P<focus>\S.*)$")
_DAILY_PRACTICE = re.compile(r"^Daily practice:\s*`?(?P<tool>[^`\s]+)`?\s*(?P<rest>.*)$")
_LESSON_LINE = re.compile(r"^Lesson:\s*`?(?P<slug>[^`\s]+)`?\s*$")


class ContentError(ValueError):
    """A content file is malformed. The message starts with ``path:line:`` like a compiler error."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(f"{path}:{line}: {problem}")


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    order: int
    minutes: int
    summary: str
    practice_tool: str
    practice: str
    report_sections: tuple[str, ...]
    body_markdown: str
    # The ordered list under "## The cycle, step by step", for the step-through diagram; empty elsewhere.
    cycle_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class WeekPlan:
    number: int
    focus: str
    text: str
    daily_practice_tool: str
    lesson_slug: str


@dataclass(frozen=True)
class Program:
    slug: str
    title: str
    weeks: int
    summary: str
    source: str
    week_plans: tuple[WeekPlan, ...]
    # Markdown before the first week heading: what the program is and what to expect.
    introduction: str = ""


@dataclass(frozen=True)
class _Field:
    value: str
    line: int


@dataclass(frozen=True)
class _Document:
    path: Path
    fields: dict[str, _Field]
    # The body exactly as in the file, and the 1-based line number of its first line, so that errors in
    # the body can name the line in the file.
    body_lines: tuple[str, ...]
    body_line: int

    @property
    def body(self) -> str:
        return "\n".join(self.body_lines).strip("\n") + "\n"


# ---------------------------------------------------------------------------------------------------------
# Public API


@lru_cache(maxsize=1)
def load_lessons() -> tuple[Lesson, ...]:
    """All packaged lessons, sorted by ``order``. Parsed once per process."""
    return read_lessons(LESSONS_DIR)


def get_lesson(slug: str) -> Lesson:
    """The lesson with this slug; ``KeyError`` if there is none."""
    for lesson in load_lessons():
        if lesson.slug == slug:
            return lesson
    raise KeyError(f"no lesson with slug {slug!r}")


@lru_cache(maxsize=1)
def load_programs() -> tuple[Program, ...]:
    """All packaged programs, sorted by slug, with every week checked against the packaged lessons."""
    return read_programs(PROGRAMS_DIR, lesson_slugs=frozenset(lesson.slug for lesson in load_lessons()))


def get_program(slug: str) -> Program:
    """The program with this slug; ``KeyError`` if there is none."""
    for program in load_programs():
        if program.slug == slug:
            return program
    raise KeyError(f"no program with slug {slug!r}")


def read_lessons(directory: Path) -> tuple[Lesson, ...]:
    """Parse every ``*.md`` file in ``directory`` as a lesson (uncached; tests pass a temporary directory).

    Raises ``ContentError`` for malformed front matter, an unknown practice tool, a slug that does not
    match the file name, or two lessons sharing a slug or an order.
    """
    lessons: list[Lesson] = []
    for path in sorted(Path(directory).glob("*.md")):
        lesson = parse_lesson(path)
        for other in lessons:
            if other.slug == lesson.slug:
                raise ContentError(path, 1, f"slug {lesson.slug!r} is already used by another lesson")
            if other.order == lesson.order:
                raise ContentError(path, 1, f"order {lesson.order} is already used by lesson {other.slug!r}")
        lessons.append(lesson)
    return tuple(sorted(lessons, key=lambda lesson: lesson.order))


def read_programs(directory: Path, *, lesson_slugs: frozenset[str] | None = None) -> tuple[Program, ...]:
    """Parse every ``*.md`` file in ``directory`` as a program, sorted by slug (uncached).

    When ``lesson_slugs`` is given, a week pointing to any other lesson is a ``ContentError``.
    """
    programs = [parse_program(path, lesson_slugs=lesson_slugs) for path in sorted(Path(directory).glob("*.md"))]
    return tuple(sorted(programs, key=lambda program: program.slug))


def parse_lesson(path: Path) -> Lesson:
    """Parse one lesson file."""
    document = _read_document(path, allowed_keys=LESSON_KEYS)
    fields = document.fields
    slug = _slug(document, "slug")
    expected_name = re.sub(r"^\d+-", "", path.stem)
    if slug != expected_name:
        raise ContentError(path, fields["slug"].line, f"slug {slug!r} does not match the file name {path.name!r}")
    minutes = _int(document, "minutes")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ContentError(
            path, fields["minutes"].line, f"minutes must be {MIN_MINUTES} to {MAX_MINUTES}, not {minutes}"
        )
    sections = tuple(part.strip() for part in fields["report_sections"].value.split(",") if part.strip())
    return Lesson(
        slug=slug,
        title=fields["title"].value,
        order=_int(document, "order"),
        minutes=minutes,
        summary=fields["summary"].value,
        practice_tool=_tool(path, fields["practice_tool"].value, fields["practice_tool"].line),
        practice=fields["practice"].value,
        report_sections=sections,
        body_markdown=document.body,
        cycle_steps=_cycle_steps(document),
    )


def parse_program(path: Path, *, lesson_slugs: frozenset[str] | None = None) -> Program:
    """Parse one program file: front matter, then one ``## Week N: Focus`` section per week.

    Each week holds a short text, one ``Daily practice: `tool` ...`` line and one ``Lesson: `slug``` line.
    Weeks must be numbered 1, 2, 3 ... up to ``weeks``.
    """
    document = _read_document(path, allowed_keys=PROGRAM_KEYS)
    slug = _slug(document, "slug")
    if slug != path.stem:
        raise ContentError(
            path, document.fields["slug"].line, f"slug {slug!r} does not match the file name {path.name!r}"
        )
    weeks = _int(document, "weeks")
    introduction, week_plans = _week_plans(document, lesson_slugs)
    numbers = [plan.number for plan in week_plans]
    if numbers != list(range(1, weeks + 1)):
        raise ContentError(
            path, document.fields["weeks"].line, f"expected weeks 1 to {weeks} in order, found {numbers}"
        )
    return Program(
        slug=slug,
        title=document.fields["title"].value,
        weeks=weeks,
        summary=document.fields["summary"].value,
        source=document.fields["source"].value,
        week_plans=tuple(week_plans),
        introduction=introduction,
    )


# ---------------------------------------------------------------------------------------------------------
# Parsing helpers


def _read_document(path: Path, *, allowed_keys: tuple[str, ...]) -> _Document:
    """Split a file into front matter fields and a Markdown body.

    1. The first line must be ``---``; the block ends at the next ``---`` line.
    2. Inside, blank lines are skipped; every other line is ``key: value`` (split at the first colon, so
       values may contain colons). Unknown, repeated, empty or missing keys are errors.
    """
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != _FENCE:
        raise ContentError(path, 1, f"the file must start with a front matter block opened by {_FENCE!r}")
    fields: dict[str, _Field] = {}
    for index, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if line == _FENCE:
            body_line = index + 1
            break
        if not line:
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not colon or not key:
            raise ContentError(path, index, f"expected 'key: value' in the front matter, found {line!r}")
        if key not in allowed_keys:
            raise ContentError(path, index, f"unknown key {key!r}; allowed keys: {', '.join(allowed_keys)}")
        if key in fields:
            raise ContentError(path, index, f"key {key!r} is repeated (first on line {fields[key].line})")
        if not value:
            raise ContentError(path, index, f"key {key!r} has no value")
        fields[key] = _Field(value=value, line=index)
    else:
        raise ContentError(path, 1, f"the front matter block is never closed by a {_FENCE!r} line")
    missing = [key for key in allowed_keys if key not in fields]
    if missing:
        raise ContentError(path, 1, f"missing front matter key(s): {', '.join(missing)}")
    return _Document(path=path, fields=fields, body_lines=tuple(lines[body_line - 1 :]), body_line=body_line)


def _int(document: _Document, key: str) -> int:
    field = document.fields[key]
    try:
        return int(field.value)
    except ValueError:
        raise ContentError(document.path, field.line, f"{key} must be a whole number, not {field.value!r}") from None


def _slug(document: _Document, key: str) -> str:
    field = document.fields[key]
    if not _SLUG.match(field.value):
        raise ContentError(document.path, field.line, f"{key} {field.value!r} must be lowercase words joined by '-'")
    return field.value


def _tool(path: Path, tool: str, line: int) -> str:
    """A lesson's or a program week's practice: one of the cycle's practices (domain/cycle)."""
    if tool not in PRACTICES:
        raise ContentError(
            path, line, f"unknown practice tool {tool!r}; choose one of: {', '.join(sorted(PRACTICES.keys))}"
        )
    return tool


def _body_lines(document: _Document) -> list[tuple[int, str]]:
    return list(enumerate(document.body_lines, start=document.body_line))


def _cycle_steps(document: _Document) -> tuple[str, ...]:
    """The ordered list under the cycle heading; an indented line continues the item above it."""
    steps: list[str] = []
    inside = False
    heading_line = 0
    for number, line in _body_lines(document):
        if line.strip() == CYCLE_HEADING:
            inside, heading_line = True, number
            continue
        if not inside:
            continue
        if line.startswith("#"):
            break
        item = _ORDERED_ITEM.match(line.strip())
        if item and not line[:1].isspace():
            steps.append(item.group("text").strip())
        elif steps and line[:1].isspace() and line.strip():
            steps[-1] = f"{steps[-1]} {line.strip()}"
    if inside and not steps:
        raise ContentError(document.path, heading_line, f"{CYCLE_HEADING!r} must be followed by a numbered list")
    return tuple(steps)


def _week_plans(document: _Document, lesson_slugs: frozenset[str] | None) -> tuple[str, list[WeekPlan]]:
    """The introduction (text before the first week heading) and the ``## Week N: Focus`` sections."""
    path = document.path
    introduction: list[str] = []
    sections: list[tuple[int, re.Match[str], list[tuple[int, str]]]] = []
    for number, line in _body_lines(document):
        heading = _WEEK_HEADING.match(line.strip())
        if heading:
            sections.append((number, heading, []))
        elif line.startswith("## "):
            raise ContentError(path, number, f"expected a heading like '## Week 1: Focus', found {line!r}")
        elif sections:
            sections[-1][2].append((number, line))
        else:
            introduction.append(line)

    plans: list[WeekPlan] = []
    for heading_line, heading, lines in sections:
        tools = [(n, m) for n, line in lines if (m := _DAILY_PRACTICE.match(line.strip()))]
        lessons = [(n, m) for n, line in lines if (m := _LESSON_LINE.match(line.strip()))]
        if len(tools) != 1:
            raise ContentError(path, heading_line, "each week needs exactly one 'Daily practice: `tool`' line")
        if len(lessons) != 1:
            raise ContentError(path, heading_line, "each week needs exactly one 'Lesson: `slug`' line")
        (tool_line, tool_match), (lesson_line, lesson_match) = tools[0], lessons[0]
        lesson_slug = lesson_match.group("slug")
        if lesson_slugs is not None and lesson_slug not in lesson_slugs:
            raise ContentError(path, lesson_line, f"week points to unknown lesson {lesson_slug!r}")
        special = {tool_line, lesson_line}
        text = "\n".join(line for n, line in lines if n not in special).strip()
        rest = tool_match.group("rest").strip().lstrip("-–—:").strip()
        if rest:
            # The words after the tool slug describe the daily practice; keep them with the week's text.
            text = f"{text}\n\nDaily practice: {rest[:1].upper()}{rest[1:]}".strip()
        if not text:
            raise ContentError(path, heading_line, "the week has no text")
        plans.append(
            WeekPlan(
                number=int(heading.group("number")),
                focus=heading.group("focus").strip(),
                text=text,
                daily_practice_tool=_tool(path, tool_match.group("tool"), tool_line),
                lesson_slug=lesson_slug,
            )
        )
    return "\n".join(introduction).strip(), plans
