"""Check-in results in everyday words: what a person reads first, before any number, acronym or formula.

Issue 13 ("plain language first, detail one tap away"): a worried person should understand their result
without knowing what a prototype, a standard deviation or Jacobson & Truax are. Every sentence here is
derived from the same figures the scoring engine computes; nothing is rounded differently and nothing is
judged differently, the words only say it. The attachment questionnaires have no agreed norms, so the words
describe the person's own answers (the mean of 1-7 agreement answers), never a rank among other people.
"""

from __future__ import annotations

from .definitions import Instrument
from .ecr_rs import EVERYDAY_TARGETS, TARGETS
from .prototype import MIDPOINT, ErrorBand, Prototype
from .reliable_change import Change, Outcome

# The two attachment dimensions as a person would name them; the research names stay beside them.
DIMENSION_NAMES: dict[str, str] = {
    "anxiety": "Worry about being loved or left",
    "avoidance": "Unease with closeness and leaning on others",
}

# Mean keyed answer -> how the answers leaned. 1-7 agreement scale, 4 is the neutral middle: the same
# midpoint the prototype rule uses, so "leaned towards agreeing" and "above the middle" never disagree.
FIRM = 1.5  # this far from the middle (2.5 or below, 5.5 or above), the answers on average disagreed or agreed

_DIMENSION_WORDS: dict[str, tuple[str, str, str, str]] = {
    # (clearly low, leaning low, leaning high, clearly high)
    "anxiety": (
        "You rarely worry about being loved or left: on average your answers disagreed with the statements "
        "about that worry.",
        "Worry about being loved or left is there for you at times, but not often: on the whole your answers "
        "leaned towards disagreeing with the statements about it.",
        "You often worry about being loved or left: on the whole your answers leaned towards agreeing with the "
        "statements about that worry.",
        "Worry about being loved or left is strong for you at the moment: on average your answers agreed with "
        "the statements about it.",
    ),
    "avoidance": (
        "Letting people close and leaning on them comes fairly easily to you: on average your answers disagreed "
        "with the statements about keeping a distance.",
        "Letting people close and leaning on them is mostly comfortable for you: on the whole your answers "
        "leaned towards disagreeing with the statements about keeping a distance.",
        "Letting people close or leaning on them often feels uneasy: on the whole your answers leaned towards "
        "agreeing with the statements about keeping a distance.",
        "Letting people close or leaning on them feels hard at the moment: on average your answers agreed with "
        "the statements about keeping a distance.",
    ),
}

# An ECR-RS is about one person only: its words must not read as a verdict on relationships in general.
_WHOM: dict[str, str] = {target: EVERYDAY_TARGETS[suffix] for suffix, (target, _) in TARGETS.items()}


def about_whom(instrument: Instrument) -> str:
    """For a questionnaire about one particular person, a sentence saying so; empty for the others."""
    if instrument.target is None:
        return ""
    return f"These answers are about one particular person, {_WHOM[instrument.target]}, not about your relationships in general."


# The same four leanings in a few words, for a list of results where a sentence per score would be a wall.
_DIMENSION_BRIEFLY: dict[str, tuple[str, str, str, str]] = {
    "anxiety": (
        "rarely worried about being loved or left",
        "worried about being loved or left at times",
        "often worried about being loved or left",
        "strongly worried about being loved or left",
    ),
    "avoidance": (
        "closeness comes fairly easily",
        "closeness mostly comfortable",
        "closeness often feels uneasy",
        "closeness feels hard",
    ),
}

NEAR_THE_MIDDLE = " You are close to the middle, so on another day your answers could tip the other way."


def _leaning(score: float) -> int:
    """0 clearly low, 1 leaning low, 2 leaning high, 3 clearly high: the one rule both wordings follow."""
    if score <= MIDPOINT - FIRM:
        return 0
    if score <= MIDPOINT:
        return 1
    if score < MIDPOINT + FIRM:
        return 2
    return 3


def attachment_briefly(anxiety: float, avoidance: float) -> str:
    """Both attachment scores in a few words each ("Often worried about being loved or left; closeness mostly
    comfortable."), by the same leanings as ``dimension_in_words``."""
    text = (
        f"{_DIMENSION_BRIEFLY['anxiety'][_leaning(anxiety)]}; {_DIMENSION_BRIEFLY['avoidance'][_leaning(avoidance)]}."
    )
    return text[0].upper() + text[1:]


