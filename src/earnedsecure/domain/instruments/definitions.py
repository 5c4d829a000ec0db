"""The shape of a validated instrument: items, response options, keying, subscales and bands.

An instrument is only valid when its items, options, keying and scoring are exactly the published ones,
so every instrument is a frozen value built once at import time and checked by ``Instrument.__post_init__``.

Items are keyed by a stable id tied to their text (``ecrr.anx.afraid_lose_love``), never by the position in
which they are shown: several ECR-R numberings circulate and apps that key by position get the reverse
keying wrong. The published number is kept beside the id for humans and for the command line.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from enum import StrEnum

SECONDS_PER_ITEM = 10


class ScoringRule(StrEnum):
    """How the answers of a subscale combine into its score."""

    MEAN = "mean"
    SUM = "sum"


@dataclass(frozen=True, slots=True)
class ResponseOption:
    """One answer a person can give; ``loinc_answer`` is the LOINC LA code where one exists."""

    value: int
    label: str
    loinc_answer: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One question, keyed by ``id`` (stable, tied to ``text``); ``number`` is the published position."""

    id: str
    number: int
    text: str
    subscale: str
    reverse: bool = False
    loinc: str | None = None


@dataclass(frozen=True, slots=True)
class Subscale:
    """A scored dimension. ``code`` is the project's local code; ``loinc`` the LOINC code where one exists."""

    key: str
    name: str
    code: str
    loinc: str | None = None


@dataclass(frozen=True, slots=True)
class SeverityBand:
    """An inclusive range of totals with its published label."""

    key: str
    label: str
    low: int
    high: int

    def contains(self, total: int) -> bool:
        return self.low <= total <= self.high


@dataclass(frozen=True)
class Instrument:
    """A declarative definition of one validated questionnaire (for one target, for the ECR-RS).

    ``version`` is the version of this definition, not of the paper: bump it whenever any wording, option,
    keying or rule changes, so that stored answers can always be traced to the text that was shown.
    ``fingerprint()`` hashes everything that matters, and a test pins it per version.
    """

    slug: str
    name: str
    short_name: str
    version: str
    citation: str
    doi: str
    source_url: str | None
    terms: str
    copyright: str | None
    instructions: str | None
    stem: str | None
    options: tuple[ResponseOption, ...]
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...]
    scoring: ScoringRule
    commercial_use_restricted: bool
    bands: tuple[SeverityBand, ...] = ()
    loinc_panel: str | None = None
    target: str | None = None
    # The item whose any non-zero answer must raise a safety response whatever the total (PHQ-9 item 9).
    safety_item_id: str | None = None
    # What the questionnaire asks about, in everyday words, for titles (never an acronym), and one line saying
    # what it asks. The published name, acronym, terms and citation stay for the "about" fold.
    title: str = ""
    asks: str = ""
    _items_by_id: dict[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A definition error must stop the app at import, not surface as a wrong score months later.
        ids = [item.id for item in self.items]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.slug}: duplicate item ids")
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(self.items) + 1)):
            raise ValueError(f"{self.slug}: items must be numbered 1..n in published order")
        values = [option.value for option in self.options]
        if values != list(range(values[0], values[0] + len(values))):
            raise ValueError(f"{self.slug}: option values must be consecutive and ascending")
        subscale_keys = {subscale.key for subscale in self.subscales}
        unknown = {item.subscale for item in self.items} - subscale_keys
        if unknown or any(not self.subscale_items(key) for key in subscale_keys):
            raise ValueError(f"{self.slug}: every item needs a known subscale and every subscale an item")
        if self.safety_item_id is not None and self.safety_item_id not in ids:
            raise ValueError(f"{self.slug}: unknown safety item {self.safety_item_id}")
        if self.bands:
            low, high = self.subscale_range(self.subscales[0].key)
            covered = [total for band in self.bands for total in range(band.low, band.high + 1)]
            if len(self.subscales) != 1 or covered != list(range(int(low), int(high) + 1)):
                raise ValueError(f"{self.slug}: bands must tile the range of a single total exactly once")
        object.__setattr__(self, "_items_by_id", {item.id: item for item in self.items})

    @property
    def minutes(self) -> int:
        """About how long it takes: ten seconds a statement (a one-tap answer on a 4 to 7 point scale), rounded up."""
        return math.ceil(len(self.items) * SECONDS_PER_ITEM / 60)

    @property
    def min_value(self) -> int:
        return self.options[0].value

    @property
    def max_value(self) -> int:
        return self.options[-1].value

    def item(self, item_id: str) -> Item:
        return self._items_by_id[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._items_by_id

    def item_by_number(self, number: int) -> Item:
        return self.items[number - 1]

    def option(self, value: int) -> ResponseOption:
        return self.options[value - self.min_value]

    def subscale(self, key: str) -> Subscale:
        for subscale in self.subscales:
            if subscale.key == key:
                return subscale
        known = ", ".join(s.key for s in self.subscales)
        raise KeyError(f"{self.short_name} has no subscale {key!r} (it has: {known})")

    def subscale_items(self, key: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.subscale == key)

    def recode(self, item: Item, value: int) -> int:
        """The keyed value of an answer: reverse-keyed items are mirrored (8 - x on a 1-7 scale)."""
        return self.min_value + self.max_value - value if item.reverse else value

    def subscale_range(self, key: str) -> tuple[float, float]:
        if self.scoring is ScoringRule.MEAN:
            return float(self.min_value), float(self.max_value)
        count = len(self.subscale_items(key))
        return float(count * self.min_value), float(count * self.max_value)

    def band_for(self, total: int) -> SeverityBand | None:
        return next((band for band in self.bands if band.contains(total)), None)

    def fingerprint(self) -> str:
        """SHA-256 of everything a score depends on or a person reads: it changes iff the definition does."""
        canonical = {
            "slug": self.slug,
            "version": self.version,
            "instructions": self.instructions,
            "stem": self.stem,
            "scoring": self.scoring.value,
            "options": [[o.value, o.label, o.loinc_answer] for o in self.options],
            "items": [[i.id, i.number, i.text, i.subscale, i.reverse, i.loinc] for i in self.items],
            "subscales": [[s.key, s.code, s.loinc] for s in self.subscales],
            "bands": [[b.key, b.label, b.low, b.high] for b in self.bands],
            "safety_item_id": self.safety_item_id,
        }
        encoded = json.dumps(canonical, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()


class UnknownInstrument(LookupError):
    """Raised for a slug that names no registered instrument."""


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    """Why answers were refused: about one item (by published number and id) or about the whole set."""

    reason: str
    item_id: str | None = None
    item_number: int | None = None

    def __str__(self) -> str:
        if self.item_number is not None:
            return f"item {self.item_number} ({self.item_id}): {self.reason}"
        if self.item_id is not None:
            return f"{self.item_id!r}: {self.reason}"
        return self.reason


class InvalidAnswers(ValueError):
    """Answers that cannot be scored. Nothing is scored when this is raised.

    The message names every offending item by its published number and its id; ``problems`` gives the same
    facts one by one so that a form can show each beside its question.
    """

    def __init__(self, problems: tuple[AnswerProblem, ...] | list[AnswerProblem], *, instrument: str = "") -> None:
        self.problems = tuple(problems)
        self.instrument = instrument
        details = "; ".join(str(problem) for problem in self.problems)
        prefix = f"{instrument} answers refused" if instrument else "Answers refused"
        super().__init__(f"{prefix}: {details}")
