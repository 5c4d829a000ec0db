"""The pathway to earned secure attachment: four stages, each with criteria measured from a person's own data.

Source: the mission report, "The Pathway to Earned Secure Attachment" > "Timeline and Process":

    0-3 months: Awareness of patterns, identifying triggers
    3-6 months: Experimenting with new behaviors, building self-soothing capacity
    6-12 months: New patterns becoming more automatic, reduced activation frequency
    12-18+ months: Secure patterns predominant, quick recovery from occasional activation

and "Progress is Non-Linear": "Regression doesn't mean failure - it's normal and expected ... Recovery time
decreases with practice (from days to hours to minutes)".

The months are what the report expects, not rules: a stage is reached when its criteria are met, whenever
that happens. A stage once reached stays reached (the caller stores it and passes it back in ``reached``);
when recent weeks are harder than the weeks before, the result carries a gentle note and never a demotion.

Framework-free: a frozen ``PathwaySummary`` of counts and medians in (the database computes them), ``now``
passed in, a frozen ``Pathway`` out. Every function here is total: odd inputs give "not yet", never an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Stage(StrEnum):
    AWARENESS = "awareness"
    EXPERIMENTING = "experimenting"
    AUTOMATIC = "automatic"
    SECURE = "secure"


STAGE_ORDER: tuple[Stage, ...] = (Stage.AWARENESS, Stage.EXPERIMENTING, Stage.AUTOMATIC, Stage.SECURE)

STAGE_TEXT: dict[Stage, tuple[str, str, str]] = {
    # title, the report's usual timing, what the stage is about
    Stage.AWARENESS: (
        "Noticing the pattern",
        "often the first 3 months",
        "Seeing your own pattern and naming what sets it off.",
    ),
    Stage.EXPERIMENTING: (
        "Trying new responses",
        "often months 3 to 6",
        "Meeting activation with something other than protest, and calming yourself.",
    ),
    Stage.AUTOMATIC: (
        "New habits taking hold",
        "often months 6 to 12",
        "The new responses come more easily: fewer activations and quicker recovery than at the start.",
    ),
    Stage.SECURE: (
        "Security most of the time",
        "often after 12 to 18 months",
        "Secure patterns lead, and you recover quickly from the occasional activation.",
    ),
}

# Thresholds. They are deliberately modest and each is one line, so a clinician can argue with a number.
NAMED_TRIGGERS_NEEDED = 5  # awareness: triggers named in this many activations
ASSESSMENTS_NEEDED = 1  # awareness: a first ECR-R snapshot
RESPONSES_NEEDED = 5  # experimenting: recent activations with a recorded response, before judging a share
NON_PROTEST_SHARE_NEEDED = 0.6  # experimenting: share of those met with a non-protest response
TOOL_SESSIONS_NEEDED = 10  # experimenting: self-soothing practised
WEEKS_OF_HISTORY_NEEDED = 12  # automatic: the first four weeks and the last four must not overlap, with a gap
RECOVERY_RATIO_NEEDED = 0.5  # automatic: recent median recovery at most half the starting one
FREQUENCY_RATIO_NEEDED = 0.75  # automatic: recent activations a week at most three quarters of the starting rate
QUICK_RECOVERY_MINUTES = 60  # secure: recovery measured in minutes, not hours or days
# A setback note appears when the last four weeks are this much harder than the four before.
SETBACK_RATIO = 1.25


@dataclass(frozen=True)
class PathwaySummary:
    """A person's figures, counted in the database. Windows are four weeks long.

    baseline = the first four weeks after the first activation; recent = the last four weeks before now;
    previous = the four weeks before recent. Rates are activations per week; medians are in minutes.
    """

    first_activity_at: datetime | None = None
    activations: int = 0
    named_triggers: int = 0
    ecr_r_completed: int = 0
    recent_responses: int = 0  # recent activations (last 8 weeks) with a recorded response
    recent_non_protest: int = 0  # ... of which direct, soothing, waited or other
    tool_sessions: int = 0
    baseline_per_week: float | None = None
    recent_per_week: float | None = None
    previous_per_week: float | None = None
    baseline_median_recovery: float | None = None
    recent_median_recovery: float | None = None
    previous_median_recovery: float | None = None
    ecr_r_anxiety_word: str | None = None  # "improved", "no reliable change" or "worse", first vs latest
    ecr_r_improvement_held: bool = False  # the two latest ECR-R results are both reliably better than the first


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    met: bool
    what_counts: str
    value: str  # the person's own figure, in words


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    title: str
    timing: str
    about: str
    criteria: tuple[Criterion, ...]

    @property
    def met(self) -> bool:
        return all(criterion.met for criterion in self.criteria)

    @property
    def met_count(self) -> int:
        return sum(criterion.met for criterion in self.criteria)


@dataclass(frozen=True)
class Pathway:
    stages: tuple[StageProgress, ...]
    measured: Stage | None  # the furthest stage whose criteria are all met today
    current: Stage | None  # what the person sees: the furthest stage ever reached (never goes down)
    newly_reached: tuple[Stage, ...]  # stages to record as reached now
    setback: bool
    setback_note: str

    @property
    def next_stage(self) -> StageProgress | None:
        index = -1 if self.current is None else STAGE_ORDER.index(self.current)
        return self.stages[index + 1] if index + 1 < len(self.stages) else None

    def progress_for(self, stage: Stage) -> StageProgress:
        return self.stages[STAGE_ORDER.index(stage)]


SETBACK_NOTE = (
    "The last few weeks have been harder than the weeks before. That is a normal part of the path, not a step "
    "back: what you have reached stays reached, and each activation is another chance to practise."
)


def _finite(value: float | None) -> float | None:
    if value is None or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return None
    return float(value)


def minutes_in_words(value: float | None) -> str:
    """Minutes as a person says them (the same rungs as "from days to hours to minutes")."""
    if value is None:
        return "not enough entries yet"
    if value < 90:
        whole = round(value)
        return f"about {whole} minute{'s' if whole != 1 else ''}"
    hours = value / 60
    if hours < 36:
        whole = round(hours)
        return f"about {whole} hour{'s' if whole != 1 else ''}"
    days = round(hours / 24)
    return f"about {days} day{'s' if days != 1 else ''}"


def _rate(value: float | None) -> str:
    if value is None:
        return "not enough entries yet"
    return f"{value:.1f} a week"


def _weeks_of_history(summary: PathwaySummary, now: datetime) -> float:
    first = summary.first_activity_at
    if first is None:
        return 0.0
    try:
        return max(0.0, (now - first).total_seconds() / (7 * 24 * 3600))
    except TypeError:  # naive and aware datetimes mixed: treat as no usable history rather than fail
        return 0.0


def _criteria(summary: PathwaySummary, now: datetime) -> dict[Stage, tuple[Criterion, ...]]:
    named = max(0, summary.named_triggers)
    ecr = max(0, summary.ecr_r_completed)
    responses = max(0, summary.recent_responses)
    non_protest = min(max(0, summary.recent_non_protest), responses)
    share = non_protest / responses if responses else None
    tools = max(0, summary.tool_sessions)
    weeks = _weeks_of_history(summary, now)
    baseline_rate, recent_rate = _finite(summary.baseline_per_week), _finite(summary.recent_per_week)
    baseline_recovery = _finite(summary.baseline_median_recovery)
    recent_recovery = _finite(summary.recent_median_recovery)
    enough_history = weeks >= WEEKS_OF_HISTORY_NEEDED

    recovery_down = (
        enough_history
        and baseline_recovery is not None
        and recent_recovery is not None
        and recent_recovery <= baseline_recovery * RECOVERY_RATIO_NEEDED
    )
    frequency_down = (
        enough_history
        and baseline_rate is not None
        and baseline_rate > 0
        and recent_rate is not None
        and recent_rate <= baseline_rate * FREQUENCY_RATIO_NEEDED
    )
    improved = summary.ecr_r_anxiety_word == "improved"
    # "Quick recovery" needs some recent recovery times, or no activations at all lately (nothing to recover from).
    quick = (recent_recovery is not None and recent_recovery < QUICK_RECOVERY_MINUTES) or (
        enough_history and recent_rate == 0
    )

    return {
        Stage.AWARENESS: (
            Criterion(
                "named_triggers",
                "Triggers named",
                named >= NAMED_TRIGGERS_NEEDED,
                f"Noting what set you off in at least {NAMED_TRIGGERS_NEEDED} diary entries.",
                f"{named} so far",
            ),
            Criterion(
                "first_assessment",
                "A first snapshot",
                ecr >= ASSESSMENTS_NEEDED,
                "Taking the relationship questionnaire (ECR-R) once, to compare with later.",
                "done" if ecr >= ASSESSMENTS_NEEDED else "not yet",
            ),
        ),
        Stage.EXPERIMENTING: (
            Criterion(
                "new_responses",
                "New responses",
                responses >= RESPONSES_NEEDED and share is not None and share >= NON_PROTEST_SHARE_NEEDED,
                f"In the last 8 weeks, meeting at least {round(NON_PROTEST_SHARE_NEEDED * 100)}% of activations with "
                f"something other than protest (saying it directly, soothing, or waiting), over at least "
                f"{RESPONSES_NEEDED} entries.",
                f"{round(share * 100)}% of {responses}" if share is not None else "no responses noted yet",
            ),
            Criterion(
                "self_soothing",
                "Self-soothing practised",
                tools >= TOOL_SESSIONS_NEEDED,
                f"Using a calming tool at least {TOOL_SESSIONS_NEEDED} times.",
                f"{tools} time{'s' if tools != 1 else ''}",
            ),
        ),
        Stage.AUTOMATIC: (
            Criterion(
                "quicker_recovery",
                "Quicker recovery",
                recovery_down,
                "Over the last 4 weeks, calming down in half the time or less compared with your first 4 weeks "
                f"(after at least {WEEKS_OF_HISTORY_NEEDED} weeks of entries).",
                f"{minutes_in_words(baseline_recovery)} at the start, {minutes_in_words(recent_recovery)} lately",
            ),
            Criterion(
                "fewer_activations",
                "Fewer activations",
                frequency_down,
                "Over the last 4 weeks, clearly fewer activations a week than in your first 4 weeks "
                f"(a quarter fewer or better, after at least {WEEKS_OF_HISTORY_NEEDED} weeks of entries).",
                f"{_rate(baseline_rate)} at the start, {_rate(recent_rate)} lately",
            ),
        ),
        Stage.SECURE: (
            Criterion(
                "questionnaire_improved",
                "Questionnaire change",
                improved,
                "A reliable improvement in the anxiety score of the ECR-R since your first one "
                "(bigger than measurement error).",
                summary.ecr_r_anxiety_word or "not enough questionnaires yet",
            ),
            Criterion(
                "improvement_held",
                "Change that lasts",
                improved and summary.ecr_r_improvement_held,
                "The improvement showing in your two most recent questionnaires, not just one.",
                "yes" if improved and summary.ecr_r_improvement_held else "not yet",
            ),
            Criterion(
                "quick_recovery",
                "Quick recovery",
                quick,
                f"Over the last 4 weeks, calming down within about an hour (median under {QUICK_RECOVERY_MINUTES} "
                "minutes).",
                minutes_in_words(recent_recovery) if recent_recovery is not None else "not enough entries yet",
            ),
        ),
    }


def _setback(summary: PathwaySummary) -> bool:
    recent_rate, previous_rate = _finite(summary.recent_per_week), _finite(summary.previous_per_week)
    recent_recovery = _finite(summary.recent_median_recovery)
    previous_recovery = _finite(summary.previous_median_recovery)
    more_often = (
        recent_rate is not None
        and previous_rate is not None
        and recent_rate >= 1
        and recent_rate > previous_rate * SETBACK_RATIO
    )
    slower = (
        recent_recovery is not None
        and previous_recovery is not None
        and recent_recovery > previous_recovery * SETBACK_RATIO
        and recent_recovery - previous_recovery >= 10
    )
    return more_often or slower


def highest(stages: Iterable[Stage | str | None]) -> Stage | None:
    """The furthest of some stages (unknown names are ignored), or None."""
    indexes = [STAGE_ORDER.index(Stage(s)) for s in stages if s in {stage.value for stage in STAGE_ORDER}]
    return STAGE_ORDER[max(indexes)] if indexes else None


def assess_pathway(summary: PathwaySummary, *, now: datetime, reached: Iterable[Stage | str] = ()) -> Pathway:
    """Where a person is on the pathway.

    1. Measure every criterion of every stage from ``summary``.
    2. ``measured`` is the furthest stage whose criteria are all met today.
    3. ``current`` is the furthest of ``measured`` and the stages already ``reached``: it never goes down.
    4. ``newly_reached`` lists the stages up to ``measured`` not yet recorded, for the caller to store.
    5. ``setback`` is set when the last four weeks were clearly harder than the four before; the note says
       that this is normal. It never changes the stage.
    """
    criteria = _criteria(summary, now)
    stages = tuple(StageProgress(stage, *STAGE_TEXT[stage], criteria=criteria[stage]) for stage in STAGE_ORDER)
    measured = highest(progress.stage for progress in stages if progress.met)
    already = {Stage(s) for s in reached if s in {stage.value for stage in STAGE_ORDER}}
    current = highest([measured, *already])
    newly: tuple[Stage, ...] = ()
    if measured is not None:
        newly = tuple(s for s in STAGE_ORDER[: STAGE_ORDER.index(measured) + 1] if s not in already)
    setback = _setback(summary)
    return Pathway(
        stages=stages,
        measured=measured,
        current=current,
        newly_reached=newly,
        setback=setback,
        setback_note=SETBACK_NOTE if setback else "",
    )
