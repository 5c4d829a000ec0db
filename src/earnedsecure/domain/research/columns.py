"""Every column a research release may hold, with the values each may take: the codebook, written once.

The writer passes every value through its column's ``clean`` before writing it, so a value outside the column's
kind (a sentence in a category, a word in a number) stops the export instead of leaving in it. That is how "no
free text, ever" holds by construction: there is no text column, and a category takes only the app's own keys.

Framework-free. Sources: the security checklist, item 66; the cycle's vocabulary (``domain/cycle``) and the
instrument registry (``domain/instruments``) for the categories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from earnedsecure.domain.cycle import PROTEST_BEHAVIOURS, PROTEST_RESULTS, RESPONSES, TOOLS, TRIGGERS
from earnedsecure.domain.instruments.registry import REGISTRY

from .deidentify import AGE_VALUES, ANY, GENDER_VALUES, OTHER_COUNTRY, RELATIONSHIP_VALUES, SHIFT_DAYS


class Kind(Enum):
    ID = "participant id"
    DATE = "date"
    INTEGER = "integer"
    NUMBER = "number"
    CATEGORY = "category"
    CATEGORIES = "categories"  # several keys of one vocabulary, joined by "|"
    COUNTRY = "country"


class NotReleasable(ValueError):
    """A value that its column may not hold: the export stops rather than write it."""


_ID = re.compile(r"[0-9a-f]{16}")
_COUNTRY = re.compile(r"[A-Z]{2}")
SEPARATOR = "|"

Value = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    nullable: bool = False

    def clean(self, value: object) -> Value:
        """``value`` as released, or ``NotReleasable`` when the column may not hold it."""
        if value is None:
            if self.nullable:
                return None
            raise NotReleasable(f"{self.name}: empty")
        match self.kind:
            case Kind.ID:
                if isinstance(value, str) and _ID.fullmatch(value):
                    return value
            case Kind.DATE:
                if isinstance(value, date):
                    return value
            case Kind.INTEGER:
                if isinstance(value, int) and not isinstance(value, bool) and self._within(value):
                    return value
            case Kind.NUMBER:
                if isinstance(value, int | float) and not isinstance(value, bool) and self._within(value):
                    return value
            case Kind.CATEGORY:
                if isinstance(value, str) and value in self.values:
                    return value
            case Kind.CATEGORIES:
                if isinstance(value, list | tuple) and all(isinstance(v, str) and v in self.values for v in value):
                    return SEPARATOR.join(value)
            case Kind.COUNTRY:
                if isinstance(value, str) and (_COUNTRY.fullmatch(value) or value in (OTHER_COUNTRY, ANY)):
                    return value
        raise NotReleasable(f"{self.name}: a value its column may not hold ({type(value).__name__})")

    def _within(self, number: float) -> bool:
        return (self.minimum is None or number >= self.minimum) and (self.maximum is None or number <= self.maximum)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def clean(self, row: dict[str, object]) -> tuple[Value, ...]:
        """One row in column order, every value checked; a key the table does not have is refused too."""
        extra = set(row) - set(self.names)
        if extra:
            raise NotReleasable(f"{self.name}: columns not in the codebook: {sorted(extra)}")
        return tuple(column.clean(row.get(column.name)) for column in self.columns)


_BANDS = tuple(dict.fromkeys(band.key for instrument in REGISTRY.values() for band in instrument.bands))

PARTICIPANT_ID = Column(
    "participant_id",
    Kind.ID,
    "The person's random id in this study (16 hex digits): the same in every export of this study, different in "
    "every other study, unrelated to their account",
)
DAY = Column(
    "day",
    Kind.DATE,
    f"The day it happened (UTC), moved by the person's own random shift of up to {SHIFT_DAYS} days either way: "
    "intervals between one person's days are exact, calendar dates and weekdays are not",
)

PARTICIPANTS = Table(
    "participants",
    "One row per person released: the quasi-identifiers, generalized for the whole release (see generalization)",
    (
        PARTICIPANT_ID,
        Column("age_band", Kind.CATEGORY, "Age in the export's year, as a band; over 89 always 90+", AGE_VALUES),
        Column("country", Kind.COUNTRY, "ISO 3166 country code at joining; 'other' pools rare countries", ()),
        Column("gender", Kind.CATEGORY, "As answered at joining, possibly coarsened", GENDER_VALUES),
        Column("relationship", Kind.CATEGORY, "Length of the current relationship at joining", RELATIONSHIP_VALUES),
        Column("joined_day", Kind.DATE, "The day the person joined the study, shifted like every other day"),
    ),
)

CHECK_INS = Table(
    "check_ins",
    "One row per completed questionnaire: scores only, never an item answer",
    (
        PARTICIPANT_ID,
        DAY,
        Column("instrument", Kind.CATEGORY, "The questionnaire's slug", tuple(REGISTRY)),
        Column("total", Kind.INTEGER, "Total score (PHQ-9 0-27, GAD-7 0-21); empty for ECR", (), 0, 200, True),
        Column("anxiety", Kind.NUMBER, "ECR attachment anxiety, mean 1-7; empty for others", (), 1, 7, True),
        Column("avoidance", Kind.NUMBER, "ECR attachment avoidance, mean 1-7; empty for others", (), 1, 7, True),
        Column("band", Kind.CATEGORY, "Severity band of the total (PHQ-9, GAD-7); empty for others", ("", *_BANDS)),
    ),
)

ACTIVATIONS = Table(
    "activations",
    "One row per activation in the diary: what set it off, how strong, what the person did, how long to calm",
    (
        PARTICIPANT_ID,
        DAY,
        Column("trigger", Kind.CATEGORY, "What set it off (the app's own choices)", TRIGGERS.keys),
        Column("intensity", Kind.INTEGER, "How strong, 0 (calm) to 10", (), 0, 10),
        Column("urges", Kind.CATEGORIES, "Protest behaviours the person felt the urge to do", PROTEST_BEHAVIOURS.keys),
        Column("response", Kind.CATEGORY, "What the person did (empty: not said)", ("", *RESPONSES.keys)),
        Column("protest_result", Kind.CATEGORY, "How a protest went (empty: not said)", ("", *PROTEST_RESULTS.keys)),
        Column(
            "recovery_minutes", Kind.INTEGER, "Minutes from activation to calm; empty if not said", (), 0, None, True
        ),
    ),
)

TOOL_SESSIONS = Table(
    "tool_sessions",
    "One row per soothing tool used: which, how long, distress before and after",
    (
        PARTICIPANT_ID,
        DAY,
        Column("tool", Kind.CATEGORY, "The soothing tool", TOOLS.keys),
        Column("duration_seconds", Kind.INTEGER, "How long it was used", (), 0, None),
        Column("distress_before", Kind.INTEGER, "Distress before, 0-10", (), 0, 10),
        Column("distress_after", Kind.INTEGER, "Distress after, 0-10; empty if not said", (), 0, 10, True),
    ),
)

TABLES: tuple[Table, ...] = (PARTICIPANTS, CHECK_INS, ACTIVATIONS, TOOL_SESSIONS)
