"""Lesson Markdown to HTML, and the cycle diagram as server-rendered SVG.

The lessons are trusted files from the repository, but they are still rendered with raw HTML switched off
(it comes out escaped, as text) and only ordinary link targets kept, so a slip in a content file can never
put markup or a script on the page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import markdown
from django.utils.safestring import SafeString, mark_safe
from markdown.treeprocessors import Treeprocessor

from earnedsecure.content.loader import CYCLE_HEADING, Lesson

_SAFE_LINK = re.compile(r"^(https?://|mailto:|/|#)", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not _SAFE_LINK.match(value.strip()):
                    del element.attrib[attribute]


def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md


def render_markdown(text: str) -> SafeString:
    return mark_safe(_renderer().convert(text))


def render_inline(text: str) -> SafeString:
    html = _renderer().convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)


@dataclass(frozen=True)
class LessonParts:
    """A lesson body split around its cycle section, so the diagram can take the list's place."""

    before: SafeString
    after: SafeString
    has_cycle: bool


def lesson_parts(lesson: Lesson) -> LessonParts:
    lines = lesson.body_markdown.splitlines()
    if not lesson.cycle_steps or CYCLE_HEADING not in (line.strip() for line in lines):
        return LessonParts(render_markdown(lesson.body_markdown), mark_safe(""), has_cycle=False)
    start = next(i for i, line in enumerate(lines) if line.strip() == CYCLE_HEADING)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return LessonParts(
        render_markdown("\n".join(lines[:start])),
        render_markdown("\n".join(lines[end:])),
        has_cycle=True,
    )


@dataclass(frozen=True)
class CycleStep:
    number: int
    name: str  # the bold words at the start, e.g. "Trigger"
    html: SafeString
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label_lines: tuple[str, ...] = ()


LABEL_LINE_HEIGHT = 17


def _label_lines(name: str, width: int = 11) -> tuple[str, ...]:
    """Short lines for a label beside a node, so that long names do not run off a phone screen."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)


_BOLD_START = re.compile(r"^\*\*(?P<name>[^*]+?)\.?\*\*")


def cycle_steps(lesson: Lesson, *, size: int = 360, radius: int = 112) -> list[CycleStep]:
    """The steps around a circle, first at the top, going clockwise (the direction the loop runs)."""
    steps = []
    total = len(lesson.cycle_steps)
    centre = size / 2
    for index, text in enumerate(lesson.cycle_steps):
        match = _BOLD_START.match(text)
        name = match.group("name").rstrip(".") if match else text.split(".")[0][:24]
        angle = -math.pi / 2 + 2 * math.pi * index / total
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        label_radius = radius + 30
        lx, ly = centre + label_radius * math.cos(angle), centre + label_radius * math.sin(angle) + 5
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lines = _label_lines(name)
        # Above the circle the lines grow upwards, beside it they centre on the node, below they grow down.
        if sin < -0.3:
            ly -= (len(lines) - 1) * LABEL_LINE_HEIGHT
        elif sin <= 0.3:
            ly -= (len(lines) - 1) * LABEL_LINE_HEIGHT / 2
        steps.append(
            CycleStep(
                number=index + 1,
                name=name,
                html=render_inline(text),
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(lx, 1),
                label_y=round(ly, 1),
                anchor=anchor,
                label_lines=lines,
            )
        )
    return steps


def cycle_arcs(steps: list[CycleStep], *, size: int = 360, radius: int = 112, gap: float = 0.2) -> list[str]:
    """SVG path data for the arrows between consecutive steps, along the circle."""
    centre = size / 2
    total = len(steps)
    arcs = []
    for index in range(total):
        start = -math.pi / 2 + 2 * math.pi * index / total + gap
        end = -math.pi / 2 + 2 * math.pi * (index + 1) / total - gap
        x1, y1 = centre + radius * math.cos(start), centre + radius * math.sin(start)
        x2, y2 = centre + radius * math.cos(end), centre + radius * math.sin(end)
        arcs.append(f"M {x1:.1f} {y1:.1f} A {radius} {radius} 0 0 1 {x2:.1f} {y2:.1f}")
    return arcs
