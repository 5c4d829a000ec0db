"""When a person's own data says "it may be time to talk to a professional", and why, in plain words.

The app is a self-help companion. Some patterns in what a person records are beyond what self-help should
carry alone, and the kind response is to say so, calmly, with the reasons:

1. **PHQ-9 of 10 or more, twice.** 10 is the usual cut-off for referral: in the validation study it had a
   sensitivity and specificity of 88% for major depression (Kroenke, Spitzer & Williams, 2001, J Gen Intern
   Med 16(9):606-613, doi:10.1046/j.1525-1497.2001.016009606.x). One high score can be a hard fortnight; two
   in a row, or two within eight weeks, is a pattern.
2. **GAD-7 of 10 or more, twice.** The same cut-off for the GAD-7 (sensitivity 89%, specificity 82% for
   generalised anxiety disorder; Spitzer, Kroenke, Williams & Löwe, 2006, Arch Intern Med 166(10):1092-1097,
   doi:10.1001/archinte.166.10.1092), the same "twice" rule.
3. **Any PHQ-9 item-9 answer above 0 in the last eight weeks**: thoughts of being better off dead or of
   self-harm call for professional support whatever the total (Kroenke 2001; the project's risk reference,
   shared/reference/risk-and-abuse.md section 5.1: "encourage professional help soon").
4. **Risk in the person's own words**: any diary activation, thought record or message draft whose words were
   read as an *urgent* risk in the last 14 days, or two or more read as a risk of any level (*concern* or
   urgent) in those 14 days. Why: the project's risk reference (shared/reference/risk-and-abuse.md section 5.1)
   puts intent, a plan or an act in its "Immediate" tier, and ideation without them in the tier that says
   "encourage professional help soon"; section 5.2 asks the same for partner violence. An urgent reading
   already fits the first tier on its own. A single concern is not enough on its own: the detector reads a
   look-alike as a risk about one time in six (hazard log H5), so one concern could be a joke or an idiom,
   while two within a fortnight are a pattern the person's own words keep showing ("track the trend",
   section 5.1). Fourteen days, like the item-9 card on home and the activations below: recent enough to be
   about now. The level is the one found when the entry was saved (stored encrypted); entries saved before
   levels were stored have none and do not count.
5. **Frequent very intense activations**: four or more at 9 or 10 out of 10 in the last 14 days.

Framework-free: frozen dataclasses in, ``now`` passed in, a tuple of ``HelpReason`` out (empty: nothing to
say). Events after ``now`` are ignored, so the rule is a pure function of (signals, now). Never a diagnosis
and never a risk score (NICE NG225 rejects those): only "consider talking to someone, and here is why".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

SCREEN_CUT_OFF = 10  # PHQ-9 and GAD-7 (Kroenke 2001; Spitzer 2006)
HIGH_SCORES_WITHIN = timedelta(weeks=8)
ITEM9_WITHIN = timedelta(weeks=8)
RISK_ENTRIES_WITHIN = timedelta(days=14)
RISK_ENTRIES_AT_LEAST = 2  # of any level; a single urgent one is enough
HIGH_INTENSITY = 9  # 9 or 10 out of 10
HIGH_ACTIVATIONS_WITHIN = timedelta(days=14)
HIGH_ACTIVATIONS_AT_LEAST = 4


class RiskLevel(StrEnum):
    """The levels of ``domain.language.risk`` that a saved entry can carry (``none`` is never a signal)."""

    CONCERN = "concern"
    URGENT = "urgent"


@dataclass(frozen=True, slots=True)
class RiskEntry:
    level: RiskLevel | str  # "concern" or "urgent"; any other value counts as a concern, never as nothing
    at: datetime


class HelpReasonKind(StrEnum):
    PHQ9_HIGH = "phq9_high"
    GAD7_HIGH = "gad7_high"
    ITEM9 = "item9"
    RISK_WORDS = "risk_words"
    HIGH_ACTIVATIONS = "high_activations"


@dataclass(frozen=True, slots=True)
class CheckInTotal:
    instrument: str  # "phq-9" or "gad-7"; other instruments are ignored
    total: int
    completed_at: datetime


@dataclass(frozen=True, slots=True)
class HelpSignals:
    check_ins: tuple[CheckInTotal, ...] = ()
    item9_flags: tuple[datetime, ...] = ()  # when PHQ-9 item 9 was answered above 0
    risk_entries: tuple[RiskEntry, ...] = ()  # free-text entries stored with a risk level above none
    high_activations: tuple[datetime, ...] = ()  # activations at HIGH_INTENSITY or more


@dataclass(frozen=True, slots=True)
class HelpReason:
    kind: HelpReasonKind
    text: str


_SCREENERS = {
    "phq-9": (HelpReasonKind.PHQ9_HIGH, "low mood (PHQ-9)"),
    "gad-7": (HelpReasonKind.GAD7_HIGH, "anxiety (GAD-7)"),
}


def _times(values: Iterable[datetime], *, now: datetime, within: timedelta) -> list[datetime]:
    return [at for at in values if now - within <= at <= now]


def _high_twice(check_ins: Iterable[CheckInTotal], instrument: str, *, now: datetime) -> list[int] | None:
    """The high totals behind the rule, oldest first, or None.

    Two in a row: the two latest results both at the cut-off or above, the latest within eight weeks.
    Or within eight weeks: any two results at the cut-off or above in the last eight weeks.
    """
    series = sorted((c for c in check_ins if c.instrument == instrument and c.completed_at <= now), key=_when)
    latest_two = series[-2:]
    if (
        len(latest_two) == 2
        and all(c.total >= SCREEN_CUT_OFF for c in latest_two)
        and now - latest_two[-1].completed_at <= HIGH_SCORES_WITHIN
    ):
        return [c.total for c in latest_two]
    recent_high = [c for c in series if c.total >= SCREEN_CUT_OFF and now - c.completed_at <= HIGH_SCORES_WITHIN]
    if len(recent_high) >= 2:
        return [c.total for c in recent_high]
    return None


def _when(check_in: CheckInTotal) -> datetime:
    return check_in.completed_at


def _totals_in_words(totals: list[int]) -> str:
    if len(totals) == 2:
        return f"{totals[0]}, then {totals[1]}"
    return ", ".join(str(total) for total in totals[:-1]) + f" and {totals[-1]}"


def professional_help_reasons(signals: HelpSignals, *, now: datetime) -> tuple[HelpReason, ...]:
    """The reasons, in the order above, to suggest talking to a professional (empty when there are none)."""
    reasons: list[HelpReason] = []
    for instrument, (kind, name) in _SCREENERS.items():
        totals = _high_twice(signals.check_ins, instrument, now=now)
        if totals is not None:
            reasons.append(
                HelpReason(
                    kind,
                    f"Your recent {name} check-ins were 10 or higher more than once ({_totals_in_words(totals)}). "
                    "10 is where this questionnaire suggests talking it through with a professional.",
                )
            )
    if _times(signals.item9_flags, now=now, within=ITEM9_WITHIN):
        reasons.append(
            HelpReason(
                HelpReasonKind.ITEM9,
                "In a recent check-in you told us about thoughts of being better off dead or of hurting "
                "yourself. Those thoughts deserve support from someone trained to help.",
            )
        )
    risky = [e for e in signals.risk_entries if now - RISK_ENTRIES_WITHIN <= e.at <= now and e.level != "none"]
    urgent = [e for e in risky if e.level == RiskLevel.URGENT]
    if urgent:
        reasons.append(
            HelpReason(
                HelpReasonKind.RISK_WORDS,
                "Something you wrote in the last two weeks sounded like you may not be safe. Please tell someone "
                "trained to help, today if you can.",
            )
        )
    elif len(risky) >= RISK_ENTRIES_AT_LEAST:
        reasons.append(
            HelpReason(
                HelpReasonKind.RISK_WORDS,
                f"{len(risky)} of the things you wrote in the last two weeks sounded very heavy. That is a lot "
                "to carry alone.",
            )
        )
    intense = _times(signals.high_activations, now=now, within=HIGH_ACTIVATIONS_WITHIN)
    if len(intense) >= HIGH_ACTIVATIONS_AT_LEAST:
        reasons.append(
            HelpReason(
                HelpReasonKind.HIGH_ACTIVATIONS,
                f"{len(intense)} activations in the last two weeks were at 9 or 10 out of 10. That is a lot "
                "to hold on your own.",
            )
        )
    return tuple(reasons)
