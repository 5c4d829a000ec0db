"""The couple's pattern: what two people's attachment scores, side by side, suggest about the dance between them.

Framework-free: plain values in, plain values out.

Sources. The pairings and what is said of each: the mission report, "Anxious-Avoidant Pursuit-Withdrawal
Pattern" (each one's way of coping sets off the other's fear; the most distress, and the most room to grow),
"Two Anxious Partners Together" (pursuer-pursuer; both seek reassurance at once; deep mutual understanding),
"Partner Attachment Matters" (secure partners buffer anxious attachment effects; couples therapy is
recommended for difficult pairings) and "Recognize and Name the Pattern" (the pattern exists between you, not
within either individual). The cut-off: the scale midpoint of 4 on the 1-7 ECR-R / ECR-RS scales
(``domain.instruments.prototype``; /work/shared/reference/instruments.md: attachment is dimensional and there
are no official cut points). The result is a description of a common dance, worded tentatively; it is not a
diagnosis, not a verdict on either person and never a compatibility score.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from earnedsecure.domain.instruments.prototype import MIDPOINT, Prototype, nearest_prototype


class Leaning(StrEnum):
    """Which way one person's scores lean, by the midpoint rule (above 4.0 is high; exactly 4.0 is low)."""

    SECURE = "secure"  # neither high
    ANXIOUS = "anxious"  # anxiety high
    AVOIDANT = "avoidant"  # avoidance high
    BOTH = "both"  # both high


_LEANING = {
    Prototype.SECURE: Leaning.SECURE,
    Prototype.ANXIOUS_PREOCCUPIED: Leaning.ANXIOUS,
    Prototype.DISMISSING_AVOIDANT: Leaning.AVOIDANT,
    Prototype.FEARFUL_AVOIDANT: Leaning.BOTH,
}


def leaning(anxiety: float, avoidance: float) -> Leaning:
    """One person's leaning, by the prototype rule (ValueError outside the 1-7 scale)."""
    return _LEANING[nearest_prototype(anxiety, avoidance)]


@dataclass(frozen=True)
class Pattern:
    key: str
    name: str
    what_it_can_look_like: str
    what_can_help: str


_ORDER = (Leaning.ANXIOUS, Leaning.BOTH, Leaning.AVOIDANT, Leaning.SECURE)


def _pair(first: Leaning, second: Leaning) -> tuple[Leaning, Leaning]:
    """The pair in a fixed order, so that it never matters whose scores come first."""
    ordered = sorted((first, second), key=_ORDER.index)
    return ordered[0], ordered[1]


_NAMING = "Naming it together, lightly, when it starts can take some of its power away."

PATTERNS: dict[tuple[Leaning, Leaning], Pattern] = {
    (Leaning.ANXIOUS, Leaning.AVOIDANT): Pattern(
        "anxious-avoidant",
        "Pursue and withdraw",
        "When one of you leans anxious and the other leans avoidant, couples often fall into a chase: one reaches "
        "out more when they feel distance, the other steps back more when they feel pressed, and each move makes "
        "the other's fear louder. Research finds this pairing the hardest for both people, and also the one with "
        "the most room to grow when both take part.",
        "A time-out with a return time, so stepping back never feels like leaving; direct requests instead of "
        f"tests; and couples therapy early, before a crisis. {_NAMING}",
    ),
    (Leaning.ANXIOUS, Leaning.ANXIOUS): Pattern(
        "anxious-anxious",
        "Both reaching out",
        "When you both lean anxious, you may each need reassurance at the same moment, and it can be hard to give "
        "while you are asking. Conflicts can escalate on both sides at once instead of one person stepping back. "
        "Couples like this also often understand each other's fear deeply, and are willing to work on things.",
        f"Taking turns: one asks, the other answers, then swap. Calming your own body first. {_NAMING}",
    ),
    (Leaning.ANXIOUS, Leaning.SECURE): Pattern(
        "anxious-secure",
        "Worry met by steadiness",
        "When one of you leans anxious and the other's scores look more secure, the steadier partner's consistency "
        "often helps ease the worry over time. The anxious alarm can still go off, and the steadier partner may "
        "sometimes feel tested without knowing why.",
        "Clear, specific answers and follow-through; the direct request in place of protest; the steadier partner "
        "reading the partner guide.",
    ),
    (Leaning.ANXIOUS, Leaning.BOTH): Pattern(
        "anxious-fearful",
        "Reaching out, and sometimes pulling back",
        "When one of you leans anxious and the other is high on both anxiety and avoidance, you may both reach out "
        "for closeness, and one of you may also pull back when it gets close. The dance can move between chasing "
        "each other and one chasing while the other retreats.",
        f"Saying out loud which it is right now: 'I need you' or 'I need a little space, and I'm coming back'. "
        f"{_NAMING}",
    ),
    (Leaning.BOTH, Leaning.AVOIDANT): Pattern(
        "fearful-avoidant",
        "Distance on both sides",
        "When one of you leans avoidant and the other is high on both, there can be a lot of distance, with one of "
        "you sometimes reaching out and finding the other further away.",
        f"Small, predictable moments of connection; the weekly check-in; couples therapy early. {_NAMING}",
    ),
    (Leaning.BOTH, Leaning.BOTH): Pattern(
        "fearful-fearful",
        "Wanting closeness and fearing it",
        "When you are both high on anxiety and on avoidance, you may both want closeness and both back away from "
        "it, sometimes at the same moment.",
        f"Slow, safe steps towards each other; time-outs with a return time; couples therapy early. {_NAMING}",
    ),
    (Leaning.BOTH, Leaning.SECURE): Pattern(
        "fearful-secure",
        "Push and pull met by steadiness",
        "When one of you is high on both anxiety and avoidance and the other's scores look more secure, the "
        "steadier partner can offer a safe base, while the other may swing between reaching out and pulling away.",
        "Consistency without pressure; return times for every pause; the partner guide.",
    ),
    (Leaning.AVOIDANT, Leaning.AVOIDANT): Pattern(
        "avoidant-avoidant",
        "Side by side, at a distance",
        "When you both lean avoidant, a lot of space may feel comfortable, and hard things may go unsaid. The "
        "report says less about this pairing than about the others.",
        "The weekly check-in, to say what usually stays unsaid; small routines of connection.",
    ),
    (Leaning.AVOIDANT, Leaning.SECURE): Pattern(
        "avoidant-secure",
        "Space met by steadiness",
        "When one of you leans avoidant and the other's scores look more secure, the steadier partner can leave "
        "room without taking distance as rejection, and closeness can grow at its own pace.",
        "Predictable moments of connection; saying needs plainly.",
    ),
    (Leaning.SECURE, Leaning.SECURE): Pattern(
        "secure-secure",
        "Steady, both of you",
        "Both your scores look more secure right now. That does not mean there are no hard moments; it suggests "
        "you may find your way back from them more easily.",
        "Keep doing what works: repair after conflict, and the small routines of connection.",
    ),
}

PATTERN_RULE = (
    "Worked out from each person's latest ECR-RS (about their partner) or ECR-R, whichever is newer: a score "
    f"above {MIDPOINT:.0f} on the 1 to 7 scale counts as high, {MIDPOINT:.0f} or below as low. This is a common "
    "convention, not a diagnosis: attachment is a matter of degree, has no official cut-off, and changes. A score "
    "near the middle could fall either side."
)


def couple_pattern(first: tuple[float, float], second: tuple[float, float]) -> Pattern:
    """The pattern for two people's (anxiety, avoidance) scores, the same whichever person comes first."""
    return PATTERNS[_pair(leaning(*first), leaning(*second))]
