"""What one linked partner may see of the other, written once: the categories, the words of each, the hard
exclusions, the limits on invite codes, the week's band and the private safety screen.

Framework-free: plain values in, plain values out, ``now`` passed in.

Sources: the security checklist, section E (items 34-47: mutual consent, nothing by default, aggregates only at
day resolution, hard exclusions, limits on invites); the mission report's partner role ("set boundaries
gently: I do need some space right now AND I'm not leaving you"), which gives the self-chosen statuses their
words; and the risk-and-abuse sheet, section 2.8 (fear, threats, monitoring and control set coercive control
apart), which gives the safety screen its four questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class Category(StrEnum):
    """Everything a partner can ever be shown. Each is an aggregate a person chooses to show, at day resolution."""

    STATUS = "status"
    WEEK = "week"
    STAGE = "stage"


CATEGORY_TEXT: dict[Category, tuple[str, str]] = {
    # label, what the partner sees
    Category.STATUS: ("How I am", 'A few words you choose yourself, such as "I\'m doing okay".'),
    Category.WEEK: (
        "How last week went",
        "Calmer, about the same, or harder than the weeks before, worked out from your diary. No entries, no numbers.",
    ),
    Category.STAGE: ("Where I am on the path", "The name of the stage you have reached, nothing more."),
}

# Kinds of data that are not categories at all: no flag, form or API value can expose them to a partner.
# Named here so that the tests can seed each of them and look for it in everything a partner receives.
NEVER_PARTNER_VISIBLE: tuple[str, ...] = (
    "diary entries",
    "thought records",
    "message drafts",
    "check-in answers and scores (PHQ-9 item 9 above all)",
    "crisis and risk events",
    "the safety plan",
    "therapist grants",
    "sign-in activity, sessions and devices",
    "the safety screen's answers",
)


class Status(StrEnum):
    REASSURANCE = "reassurance"
    OKAY = "okay"
    SPACE = "space"


STATUS_TEXT: dict[Status, str] = {
    Status.REASSURANCE: "I could use some reassurance",
    Status.OKAY: "I'm doing okay",
    Status.SPACE: "I need a little space, I'm not going anywhere",
}


class WeekBand(StrEnum):
    CALMER = "calmer"
    SAME = "same"
    HARDER = "harder"


WEEK_BAND_TEXT: dict[WeekBand, str] = {
    WeekBand.CALMER: "Last week was calmer than the weeks before.",
    WeekBand.SAME: "Last week was about the same as the weeks before.",
    WeekBand.HARDER: "Last week was harder than the weeks before.",
}

# A difference in mean intensity (0-10) smaller than this is "about the same": a point either way is noise
# in a few entries a week.
BAND_STEP = 1.0
# Fewer entries than this in the four weeks before, and there is nothing to compare the week with.
BAND_MIN_BEFORE = 3


@dataclass(frozen=True)
class WeekFigures:
    """A finished calendar week's diary, and the four weeks that ended with it (the week included)."""

    week_entries: int
    week_mean_intensity: float | None
    four_weeks_entries: int
    four_weeks_mean_intensity: float | None


def week_band(figures: WeekFigures) -> WeekBand | None:
    """How a finished week went against the four weeks ending with it, or None when there is too little to say.

    1. No entries that week, or fewer than ``BAND_MIN_BEFORE`` in the four weeks: None (silence is not calm).
    2. The week's mean intensity at least ``BAND_STEP`` above the four weeks' mean: harder; as far below: calmer.
    3. Otherwise about the same.
    Only a finished week is judged, so the band changes once a week and never shows when in a day anyone wrote.
    """
    if figures.week_entries == 0 or figures.four_weeks_entries < BAND_MIN_BEFORE:
        return None
    if figures.week_mean_intensity is None or figures.four_weeks_mean_intensity is None:
        return None
    difference = figures.week_mean_intensity - figures.four_weeks_mean_intensity
    if difference >= BAND_STEP:
        return WeekBand.HARDER
    if difference <= -BAND_STEP:
        return WeekBand.CALMER
    return WeekBand.SAME


# Invite codes: short enough to read out, long enough that guessing is hopeless within the try limit.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: nothing to misread
CODE_LENGTH = 10  # 30**10: about 49 bits
CODE_LIFETIME = timedelta(hours=72)
CODES_PER_DAY = 3
WRONG_CODES_PER_HOUR = 5


def code_normalise(typed: str) -> str:
    """A code as typed (with spaces, hyphens or in lower case) in the form it was made in."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def code_grouped(code: str) -> str:
    """The code as shown once to its maker: in groups of five, easier to read out."""
    return " ".join(code[i : i + 5] for i in range(0, len(code), 5))


# The private safety screen before linking: fear, threats, checking and control (coercive control's core).
# Any "yes" gets the advice not to link and the domestic-violence lines. Nothing is stored.
SAFETY_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("fear", "Do you sometimes feel afraid of your partner, or of how they will react?"),
    ("threats", "Has your partner ever threatened you, or someone or something you care about?"),
    ("checking", "Does your partner check your phone, messages or where you are, or ask you to prove it?"),
    ("control", "Does your partner decide who you see, what you wear, or what you can spend?"),
)


def screen_says_unsafe(answers: dict[str, bool]) -> bool:
    """True when any of the safety screen's questions was answered yes."""
    return any(answers.get(key, False) for key, _ in SAFETY_QUESTIONS)


# Reassurance requests: the report's direct, structured request in place of protest, and one-tap answers.
# "Reassurance that is demanded again and again stops soothing": from the third request in a day the page
# suggests a soothing tool first (the request can still be sent).
REQUESTS: dict[str, str] = {
    "okay": "I'm feeling unsure about us right now. Could you tell me we're okay?",
    "miss": "I'm missing you. Could you send me a few kind words?",
    "later": "I'm a bit anxious. Could you tell me when we'll talk next?",
}
ANSWERS: dict[str, str] = {
    "okay": "We're okay. I love you.",
    "here": "I'm here, and I'm not going anywhere.",
    "busy": "I'm busy right now, and we're okay. I'll talk to you later today.",
}
REQUESTS_BEFORE_A_TOOL = 2  # the third request of a day suggests a soothing tool first


def tool_first(requests_today: int) -> bool:
    """True when the next request would be the third or later of the day."""
    return requests_today >= REQUESTS_BEFORE_A_TOOL