def dimension_in_words(key: str, score: float, band: ErrorBand | None = None) -> str:
    """One or two sentences on an attachment score (1-7), by how far the answers leaned from the middle.

    With the score's error band, a score whose band crosses the middle says so: the same noise the plane
    draws as a shaded box.
    """
    text = _DIMENSION_WORDS[key][_leaning(score)]
    if band is not None and band.low <= MIDPOINT < band.high:
        text += NEAR_THE_MIDDLE
    return text


_PROTOTYPE_SHAPES: dict[Prototype, str] = {
    Prototype.SECURE: "both below the middle",
    Prototype.ANXIOUS_PREOCCUPIED: "worry above the middle, unease with closeness below it",
    Prototype.DISMISSING_AVOIDANT: "unease with closeness above the middle, worry below it",
    Prototype.FEARFUL_AVOIDANT: "both above the middle",
}

PROTOTYPE_LIMITS = (
    "It is a rough landmark, not a type: it can't tell you who you are, whether a relationship is right for "
    "you, or how you will feel next month, and it moves as you do."
)


def prototype_in_words(prototype: Prototype) -> str:
    """The nearest prototype named gently, with the two dimensions it comes from (never the label alone)."""
    return (
        f"Taken together, your answers sit closest to the pattern researchers call "
        f"\u201c{prototype.value}\u201d ({_PROTOTYPE_SHAPES[prototype]})."
    )


# PHQ-9 and GAD-7: what the questionnaire asks about, and how much each band means, in everyday words.
_SCREENER_TOPICS: dict[str, str] = {
    "phq-9": "low mood and the things that come with it",
    "gad-7": "worry and nerves",
}
_BAND_AMOUNTS: dict[str, str] = {
    "minimal": "little or not at all",
    "mild": "a little",
    "moderate": "a fair amount",
    "moderately_severe": "a lot",
    "severe": "very much",
}


def screener_in_words(instrument: Instrument, band_key: str) -> str:
    """A PHQ-9 or GAD-7 band as a sentence: how much it bothered the person, then the questionnaire's own word."""
    topic = _SCREENER_TOPICS[instrument.slug]
    band = next(b for b in instrument.bands if b.key == band_key)
    text = f"Over the last two weeks, {topic} bothered you {_BAND_AMOUNTS[band_key]}"
    if band_key == "minimal":
        return text + "."
    return text + f": the questionnaire calls this \u201c{band.label.lower()}\u201d."


RELIABLE_CHANGE_IN_ONE_SENTENCE = (
    "A change counts as real only when it is bigger than the wobble you would expect from answering the same "
    "questions twice with nothing having changed."
)

RELIABLE_CHANGE_FORMULA = (
    "Reliable change index = (after \u2212 before) \u00f7 (\u221a2 \u00d7 SD \u00d7 \u221a(1 \u2212 r)); a value "
    "beyond \u00b11.96 counts as reliable (Jacobson & Truax, 1991)."
)


def _number(value: float) -> str:
    """As the pages print scores: up to two decimals, no trailing zeros (Django's floatformat:"-2")."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def change_in_words(change: Change, what: str) -> str:
    """One plain sentence on a change between two results; ``what`` names the score ("Your score")."""
    before, after = _number(change.before), _number(change.after)
    if change.outcome is Outcome.NO_RELIABLE_CHANGE:
        moved = f"stayed at {after}" if change.delta == 0 else f"moved from {before} to {after}"
        return f"{what} {moved}: within the normal wobble of measurement, so not yet a real change."
    if change.outcome is Outcome.WORSE:
        return (
            f"{what} went up from {before} to {after}, more than the wobble of measurement: likely a real change, "
            "a harder stretch worth noticing."
        )
    text = f"{what} went down from {before} to {after}, more than the wobble of measurement: likely a real change for the better"
    if change.outcome is Outcome.RECOVERED:
        text += ", and now below the level where the questionnaire suggests a closer look"
    return text + "."
