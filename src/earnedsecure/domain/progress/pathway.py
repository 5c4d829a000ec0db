"""The pathway: four stages, each with criteria measured from a person's own data, met in order and honestly.

Source: the mission report, "The Pathway to Earned Secure Attachment" > "Timeline and Process":

    0-3 months: Awareness of patterns, identifying triggers
    3-6 months: Experimenting with new behaviors, building self-soothing capacity
    6-12 months: New patterns becoming more automatic, reduced activation frequency
    12-18+ months: Secure patterns predominant, quick recovery from occasional activation

and "Progress is Non-Linear": "Regression doesn't mean failure - it's normal and expected ... Recovery time
decreases with practice (from days to hours to minutes)".

The months are what the report expects, not rules: a stage is reached when its criteria are met, whenever
that happens. But the evidence has to be real, and these rules say how (the safety review found a person
shown "Security most of the time" an hour after sign-up, from three questionnaires taken in one afternoon
and a PHQ-9 of 27 with item 9 answered 3):

1. **In order.** A stage is reached only when every earlier stage is reached too; the stages reached are
   always a prefix of ``STAGE_ORDER``.
2. **No back-filling.** Only a stage whose own criteria are met today is recorded (``newly_reached``); an
   earlier stage is never written down because a later one happened to be met.
3. **Time, not one sitting.** Each stage needs entries spread over time (a week, four weeks, twelve weeks,
   six months) and enough entries in each window it compares, so a burst of same-day entries or check-ins
   proves nothing.
4. **The top stage describes now.** The first three stages, once reached, stay reached (the report:
   "Regression doesn't mean failure"). The top stage is re-measured on every view and never kept: when its
   criteria lapse it shows as "not currently met", whatever was stored.
5. **Honest name.** Research defines earned security by interview - the Adult Attachment Interview, scored
   for a coherent account of a difficult childhood (Pearson, Cohn, Cowan & Cowan 1994, Development and
   Psychopathology 6:359-373; Roisman, Padron, Sroufe & Egeland 2002, Child Development 73:1204-1219; the
   report's "Making Sense of Past: ... developing coherent narratives") - not by an app. So the top stage is
   called "Steadier most of the time" and says so.
6. **Reliable change with the cited defaults.** ECR-R change follows Jacobson & Truax (1991), Journal of
   Consulting and Clinical Psychology 59:12-19, with ``DEFAULT_ASSUMPTIONS["ecr-r"]`` from
   ``domain.instruments.reliable_change`` - never a person's own setting, which is for display only. The
   starting point is the mean of the first two or more check-ins; it is compared with check-ins taken at
   least 8 weeks later, and the improvement must show at two such check-ins 8 or more weeks apart.
7. **Not while mood is low, and not without knowing.** A PHQ-9 in the last 8 weeks with a total of 10 or more
   (the NHS Talking Therapies caseness cut-off) or any answer above 0 on item 9 keeps the top stage unmet; so
   does having no PHQ-9 in the last 8 weeks at all, since no evidence is not evidence of a settled mood.

Framework-free: a frozen ``PathwaySummary`` of counts, medians and check-ins in (the database computes them),
``now`` passed in, a frozen ``Pathway`` out. Every function here is total: odd inputs give "not yet", never an
error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from earnedsecure.domain.instruments.ecr_r import ECR_R
from earnedsecure.domain.instruments.reliable_change import DEFAULT_ASSUMPTIONS, Outcome, compare
from earnedsecure.domain.progress.figures import duration_in_words


class Stage(StrEnum):
    AWARENESS = "awareness"
    EXPERIMENTING = "experimenting"
    AUTOMATIC = "automatic"
    SECURE = "secure"  # the stored name; shown as "Steadier most of the time"


STAGE_ORDER: tuple[Stage, ...] = (Stage.AWARENESS, Stage.EXPERIMENTING, Stage.AUTOMATIC, Stage.SECURE)
TOP_STAGE = Stage.SECURE

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
        "Steadier most of the time",
        "often after 12 to 18 months",
        "This app can't tell you that you have earned security; researchers define that through an interview "
        "(the Adult Attachment Interview), not through questionnaires or a diary. What your own data can show is "
        "steadiness over months: questionnaire scores that have reliably changed and stayed changed, mood that "
        "has been settled lately, and calming down quickly after the occasional activation. Because it "
        "describes how things are now, it is checked afresh each time.",
    ),
}

# Thresholds. They are deliberately modest and each is one line, so a clinician can argue with a number.
NAMED_TRIGGERS_NEEDED = 5  # awareness: triggers named in this many activations
ASSESSMENTS_NEEDED = 1  # awareness: a first ECR-R snapshot
AWARENESS_SPAN = timedelta(days=7)  # awareness: entries across at least a week, not one sitting
RESPONSES_NEEDED = 5  # experimenting: recent activations with a recorded response, before judging a share
NON_PROTEST_SHARE_NEEDED = 0.6  # experimenting: share of those met with a non-protest response
TOOL_SESSIONS_NEEDED = 10  # experimenting: self-soothing practised
EXPERIMENTING_SPAN = timedelta(weeks=4)  # experimenting: practice across at least four weeks
WEEKS_OF_HISTORY_NEEDED = 12  # automatic: the first four weeks and the last four must not overlap, with a gap
ENTRIES_TO_COMPARE = 4  # automatic: entries in the first four weeks before a start can be compared with
RECENT_ENTRIES_TO_COMPARE = 3  # automatic: recent entries before a recent median means anything
RECOVERY_RATIO_NEEDED = 0.5  # automatic: recent median recovery at most half the starting one
FREQUENCY_RATIO_NEEDED = 0.75  # automatic: recent activations a week at most three quarters of the starting rate
# The top stage.
MONTHS_OF_USE = 6
USE_SPAN_NEEDED = timedelta(days=182)  # about six months between the first and the latest data
CHECK_IN_SPACING = timedelta(weeks=8)  # ECR-R check-ins compared must be at least this far apart
BASELINE_CHECK_INS_NEEDED = 2  # the starting point is a mean of more than one check-in
MOOD_WINDOW = timedelta(weeks=8)  # PHQ-9 and diary entries counted for "lately"
PHQ_9_CASENESS = 10  # NHS Talking Therapies caseness cut-off for the PHQ-9
RECENT_DIARY_ENTRIES_NEEDED = 8  # diary entries in the last 8 weeks
QUICK_RECOVERY_MINUTES = 60  # recovery measured in minutes, not hours or days
# A setback note appears when the last four weeks are this much harder than the four before.
SETBACK_RATIO = 1.25


@dataclass(frozen=True)
class EcrCheckIn:
    """One completed ECR-R: when, and its anxiety and avoidance means (1-7)."""

    at: datetime
    anxiety: float
    avoidance: float


@dataclass(frozen=True)
class MoodCheckIn:
    """One completed PHQ-9 (when, its total 0-27 and its item 9 answer 0-3), or an item-9 answer saved in a
    check-in left unfinished (no total)."""

    at: datetime
    total: int | None
    item9: int | None


@dataclass(frozen=True)
class PathwaySummary:
    """A person's figures, counted in the database. Windows are four weeks long unless named otherwise.

    baseline = the first four weeks after the first activation; recent = the last four weeks before now;
    previous = the four weeks before recent. Rates are activations per week; medians are in minutes.
    """

    first_activity_at: datetime | None = None  # the first diary entry
    latest_activity_at: datetime | None = None  # the latest diary entry
    activations: int = 0
    named_triggers: int = 0
    baseline_activations: int = 0
    recent_activations: int = 0
    entries_last_8_weeks: int = 0
    recent_responses: int = 0  # recent activations (last 8 weeks) with a recorded response
    recent_non_protest: int = 0  # ... of which direct, soothing, waited or other
    tool_sessions: int = 0
    baseline_per_week: float | None = None
    recent_per_week: float | None = None
    previous_per_week: float | None = None
    baseline_median_recovery: float | None = None
    recent_median_recovery: float | None = None
    previous_median_recovery: float | None = None
    ecr_r: tuple[EcrCheckIn, ...] = ()  # every completed ECR-R, any order
    phq_9: tuple[MoodCheckIn, ...] = ()  # completed PHQ-9s, at least those of the last 8 weeks


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
    measured: Stage | None  # the furthest stage met today with every earlier stage met today too
    reached: tuple[Stage, ...]  # what the person sees as reached: always a prefix of STAGE_ORDER
    newly_reached: tuple[Stage, ...]  # stages whose own criteria are met today, not recorded before
    top_lapsed: bool  # the top stage was met before and is not met today
    mood_flag: bool  # a PHQ-9 of the last 8 weeks answered item 9 above 0
    setback: bool
    setback_note: str

    @property
    def current(self) -> Stage | None:
        return self.reached[-1] if self.reached else None

    @property
    def next_stage(self) -> StageProgress | None:
        index = len(self.reached)
        return self.stages[index] if index < len(self.stages) else None

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


def _gap(earlier: datetime | None, later: datetime | None) -> timedelta | None:
    """``later - earlier``, or None when either is missing or they cannot be compared (naive and aware)."""
    if earlier is None or later is None:
        return None
    try:
        return later - earlier
    except TypeError:
        return None


def _span_in_words(span: timedelta | None, *, between: str = "") -> str:
    """How long a span is, in words, followed by ``between`` (e.g. " between your first and latest entries")."""
    if span is None or span < timedelta(0):
        return "no entries yet"
    if between and not span:  # first and latest are one entry: there is no "between" yet
        return "one entry so far"
    return _length_in_words(span) + between


def _length_in_words(span: timedelta) -> str:
    days = span.days
    if days < 1:
        return "less than a day"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        return f"{days // 7} weeks"
    return f"about {round(days / 30.4)} months"


def _rate(value: float | None) -> str:
    if value is None:
        return "not enough entries yet"
    return f"{value:.1f} a week"


def _comparable(moment: object, now: datetime) -> bool:
    return isinstance(moment, datetime) and _gap(moment, now) is not None


# ---------------------------------------------------------------------------------------------------------
# The ECR-R: a starting point of more than one check-in, compared with check-ins spaced 8 weeks or more


@dataclass(frozen=True)
class EcrProgress:
    """How the ECR-R has moved, judged with the cited default assumptions (Jacobson & Truax 1991)."""

    check_ins: int = 0
    baseline_size: int = 0
    baseline_anxiety: float | None = None
    latest_anxiety: float | None = None
    improved: bool = False  # the latest spaced check-in: anxiety reliably lower, avoidance not reliably higher
    held: bool = False  # ... and an earlier spaced check-in, 8 weeks or more before it, too
    avoidance_worse: bool = False  # the latest spaced check-in: avoidance reliably higher than the start
    spaced_follow_ups: int = 0  # check-ins 8 weeks or more after the starting point


def _valid_ecr(check_in: object, now: datetime) -> bool:
    if not isinstance(check_in, EcrCheckIn) or not _comparable(check_in.at, now):
        return False
    return all(
        isinstance(value, int | float) and math.isfinite(value) and 1 <= value <= 7
        for value in (check_in.anxiety, check_in.avoidance)
    )


def _better(before_anxiety: float, before_avoidance: float, after: EcrCheckIn) -> tuple[bool, bool]:
    """(anxiety reliably improved and avoidance not reliably worse, avoidance reliably worse)."""
    assumptions = DEFAULT_ASSUMPTIONS["ecr-r"]
    anxiety = compare("ecr-r", "anxiety", before_anxiety, after.anxiety, assumptions)
    avoidance = compare("ecr-r", "avoidance", before_avoidance, after.avoidance, assumptions)
    worse = avoidance.outcome is Outcome.WORSE
    return anxiety.outcome is Outcome.IMPROVED and not worse, worse


def ecr_r_progress(check_ins: Iterable[EcrCheckIn], *, now: datetime) -> EcrProgress:
    """Judge the ECR-R history.

    1. Keep valid check-ins taken by ``now``, oldest first.
    2. The starting point is the mean of the first two check-ins and of any others taken within 8 weeks of
       the first (a burst of same-day check-ins all belongs to the start; it never counts as change).
    3. Follow-ups are the check-ins 8 weeks or more after the last one of the starting point.
    4. ``improved``: at the latest follow-up, anxiety is reliably lower and avoidance not reliably higher.
       ``held``: the same at an earlier follow-up 8 weeks or more before the latest.
    """
    valid = sorted(
        (c for c in check_ins if _valid_ecr(c, now) and (_gap(c.at, now) or timedelta(0)) >= timedelta(0)),
        key=lambda c: c.at,
    )
    if len(valid) < BASELINE_CHECK_INS_NEEDED:
        return EcrProgress(check_ins=len(valid), baseline_size=len(valid))
    first = valid[0]
    size = max(BASELINE_CHECK_INS_NEEDED, sum(1 for c in valid if c.at - first.at < CHECK_IN_SPACING))
    baseline = valid[:size]
    anxiety = sum(c.anxiety for c in baseline) / size
    avoidance = sum(c.avoidance for c in baseline) / size
    follow_ups = [c for c in valid[size:] if c.at - baseline[-1].at >= CHECK_IN_SPACING]
    if not follow_ups:
        return EcrProgress(check_ins=len(valid), baseline_size=size, baseline_anxiety=anxiety)
    latest = follow_ups[-1]
    improved, worse = _better(anxiety, avoidance, latest)
    earlier = [c for c in follow_ups if latest.at - c.at >= CHECK_IN_SPACING]
    held = improved and bool(earlier) and _better(anxiety, avoidance, earlier[-1])[0]
    return EcrProgress(
        check_ins=len(valid),
        baseline_size=size,
        baseline_anxiety=anxiety,
        latest_anxiety=latest.anxiety,
        improved=improved,
        held=held,
        avoidance_worse=worse,
        spaced_follow_ups=len(follow_ups),
    )


def _mood_lately(check_ins: Iterable[MoodCheckIn], now: datetime) -> tuple[bool, bool, int]:
    """(a PHQ-9 of the last 8 weeks scored 10 or more, one answered item 9 above 0, how many there were).

    Future dates count too: a clock set wrong must never hide an answer."""
    high = item9 = False
    count = 0
    for check_in in check_ins:
        if not isinstance(check_in, MoodCheckIn):
            continue
        age = _gap(check_in.at, now)
        if age is None or age > MOOD_WINDOW:
            continue
        count += 1
        if isinstance(check_in.total, int | float) and not check_in.total < PHQ_9_CASENESS:
            high = True  # NaN counts as high: an unreadable score is never evidence of a settled mood
        if check_in.item9 is not None and not check_in.item9 <= 0:
            item9 = True
    return high, item9, count


def _use_span(summary: PathwaySummary, now: datetime) -> timedelta | None:
    """From the first to the latest data (diary entries and check-ins), or None with no data."""
    moments = [
        moment
        for moment in (
            summary.first_activity_at,
            summary.latest_activity_at,
            *(c.at for c in summary.ecr_r if isinstance(c, EcrCheckIn)),
            *(c.at for c in summary.phq_9 if isinstance(c, MoodCheckIn)),
        )
        if isinstance(moment, datetime)
        and _comparable(moment, now)
        and (_gap(moment, now) or timedelta(0)) >= timedelta(0)
    ]
    if not moments:
        return None
    return max(moments) - min(moments)


def _diary_span(summary: PathwaySummary, now: datetime) -> timedelta | None:
    if not (_comparable(summary.first_activity_at, now) and _comparable(summary.latest_activity_at, now)):
        return None
    return _gap(summary.first_activity_at, summary.latest_activity_at)


def _weeks_since_first(summary: PathwaySummary, now: datetime) -> float:
    gap = _gap(summary.first_activity_at, now)
    return 0.0 if gap is None else max(0.0, gap.total_seconds() / (7 * 24 * 3600))


def _slower(recent: float | None, previous: float | None) -> bool:
    return recent is not None and previous is not None and recent > previous * SETBACK_RATIO and recent - previous >= 10


def _criteria(summary: PathwaySummary, now: datetime) -> dict[Stage, tuple[Criterion, ...]]:
    named = max(0, summary.named_triggers)
    ecr = ecr_r_progress(summary.ecr_r, now=now)
    responses = max(0, summary.recent_responses)
    non_protest = min(max(0, summary.recent_non_protest), responses)
    share = non_protest / responses if responses else None
    tools = max(0, summary.tool_sessions)
    diary_span = _diary_span(summary, now)
    use_span = _use_span(summary, now)
    weeks = _weeks_since_first(summary, now)
    baseline_rate, recent_rate = _finite(summary.baseline_per_week), _finite(summary.recent_per_week)
    baseline_recovery = _finite(summary.baseline_median_recovery)
    recent_recovery = _finite(summary.recent_median_recovery)
    previous_recovery = _finite(summary.previous_median_recovery)
    enough_history = weeks >= WEEKS_OF_HISTORY_NEEDED and max(0, summary.baseline_activations) >= ENTRIES_TO_COMPARE
    enough_recent = max(0, summary.recent_activations) >= RECENT_ENTRIES_TO_COMPARE
    recent_entries = max(0, summary.entries_last_8_weeks)
    high_mood, item9, mood_check_ins = _mood_lately(summary.phq_9, now)

    recovery_down = (
        enough_history
        and enough_recent
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
    quick = (
        enough_recent
        and recent_recovery is not None
        and recent_recovery < QUICK_RECOVERY_MINUTES
        and not _slower(recent_recovery, previous_recovery)
    )
    if ecr.baseline_anxiety is None:
        ecr_value = "not enough questionnaires yet"
    elif not ecr.spaced_follow_ups:
        ecr_value = (
            f"starting point {ecr.baseline_anxiety:.1f} from {ecr.baseline_size} check-ins; "
            "no check-in 8 weeks or more later yet"
        )
    else:
        change = "reliably lower" if ecr.improved else "no reliable improvement"
        ecr_value = f"anxiety {ecr.baseline_anxiety:.1f} at the start, {ecr.latest_anxiety:.1f} lately: {change}"
        if ecr.avoidance_worse:
            ecr_value += "; avoidance reliably higher"
    if item9:
        mood_value = "a recent check-in mentioned thoughts of being better off dead or of hurting yourself"
    elif high_mood:
        mood_value = "a recent check-in showed a hard time with low mood"
    elif mood_check_ins:
        mood_value = (
            f"none of the {mood_check_ins} in the last 8 weeks"
            if mood_check_ins > 1
            else "not the one in the last 8 weeks"
        )
    else:
        mood_value = "no mood check-in in the last 8 weeks"

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
                ecr.check_ins >= ASSESSMENTS_NEEDED,
                f"Answering “{ECR_R.title}” once, to compare with later.",
                "done" if ecr.check_ins >= ASSESSMENTS_NEEDED else "not yet",
            ),
            Criterion(
                "noticing_over_time",
                "Noticing over time",
                diary_span is not None and diary_span >= AWARENESS_SPAN,
                "Diary entries spread over at least a week, so the pattern comes from more than one day.",
                _span_in_words(diary_span, between=" between your first and latest entries"),
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
            Criterion(
                "practising_over_time",
                "Practice over weeks",
                diary_span is not None and diary_span >= EXPERIMENTING_SPAN,
                "Diary entries spread over at least 4 weeks: new responses take practice, not one good day.",
                _span_in_words(diary_span, between=" between your first and latest entries"),
            ),
        ),
        Stage.AUTOMATIC: (
            Criterion(
                "quicker_recovery",
                "Quicker recovery",
                recovery_down,
                "Over the last 4 weeks, calming down in half the time or less compared with your first 4 weeks "
                f"(after at least {WEEKS_OF_HISTORY_NEEDED} weeks, with at least {ENTRIES_TO_COMPARE} entries at "
                f"the start and {RECENT_ENTRIES_TO_COMPARE} lately).",
                f"{duration_in_words(baseline_recovery)} at the start, {duration_in_words(recent_recovery)} lately",
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
                "months_of_use",
                "Months, not days",
                use_span is not None and use_span >= USE_SPAN_NEEDED,
                f"At least {MONTHS_OF_USE} months between your first and latest entries or check-ins.",
                _span_in_words(use_span),
            ),
            Criterion(
                "starting_point",
                "A steady starting point",
                ecr.baseline_size >= BASELINE_CHECK_INS_NEEDED,
                f"Answering “{ECR_R.title}” at least twice to make your starting point, so one unusual day "
                "does not set it.",
                f"{ecr.check_ins} questionnaire{'s' if ecr.check_ins != 1 else ''} so far",
            ),
            Criterion(
                "questionnaire_improved",
                "Questionnaire change",
                ecr.improved,
                "At a questionnaire taken 8 weeks or more after your starting point, the anxiety score reliably "
                "lower (bigger than measurement error) and the avoidance score not reliably higher.",
                ecr_value,
            ),
            Criterion(
                "improvement_held",
                "Change that lasts",
                ecr.held,
                "The same change at an earlier questionnaire too, taken 8 weeks or more before the latest.",
                "yes" if ecr.held else "not yet",
            ),
            Criterion(
                "mood_settled",
                "Mood settled lately",
                mood_check_ins > 0 and not (high_mood or item9),
                f"At least one mood check-in (\u201cYour mood over the last two weeks\u201d) in the last 8 weeks, and none "
                f"scoring {PHQ_9_CASENESS} or more "
                "or answering the last question (thoughts of being better off dead or of hurting yourself) above "
                "\u201cnot at all\u201d.",
                mood_value,
            ),
            Criterion(
                "recent_entries",
                "Still noticing",
                recent_entries >= RECENT_DIARY_ENTRIES_NEEDED,
                f"At least {RECENT_DIARY_ENTRIES_NEEDED} diary entries in the last 8 weeks, so \u201clately\u201d rests "
                "on real days.",
                f"{recent_entries} in the last 8 weeks",
            ),
            Criterion(
                "quick_recovery",
                "Quick recovery",
                quick,
                f"Over the last 4 weeks, calming down within about an hour (median under {QUICK_RECOVERY_MINUTES} "
                "minutes, from at least 3 entries), and no slower than the 4 weeks before.",
                duration_in_words(recent_recovery) if recent_recovery is not None else "not enough entries yet",
            ),
        ),
    }


def setback(summary: PathwaySummary) -> bool:
    """The last four weeks clearly harder than the four before (:func:`harder_lately`), from a summary."""
    return harder_lately(
        recent_per_week=summary.recent_per_week,
        previous_per_week=summary.previous_per_week,
        recent_median_recovery=summary.recent_median_recovery,
        previous_median_recovery=summary.previous_median_recovery,
    )


def harder_lately(
    *,
    recent_per_week: float | None,
    previous_per_week: float | None,
    recent_median_recovery: float | None,
    previous_median_recovery: float | None,
) -> bool:
    """The last four weeks clearly harder than the four before: more activations (at least one a week, a
    quarter more) or a slower typical recovery. The diary's rates and medians only, so a page that shows the
    note without measuring the path (home) asks this alone."""
    recent_rate, previous_rate = _finite(recent_per_week), _finite(previous_per_week)
    more_often = (
        recent_rate is not None
        and previous_rate is not None
        and recent_rate >= 1
        and recent_rate > previous_rate * SETBACK_RATIO
    )
    slower = _slower(_finite(recent_median_recovery), _finite(previous_median_recovery))
    return more_often or slower


def highest(stages: Iterable[Stage | str | None]) -> Stage | None:
    """The furthest of some stages (unknown names are ignored), or None."""
    indexes = [STAGE_ORDER.index(Stage(s)) for s in stages if s in {stage.value for stage in STAGE_ORDER}]
    return STAGE_ORDER[max(indexes)] if indexes else None


def kept_stages(recorded: Iterable[Stage | str]) -> tuple[Stage, ...]:
    """The stages that stay reached once recorded (rule 4): the unbroken run of recorded stages from the first,
    never the top one, which describes now and is measured afresh. All a page may show of the path without
    measuring it (home, a therapist's caseload); unknown names are ignored."""
    names = {str(stage) for stage in recorded}
    kept: list[Stage] = []
    for stage in STAGE_ORDER:
        if stage is TOP_STAGE or stage.value not in names:
            break
        kept.append(stage)
    return tuple(kept)


def assess_pathway(summary: PathwaySummary, *, now: datetime, reached: Iterable[Stage | str] = ()) -> Pathway:
    """Where a person is on the pathway.

    1. Measure every criterion of every stage from ``summary``.
    2. ``measured`` is the furthest stage met today whose earlier stages are all met today too.
    3. ``reached`` walks the stages in order and stops at the first one that is neither met today nor (below
       the top stage) recorded before; the top stage counts only when met today. It is always a prefix.
    4. ``newly_reached`` lists the stages of ``reached`` that were not recorded before; each one's own
       criteria are met today, so nothing is back-filled.
    5. ``top_lapsed`` is set when the top stage was recorded before but is not met today.
    6. ``setback`` is set when the last four weeks were clearly harder than the four before; the note says
       that this is normal. It never changes the stage.
    """
    criteria = _criteria(summary, now)
    stages = tuple(StageProgress(stage, *STAGE_TEXT[stage], criteria=criteria[stage]) for stage in STAGE_ORDER)
    met_today = {progress.stage: progress.met for progress in stages}
    names = {stage.value for stage in STAGE_ORDER}
    recorded = {Stage(s) for s in reached if s in names}

    measured: Stage | None = None
    for stage in STAGE_ORDER:
        if not met_today[stage]:
            break
        measured = stage

    shown: list[Stage] = []
    for stage in STAGE_ORDER:
        kept = stage in recorded and stage is not TOP_STAGE
        if not (met_today[stage] or kept):
            break
        shown.append(stage)
    newly = tuple(stage for stage in shown if stage not in recorded)
    harder = setback(summary)
    _, item9, _ = _mood_lately(summary.phq_9, now)
    return Pathway(
        stages=stages,
        measured=measured,
        reached=tuple(shown),
        newly_reached=newly,
        top_lapsed=TOP_STAGE in recorded and TOP_STAGE not in shown,
        mood_flag=item9,
        setback=harder,
        setback_note=SETBACK_NOTE if harder else "",
    )
