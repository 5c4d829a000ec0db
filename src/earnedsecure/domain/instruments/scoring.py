"""One scoring engine for every instrument.

The engine is all-or-nothing: answers are validated in full first (every item present, every value a whole
number on the scale, no unknown item) and only then scored, so a half-scored result can never exist and so
never be stored. Problems are reported together, each naming the item by published number and stable id.

Scoring follows each instrument's published key: keyed answers (reverse items mirrored) are summed, then
either kept as the sum (PHQ-9, Kroenke et al. 2001; GAD-7, Spitzer et al. 2006) or divided by the item count
(ECR-R, Fraley et al. 2000; ECR-RS, Fraley et al. 2011). A mean is kept at full float precision (int / int
is correctly rounded) together with its exact fraction; rounding is for display only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .definitions import AnswerProblem, Instrument, InvalidAnswers, ScoringRule, SeverityBand

DISPLAY_DECIMALS = 2


@dataclass(frozen=True, slots=True)
class SubscaleScore:
    """The score of one subscale. ``value`` is an int for a sum and a full-precision float for a mean."""

    key: str
    name: str
    value: int | float
    keyed_sum: int
    item_count: int
    minimum: float
    maximum: float
    scoring: ScoringRule

    @property
    def exact(self) -> Fraction:
        return Fraction(self.keyed_sum, self.item_count if self.scoring is ScoringRule.MEAN else 1)

    @property
    def display(self) -> str:
        if self.scoring is ScoringRule.SUM:
            return str(self.value)
        return f"{self.value:.{DISPLAY_DECIMALS}f}"


@dataclass(frozen=True, slots=True)
class Score:
    """A complete, immutable result: only ``score()`` builds one, only from a full set of valid answers."""

    instrument: str
    version: str
    subscales: tuple[SubscaleScore, ...]
    # (item id, raw answer) in published order: the answers exactly as given, before reverse keying.
    answers: tuple[tuple[str, int], ...]
    total: int | None
    band: SeverityBand | None
    safety_alert: bool
    safety_item_id: str | None
    safety_item_value: int | None

    def subscale(self, key: str) -> SubscaleScore:
        for subscale in self.subscales:
            if subscale.key == key:
                return subscale
        raise KeyError(f"{self.instrument} score has no subscale {key!r}")

    def value(self, key: str) -> int | float:
        return self.subscale(key).value

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (only str, int, float, bool, None, dict and list)."""
        return {
            "instrument": self.instrument,
            "version": self.version,
            "subscales": {
                s.key: {
                    "name": s.name,
                    "value": s.value,
                    "display": s.display,
                    "keyed_sum": s.keyed_sum,
                    "item_count": s.item_count,
                    "min": s.minimum,
                    "max": s.maximum,
                    "scoring": s.scoring.value,
                }
                for s in self.subscales
            },
            "total": self.total,
            "band": (
                None
                if self.band is None
                else {
                    "key": self.band.key,
                    "label": self.band.label,
                    "low": self.band.low,
                    "high": self.band.high,
                }
            ),
            "safety_alert": self.safety_alert,
            "safety_item": (
                None if self.safety_item_id is None else {"id": self.safety_item_id, "value": self.safety_item_value}
            ),
            "answers": dict(self.answers),
        }


def _range_text(instrument: Instrument) -> str:
    return f"choose a whole number from {instrument.min_value} to {instrument.max_value}"


