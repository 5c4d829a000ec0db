"""Reliable change: is a difference between two scores bigger than measurement error?

Jacobson, N. S., & Truax, P. (1991). Clinical significance: A statistical approach to defining meaningful
change in psychotherapy research. Journal of Consulting and Clinical Psychology, 59(1), 12-19.
doi:10.1037/0022-006X.59.1.12

    SE = SD * sqrt(1 - r);  S_diff = sqrt(2) * SE;  RC = (x2 - x1) / S_diff;  |RC| > 1.96 is reliable.

ECR-R and ECR-RS have no published clinical norms, so their change is only ever "improved", "no reliable
change" or "worse" per dimension, never "recovered"; the SD and reliability behind the judgement are
assumptions and ``Change.assumptions_text`` says so in plain words. PHQ-9 and GAD-7 use the NHS Talking
Therapies fixed thresholds instead (reliable change: PHQ-9 by 6 or more, GAD-7 by 4 or more; caseness:
PHQ-9 >= 10, GAD-7 >= 8), and "recovered" means a reliable improvement that also crossed from case to
non-case. On every instrument here a lower score is the better one, so a decrease is an improvement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .registry import get_instrument

Z_95 = 1.96


@dataclass(frozen=True, slots=True)
class RCAssumptions:
    """The standard deviation and reliability that the Jacobson-Truax index rests on, with their source."""

    sd: float
    reliability: float
    source: str

    def __post_init__(self) -> None:
        # r = 1 would claim a perfectly reliable scale and divide by zero; refuse it rather than print inf.
        if not (math.isfinite(self.sd) and self.sd > 0):
            raise ValueError(f"standard deviation must be positive, got {self.sd}")
        if not 0 <= self.reliability < 1:
            raise ValueError(f"reliability must be at least 0 and below 1, got {self.reliability}")

    @property
    def standard_error(self) -> float:
        return self.sd * math.sqrt(1 - self.reliability)

    @property
    def s_diff(self) -> float:
        return math.sqrt(2) * self.standard_error

    @property
    def smallest_reliable_change(self) -> float:
        return Z_95 * self.s_diff


@dataclass(frozen=True, slots=True)
class FixedThresholdRule:
    """A published fixed rule: change by ``threshold`` or more is reliable; ``caseness`` or more is a case."""

    threshold: int
    caseness: int
    source: str


def standard_error_of_measurement(sd: float, reliability: float) -> float:
    return RCAssumptions(sd, reliability, "").standard_error


def smallest_reliable_change(sd: float, reliability: float) -> float:
    """1.96 * sqrt(2) * SD * sqrt(1 - r): the smallest raw change that counts as reliable."""
    return RCAssumptions(sd, reliability, "").smallest_reliable_change


def reliable_change_index(before: float, after: float, assumptions: RCAssumptions) -> float:
    return (after - before) / assumptions.s_diff


_ECR_R = RCAssumptions(
    sd=1.1,
    reliability=0.85,
    source=(
        "a project default, because no clinical norms for the ECR-R were found; it is more cautious than "
        "the published internal consistency of about .94 to .95 (Fraley et al. 2000)"
    ),
)
_ECR_RS_ROMANTIC = RCAssumptions(
    sd=1.2,
    reliability=0.65,
    source="the 30-day test-retest reliability for romantic partners reported by Fraley et al. (2011)",
)
_ECR_RS_PARENT = RCAssumptions(
    sd=1.2,
    reliability=0.80,
    source=(
        "the 30-day test-retest reliability for parents reported by Fraley et al. (2011); the SD is assumed "
        "equal to the romantic one"
    ),
)
_ECR_RS_FRIEND = RCAssumptions(
    sd=1.2,
    reliability=0.65,
    source=(
        "an assumption: no reliability for best friends was found, so the lower romantic-partner figure "
        "(Fraley et al. 2011) is used to stay cautious"
    ),
)

DEFAULT_ASSUMPTIONS: dict[str, RCAssumptions] = {
    "ecr-r": _ECR_R,
    "ecr-rs": _ECR_RS_ROMANTIC,
    "ecr-rs-mother": _ECR_RS_PARENT,
    "ecr-rs-father": _ECR_RS_PARENT,
    "ecr-rs-friend": _ECR_RS_FRIEND,
}

FIXED_RULES: dict[str, FixedThresholdRule] = {
    "phq-9": FixedThresholdRule(threshold=6, caseness=10, source="NHS Talking Therapies"),
    "gad-7": FixedThresholdRule(threshold=4, caseness=8, source="NHS Talking Therapies"),
}


class Direction(StrEnum):
    """Which way the number moved, before any judgement of what that means."""

    DOWN = "down"
    UP = "up"
    NONE = "none"


class Outcome(StrEnum):
    """The words shown to a person. RECOVERED only exists where a published caseness cut-off does."""

    RECOVERED = "recovered"
    IMPROVED = "improved"
    NO_RELIABLE_CHANGE = "no reliable change"
    WORSE = "worse"


@dataclass(frozen=True, slots=True)
class Change:
    instrument: str
    subscale: str
    before: float
    after: float
    delta: float
    rci: float | None
    # The smallest change that counts: a strict bound for an RCI (> threshold), inclusive for a fixed rule.
    threshold: float
    reliable: bool
    direction: Direction
    outcome: Outcome
    assumptions_text: str

    @property
    def word(self) -> str:
        return self.outcome.value


def compare(
    instrument_slug: str,
    subscale: str,
    before: float,
    after: float,
    assumptions: RCAssumptions | None = None,
) -> Change:
    """Judge the change of one subscale between two complete scores.

    ``assumptions`` overrides the default SD and reliability (and makes PHQ-9/GAD-7 use a computed RCI
    instead of the fixed rule; their caseness cut-off still decides "recovered").
    """
    instrument = get_instrument(instrument_slug)
    try:
        instrument.subscale(subscale)
    except KeyError as error:
        raise ValueError(error.args[0]) from None
    low, high = instrument.subscale_range(subscale)
    for label, value in (("before", before), ("after", after)):
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(f"{label} score {value} is outside the {instrument.short_name} range {low:g}-{high:g}")

    delta = after - before
    fixed_rule = FIXED_RULES.get(instrument.slug)
    rc_assumptions = assumptions or DEFAULT_ASSUMPTIONS.get(instrument.slug)
    rci: float | None
    if rc_assumptions is not None:
        rci = reliable_change_index(before, after, rc_assumptions)
        reliable = abs(rci) > Z_95
        threshold = rc_assumptions.smallest_reliable_change
        text = (
            f"Following Jacobson & Truax (1991), a change counts as reliable when it is larger than "
            f"{threshold:.2f} points. This assumes a standard deviation of {rc_assumptions.sd:g} and a "
            f"reliability of {rc_assumptions.reliability:g}, taken from {rc_assumptions.source}."
        )
    elif fixed_rule is not None:
        rci = None
        reliable = abs(delta) >= fixed_rule.threshold
        threshold = fixed_rule.threshold
        text = (
            f"A change counts as reliable when the {instrument.short_name} total moves by "
            f"{fixed_rule.threshold} points or more ({fixed_rule.source} rule)."
        )
    else:  # pragma: no cover - every registered instrument has a rule; a new one must add its own
        raise ValueError(f"No reliable-change rule for {instrument.short_name}")
    if fixed_rule is not None:
        text += (
            f" A score of {fixed_rule.caseness} or more counts as a case, and 'recovered' means a reliable "
            f"improvement that ends below {fixed_rule.caseness}."
        )

    direction = Direction.DOWN if delta < 0 else Direction.UP if delta > 0 else Direction.NONE
    if not reliable:
        outcome = Outcome.NO_RELIABLE_CHANGE
    elif delta > 0:
        outcome = Outcome.WORSE
    elif fixed_rule is not None and before >= fixed_rule.caseness > after:
        outcome = Outcome.RECOVERED
    else:
        outcome = Outcome.IMPROVED
    return Change(
        instrument=instrument.slug,
        subscale=subscale,
        before=before,
        after=after,
        delta=delta,
        rci=rci,
        threshold=threshold,
        reliable=reliable,
        direction=direction,
        outcome=outcome,
        assumptions_text=text,
    )
