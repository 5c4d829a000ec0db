"""Reads the project's instrument reference (docs/reference/*.md) so tests can compare against it.

The reference is kept inside the repository (copied from the project's shared folder, see
docs/reference/README.md), so a fresh clone compares everything. Parsing is strict on purpose: if the
reference changes shape, these helpers fail loudly instead of comparing nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
REFERENCE_DIR = REPO_ROOT / "docs" / "reference"
ITEMS_FILE = REFERENCE_DIR / "instrument-items.md"
FACTS_FILE = REFERENCE_DIR / "instruments.md"


@dataclass(frozen=True)
class ReferenceItem:
    number: int
    text: str
    scale: str | None = None
    reverse: bool = False
    loinc: str | None = None


def sections(text: str) -> dict[str, str]:
    """Markdown ``## `` sections by the first word of their heading (e.g. "PHQ-9", "ECR-R")."""
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return {part.split(maxsplit=1)[0].rstrip(":"): part for part in parts}


def table_rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0].isdigit():
            rows.append(cells)
    if not rows:
        raise AssertionError("no item table found in reference section")
    return rows


def quoted_after(section: str, label: str) -> str:
    """The double-quoted text after ``label``, joined across line breaks."""
    match = re.search(re.escape(label) + r'\s*"(.+?)"', section, flags=re.DOTALL)
    if match is None:
        raise AssertionError(f"{label!r} not found in reference section")
    return " ".join(match.group(1).split())


def screener_items(section: str) -> list[ReferenceItem]:
    return [ReferenceItem(number=int(n), loinc=loinc, text=text) for n, loinc, text in table_rows(section)]


def ecr_r_items(section: str) -> list[ReferenceItem]:
    return [
        ReferenceItem(number=int(n), scale=scale, reverse=(r == "R"), text=text)
        for n, scale, r, text in table_rows(section)
    ]


def ecr_rs_items(section: str) -> list[ReferenceItem]:
    return [
        ReferenceItem(number=int(n), scale=scale, reverse=(r == "R"), text=target_text)
        for n, scale, r, target_text, _general in table_rows(section)
    ]


def answer_labels(section: str) -> dict[int, str]:
    match = re.search(r"^Answers: (.+)\.$", section, flags=re.MULTILINE)
    if match is None:
        raise AssertionError("answers line not found")
    return {int(part.split(" ", 1)[0]): part.split(" ", 1)[1] for part in match.group(1).split(", ")}