def validate_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    """The answers as ``{item id: value}`` in published order, or ``InvalidAnswers`` listing every problem.

    Booleans are refused although Python counts them as ints: ``True`` is never a deliberate answer.
    """
    problems: list[AnswerProblem] = []
    for key in answers:
        if not (isinstance(key, str) and instrument.has_item(key)):
            problems.append(AnswerProblem(f"is not an item of the {instrument.short_name}", item_id=str(key)))
    valid: dict[str, int] = {}
    for item in instrument.items:
        if item.id not in answers:
            problems.append(AnswerProblem("has no answer", item.id, item.number))
            continue
        value = answers[item.id]
        if isinstance(value, bool) or not isinstance(value, int):
            reason = f"answer {value!r} is not a whole number; {_range_text(instrument)}"
            problems.append(AnswerProblem(reason, item.id, item.number))
        elif not instrument.min_value <= value <= instrument.max_value:
            reason = f"answer {value} is out of range; {_range_text(instrument)}"
            problems.append(AnswerProblem(reason, item.id, item.number))
        else:
            valid[item.id] = value
    if problems:
        raise InvalidAnswers(problems, instrument=instrument.short_name)
    return valid


def score(instrument: Instrument, answers: Mapping[str, object]) -> Score:
    """Score a full set of answers keyed by stable item id; raises ``InvalidAnswers``, never half-scores."""
    valid = validate_answers(instrument, answers)
    subscale_scores = []
    for subscale in instrument.subscales:
        items = instrument.subscale_items(subscale.key)
        keyed_sum = sum(instrument.recode(item, valid[item.id]) for item in items)
        value: int | float = keyed_sum if instrument.scoring is ScoringRule.SUM else keyed_sum / len(items)
        low, high = instrument.subscale_range(subscale.key)
        subscale_scores.append(
            SubscaleScore(
                key=subscale.key,
                name=subscale.name,
                value=value,
                keyed_sum=keyed_sum,
                item_count=len(items),
                minimum=low,
                maximum=high,
                scoring=instrument.scoring,
            )
        )
    # A total exists only where the published key defines one: the single sum of PHQ-9 and GAD-7.
    # The two ECR dimensions are never added together.
    total = subscale_scores[0].keyed_sum if instrument.scoring is ScoringRule.SUM else None
    safety_value = valid[instrument.safety_item_id] if instrument.safety_item_id is not None else None
    return Score(
        instrument=instrument.slug,
        version=instrument.version,
        subscales=tuple(subscale_scores),
        answers=tuple(valid.items()),
        total=total,
        band=instrument.band_for(total) if total is not None else None,
        # Any answer above 0 on the safety item, whatever the total: a low total must never hide it.
        safety_alert=safety_value is not None and safety_value > 0,
        safety_item_id=instrument.safety_item_id,
        safety_item_value=safety_value,
    )


def score_in_published_order(instrument: Instrument, answers: Sequence[int]) -> Score:
    """Score answers given as a list in the instrument's published item order (as on the command line)."""
    if isinstance(answers, str | bytes):
        raise InvalidAnswers(
            [AnswerProblem("answers must be a list of numbers; parse text with parse_answers() first")],
            instrument=instrument.short_name,
        )
    expected = len(instrument.items)
    if len(answers) > expected:
        problem = AnswerProblem(f"got {len(answers)} answers but the {instrument.short_name} has {expected} items")
        raise InvalidAnswers([problem], instrument=instrument.short_name)
    # Fewer answers than items are left out of the mapping, so score() names each unanswered item.
    return score(instrument, {item.id: value for item, value in zip(instrument.items, answers, strict=False)})


_SEPARATOR = re.compile(r"[\s,;]+")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def parse_answers(text: str) -> list[int]:
    """Parse answers written as numbers separated by commas, semicolons or spaces: ``"4, 2 7"``.

    Only the form is checked here; ranges are checked by ``score()``, which knows the instrument.
    """
    tokens = [token for token in _SEPARATOR.split(text.strip()) if token]
    if not tokens:
        raise InvalidAnswers([AnswerProblem("no answers given")])
    problems = [
        AnswerProblem(f"answer {position} ({token!r}) is not a whole number")
        for position, token in enumerate(tokens, start=1)
        if not _WHOLE_NUMBER.fullmatch(token)
    ]
    if problems:
        raise InvalidAnswers(problems)
    return [int(token) for token in tokens]
