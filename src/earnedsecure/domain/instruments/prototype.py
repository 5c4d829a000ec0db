"""Placing a person in the two attachment dimensions.

Attachment is dimensional (Fraley & Waller 1998; Fraley, Hudson, Heffernan & Segal 2015, taxometric
evidence) and the ECR-R has no official cut points. The two continuous scores are what matter; the
"nearest prototype" label is a convenience that may be shown beside them, never alone, always with
``PROTOTYPE_RULE``. A change of label over time means nothing by itself: use reliable change per dimension.

The rule is the common scale-midpoint convention on the 1-7 scale: a score above 4.0 is high, and a score
of exactly 4.0 counts as low. ``error_band`` gives the +/- 1.96 standard errors of measurement around a score
for the 2-D plot, so a point near the midpoint is visibly close to more than one prototype.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .reliable_change import Z_95, standard_error_of_measurement

SCALE_MIN = 1.0
SCALE_MAX = 7.0
MIDPOINT = 4.0

PROTOTYPE_RULE = (
    "The label is the nearest of four prototypes, found by comparing each score with the scale midpoint of "
    "4: a score above 4.0 counts as high, and a score of exactly 4.0 or below counts as low. Low anxiety "
    "and low avoidance is secure; high anxiety and low avoidance is anxious-preoccupied; low anxiety and "
    "high avoidance is dismissing-avoidant; high anxiety and high avoidance is fearful-avoidant. Attachment "
    "is a matter of degree, so the two scores say more than the label."
)


class Prototype(StrEnum):
    SECURE = "secure"
    ANXIOUS_PREOCCUPIED = "anxious-preoccupied"
    DISMISSING_AVOIDANT = "dismissing-avoidant"
    FEARFUL_AVOIDANT = "fearful-avoidant"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def _check_scale(name: str, score: float) -> None:
    if not (math.isfinite(score) and SCALE_MIN <= score <= SCALE_MAX):
        raise ValueError(f"{name} score {score} is outside the 1-7 scale")


def is_high(score: float) -> bool:
    """Above the midpoint; exactly 4.0 is low."""
    return score > MIDPOINT


def nearest_prototype(anxiety: float, avoidance: float) -> Prototype:
    _check_scale("anxiety", anxiety)
    _check_scale("avoidance", avoidance)
    match is_high(anxiety), is_high(avoidance):
        case False, False:
            return Prototype.SECURE
        case True, False:
            return Prototype.ANXIOUS_PREOCCUPIED
        case False, True:
            return Prototype.DISMISSING_AVOIDANT
        case _:
            return Prototype.FEARFUL_AVOIDANT


@dataclass(frozen=True, slots=True)
class ErrorBand:
    low: float
    high: float


def error_band(score: float, sd: float, reliability: float) -> ErrorBand:
    """score +/- 1.96 * SEM (SEM = SD * sqrt(1 - r)), clipped to the 1-7 scale for plotting."""
    _check_scale("the", score)
    margin = Z_95 * standard_error_of_measurement(sd, reliability)
    return ErrorBand(low=max(SCALE_MIN, score - margin), high=min(SCALE_MAX, score + margin))
