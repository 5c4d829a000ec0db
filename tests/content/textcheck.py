"""Text checks for the course content: forbidden clinical claims and copying from the mission report.

Kept apart from the tests so that the checks themselves can be tested on known good and bad examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# The mission report, kept in the repository (copied from the shared folder, see docs/reference/README.md).
REPORT_PATH = REPO_ROOT / "docs" / "reference" / "anxious-attachment-report.txt"

# The content must never say the app diagnoses, cures or treats. Word boundaries matter: a bare "cure"
# would flag every "secure" in a course about earned secure attachment.
FORBIDDEN_CLAIM = re.compile(
    r"\b(?:diagnos\w*|cur(?:e|es|ed|ing)|clinically proven|treat(?:s|ment) (?:your|anxiety|depression))\b",
    re.IGNORECASE,
)
# ... except in a sentence that explicitly says the app does not diagnose.
DISCLAIMER = re.compile(
    r"\b(?:does not|doesn't|do not|don't|cannot|can't) diagnose\b|\bnot a diagnosis\b", re.IGNORECASE
)

COPY_RUN_WORDS = 12

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def forbidden_claims(text: str) -> list[str]:
    """Sentences in ``text`` that make a diagnostic or treatment claim without a disclaimer."""
    return [
        sentence.strip()
        for sentence in _SENTENCE_END.split(text)
        if FORBIDDEN_CLAIM.search(sentence) and not DISCLAIMER.search(sentence)
    ]


def words(text: str) -> list[str]:
    """Lowercase words, ignoring Markdown, punctuation and the kind of apostrophe used."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def word_runs(text: str, length: int = COPY_RUN_WORDS) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def shared_runs(text: str, reference_runs: Iterable[tuple[str, ...]], length: int = COPY_RUN_WORDS) -> list[str]:
    """Runs of ``length`` consecutive words that ``text`` shares with the reference, as strings."""
    reference = set(reference_runs)
    return sorted(" ".join(run) for run in word_runs(text, length) if run in reference)


def report_headings(report_text: str) -> set[str]:
    """Every line of the report, stripped: its section headings are lines on their own."""
    return {line.strip() for line in report_text.splitlines() if line.strip()}
