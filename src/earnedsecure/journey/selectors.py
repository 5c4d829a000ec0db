"""Reads for the course, the programs, the pathway and the home page.

The journey's own rows (lessons read, stages reached, reminders) are read here; the diary's figures come
from ``diary.selectors`` and the check-ins from ``assessments.selectors``, each the one reader of its rows.
The home page answers at a glance for someone with three years of entries: every figure is a database
aggregate or is worked out from the few rows of a recent window. It shows the stages kept on record and
leaves measuring the path to the path's own page (``pathway_view``). Its queries (besides the session and
user): the journey's rows 3, activations 2 (tools 1 more when the next step is a tool), check-ins 4 (the
item-9 flags and the screeners' totals of the safety card, and the 2 of the due check-ins) and the coach's
recent risk levels 1 (the safety card's diary entries come with the activations' windows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from django.urls import reverse

from earnedsecure.content.loader import Lesson, Program, get_program, load_lessons, load_programs
from earnedsecure.core.access import owned_queryset
from earnedsecure.diary.selectors import (
    WINDOW,
    ActivationFigures,
    ToolFigures,
    activation_figures,
    tool_figures,
    tool_session_count,
)
from earnedsecure.diary.tools import tool_url
from earnedsecure.domain.cycle import TOOLS
from earnedsecure.domain.progress.figures import duration_in_words, share_of_week_passed
from earnedsecure.domain.progress.pathway import (
    MOOD_WINDOW,
    SETBACK_NOTE,
    STAGE_ORDER,
    STAGE_TEXT,
    EcrCheckIn,
    MoodCheckIn,
    Pathway,
    PathwaySummary,
    assess_pathway,
    harder_lately,
    kept_stages,
)
from earnedsecure.journey.models import (
    LessonProgress,
    PathwayStageReached,
    ProgramEnrolment,
    Reminder,
    ReminderPreference,
)
from earnedsecure.journey.practices import practice_button

REMINDERS_SHOWN_FOR = timedelta(days=14)


# ---------------------------------------------------------------------------------------------------------
# Check-ins (the assessments app's selectors)


@dataclass(frozen=True)
class CheckInFigures:
    ecr_r: tuple[EcrCheckIn, ...] = ()
    phq_9: tuple[MoodCheckIn, ...] = ()  # the last 8 weeks only

    @property
    def ecr_r_completed(self) -> int:
        return len(self.ecr_r)


def check_in_figures(*, user, now: datetime) -> CheckInFigures:
    """ECR-R history and recent PHQ-9s, the check-ins the pathway needs. Two queries. Reliable change on the
    pathway uses the published defaults only (the person's own assumptions are for the check-in pages), so
    they are not read here."""
    from earnedsecure.assessments import selectors as assessments

    ecr_r, phq_9 = assessments.pathway_check_ins(user=user, mood_since=now - MOOD_WINDOW)
    return CheckInFigures(
        ecr_r=tuple(EcrCheckIn(*row) for row in ecr_r),
        phq_9=tuple(MoodCheckIn(*row) for row in phq_9),
    )


def due_check_ins(*, user, now: datetime) -> tuple:
    """The check-ins due by ``now`` (DueAssessment rows, soonest first), for the home page only: the pathway
    and the learn page do not show them. Two queries (``due_assessments``)."""
    from earnedsecure.assessments import selectors as assessments

    try:
        return tuple(assessments.due_assessments(user=user, now=now))
    except (KeyError, LookupError):  # the instrument is switched off by the operator
        return ()


# ---------------------------------------------------------------------------------------------------------
# The journey's own rows


@dataclass(frozen=True, slots=True)
class PendingReminder:
    pk: int
    kind: str
    due_at: datetime
    activation_id: int | None

    @property
    def label(self) -> str:
        return Reminder.Kind(self.kind).label


@dataclass
class JourneyRows:
    lessons_read: dict[str, datetime] = field(default_factory=dict)
    stages_reached: dict[str, datetime] = field(default_factory=dict)
    reminders: list[PendingReminder] = field(default_factory=list)


def journey_rows(*, user, now: datetime) -> JourneyRows:
    """Lessons read, stages reached and pending in-app reminders: three small queries by the owner index."""
    return JourneyRows(
        lessons_read=lessons_read(user=user),
        stages_reached=stages_reached(user=user),
        reminders=pending_reminders(user=user, now=now),
    )


def lessons_read(*, user) -> dict[str, datetime]:
    return dict(owned_queryset(LessonProgress, user).order_by().values_list("lesson_slug", "read_at"))


def stages_reached(*, user) -> dict[str, datetime]:
    return dict(owned_queryset(PathwayStageReached, user).order_by().values_list("stage", "reached_at"))


def pending_reminders(*, user, now: datetime) -> list[PendingReminder]:
    """Reminders to show in the app, newest first: due, recent, not dismissed, wanted in the app, and a
    "what actually happened?" one only while its entry still waits for the answer. One query."""
    rows = (
        owned_queryset(Reminder, user)
        .filter(
            dismissed_at__isnull=True,
            due_at__lte=now,
            due_at__gte=now - REMINDERS_SHOWN_FOR,
            owner__reminder_preference__in_app=True,
        )
        .values_list("id", "kind", "due_at", "activation_id", "activation__outcome_recorded_at")
    )
    return [
        PendingReminder(pk, kind, due_at, activation_id)
        for pk, kind, due_at, activation_id, answered_at in rows
        if kind != Reminder.Kind.CLOSE_LOOP or (activation_id is not None and answered_at is None)
    ]


def reminder_preference(*, user) -> ReminderPreference:
    """The person's reminder settings, or the defaults (unsaved) when they never chose."""
    return owned_queryset(ReminderPreference, user).first() or ReminderPreference(owner=user)


# ---------------------------------------------------------------------------------------------------------
# The pathway


def _rates_a_week(activations: ActivationFigures) -> tuple[float | None, float | None, float | None]:
    """The first four weeks', the last four's and the four before's activations a week (None with no entries)."""
    if activations.first_at is None:
        return None, None, None
    weeks = WINDOW.days / 7
    return activations.baseline / weeks, activations.recent / weeks, activations.previous / weeks


def pathway_summary(*, activations: ActivationFigures, tool_sessions: int, check_ins: CheckInFigures) -> PathwaySummary:
    """The pathway's inputs, from figures read over the whole history (``activation_figures``'s default)."""
    if activations.total is None:
        raise ValueError("the pathway needs the whole history's counts (activation_figures(whole_history=True))")
    baseline_per_week, recent_per_week, previous_per_week = _rates_a_week(activations)
    return PathwaySummary(
        first_activity_at=activations.first_at,
        latest_activity_at=activations.latest_at,
        activations=activations.total,
        named_triggers=activations.named_triggers,
        baseline_activations=activations.baseline,
        recent_activations=activations.recent,
        entries_last_8_weeks=activations.last_8_weeks,
        recent_responses=activations.recent_responses,
        recent_non_protest=activations.recent_non_protest,
        tool_sessions=tool_sessions,
        baseline_per_week=baseline_per_week,
        recent_per_week=recent_per_week,
        previous_per_week=previous_per_week,
        baseline_median_recovery=activations.baseline_median_recovery,
        recent_median_recovery=activations.recent_median_recovery,
        previous_median_recovery=activations.previous_median_recovery,
        ecr_r=check_ins.ecr_r,
        phq_9=check_ins.phq_9,
    )


@dataclass(frozen=True)
class PathwayView:
    pathway: Pathway
    reached_at: dict[str, datetime]
    activations: ActivationFigures
    tool_sessions: int
    check_ins: CheckInFigures


def pathway_view(*, user, now: datetime, reached_at: dict[str, datetime] | None = None) -> PathwayView:
    """The pathway as the person sees it: stages in order, those below the top kept once reached, the top one
    measured afresh (``domain.progress.pathway``).

    A stage met for the first time shows as reached now; reading writes nothing. The worker's scan
    (``services.pathways_scan``) writes it down, so it stays reached from then on. The calming tools count by
    their number of sessions only (one COUNT).
    """
    activations = activation_figures(user=user, now=now)
    tool_sessions = tool_session_count(user=user)
    check_ins = check_in_figures(user=user, now=now)
    if reached_at is None:
        reached_at = stages_reached(user=user)
    pathway = assess_pathway(
        pathway_summary(activations=activations, tool_sessions=tool_sessions, check_ins=check_ins),
        now=now,
        reached=reached_at,
    )
    shown_at = {**reached_at, **{stage.value: now for stage in pathway.newly_reached}}
    return PathwayView(
        pathway=pathway, reached_at=shown_at, activations=activations, tool_sessions=tool_sessions, check_ins=check_ins
    )


# ---------------------------------------------------------------------------------------------------------
# Lessons and programs


@dataclass(frozen=True)
class LessonRow:
    lesson: Lesson
    read_at: datetime | None
    url: str


def lesson_urls() -> dict[str, str]:
    """Each lesson's address by slug, from one ``reverse`` of the lesson route with ``_`` for the slug, each slug
    then put in its place (a ``{% url %}`` per lesson was a tenth of the Learn page). Lesson slugs are
    ``[a-z0-9-]`` (``content.loader`` checks them), which ``reverse`` writes unchanged."""
    head, _, tail = reverse("journey:lesson", args=["_"]).rpartition("_")
    return {lesson.slug: f"{head}{lesson.slug}{tail}" for lesson in load_lessons()}


def course(*, read: dict[str, datetime]) -> list[LessonRow]:
    urls = lesson_urls()
    return [LessonRow(lesson, read.get(lesson.slug), urls[lesson.slug]) for lesson in load_lessons()]


def next_unread_lesson(*, read: dict[str, datetime]) -> Lesson | None:
    return next((lesson for lesson in load_lessons() if lesson.slug not in read), None)


@dataclass(frozen=True)
class EnrolmentState:
    program: Program
    enrolment: ProgramEnrolment | None
    week: int | None  # 1..weeks while taking part
    finished: bool
    paused: bool

    @property
    def week_plan(self):
        if self.week is None:
            return None
        return self.program.week_plans[self.week - 1]


def program_week(*, enrolment: ProgramEnrolment, weeks: int, now: datetime) -> tuple[int, bool]:
    """(this week, finished): weeks since the start minus the time spent paused, capped at the last week."""
    paused = enrolment.paused_total
    if enrolment.paused_at is not None:
        paused += max(timedelta(0), now - enrolment.paused_at)
    active = max(timedelta(0), now - enrolment.started_at - paused)
    number = active.days // 7 + 1
    return min(number, weeks), number > weeks


def enrolment_state(*, program: Program, enrolment: ProgramEnrolment | None, now: datetime) -> EnrolmentState:
    if enrolment is None:
        return EnrolmentState(program, None, None, finished=False, paused=False)
    week, finished = program_week(enrolment=enrolment, weeks=program.weeks, now=now)
    return EnrolmentState(program, enrolment, week, finished=finished, paused=enrolment.paused_at is not None)


def programs(*, user, now: datetime) -> list[EnrolmentState]:
    enrolments = {e.program_slug: e for e in owned_queryset(ProgramEnrolment, user)}
    return [enrolment_state(program=p, enrolment=enrolments.get(p.slug), now=now) for p in load_programs()]


def program(*, user, slug: str, now: datetime) -> EnrolmentState:
    """One program with the person's enrolment; KeyError when there is no such program."""
    found = get_program(slug)
    enrolment = owned_queryset(ProgramEnrolment, user).filter(program_slug=slug).first()
    return enrolment_state(program=found, enrolment=enrolment, now=now)


# ---------------------------------------------------------------------------------------------------------
# The home page


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    url: str
    label: str


@dataclass(frozen=True)
class Comparison:
    """One line of "this week compared with the start"."""

    name: str
    start: str
    now: str
    better: bool | None  # None when there is nothing to compare yet


@dataclass(frozen=True)
class PathAtAGlance:
    """Home's card of the path: the four stages, those kept on record marked reached (``kept_stages``: never
    the top one, which describes now and is measured afresh on the path's page only), and the setback note
    when the last four weeks were harder than the four before."""

    stages: tuple[tuple[str, bool], ...]  # (title, reached), in order
    current: tuple[str, str] | None  # (title, about) of the last stage kept, None at the start
    setback_note: str


@dataclass(frozen=True)
class HomeView:
    path: PathAtAGlance
    comparisons: tuple[Comparison, ...]
    early: bool  # still inside the first four weeks: these weeks are becoming the starting point
    next_step: NextStep
    next_check_in: object | None  # DueAssessment or a ScheduleRow-like object
    reminders: list[PendingReminder]
    lessons_read: int
    lessons_total: int
    safety: object  # assessments.selectors.HomeSafety: the item-9 card and the professional-help reasons


def _per_week(count: int, weeks: float) -> str:
    value = count / weeks if weeks else 0
    return f"{value:.0f} a week" if value >= 10 else f"{value:.1f} a week"


def _intensity(value: float | None) -> str:
    return "no entries" if value is None else f"{value:.1f} out of 10"


def comparisons(*, activations: ActivationFigures, now: datetime, zone: tzinfo) -> tuple[tuple[Comparison, ...], bool]:
    """This week against the first four weeks: activations, intensity, time to calm down.

    The week under way is compared like with like: its count so far against the start's rate over the same
    share of a week (``share_of_week_passed``, on the person's clock), and called lower only when it is, once
    at least one entry would be expected by now."""
    if activations.first_at is None:
        return (), False
    weeks_so_far = (now - activations.first_at).total_seconds() / (7 * 24 * 3600)
    early = weeks_so_far < WINDOW.days / 7
    baseline_weeks = max(1.0, min(WINDOW.days / 7, weeks_so_far))
    by_now = activations.baseline / baseline_weeks * share_of_week_passed(now, zone)
    rows = [
        Comparison(
            "Activations",
            # "0.1 by this time of the week" (early on a Monday) asked a person to picture a tenth of an entry
            f"{_per_week(activations.baseline, baseline_weeks)} "
            + (f"({by_now:.1f} by this time of the week)" if by_now >= 0.5 else "(the week has only just begun)"),
            f"{activations.this_week} so far this week",
            None if early or by_now < 1 else activations.this_week < by_now,
        ),
        Comparison(
            "How intense (average)",
            _intensity(activations.baseline_intensity),
            _intensity(activations.this_week_intensity),
            None
            if early or activations.this_week_intensity is None or activations.baseline_intensity is None
            else activations.this_week_intensity <= activations.baseline_intensity,
        ),
        Comparison(
            "Time to calm down (a typical entry, last 4 weeks)",
            duration_in_words(activations.baseline_median_recovery),
            duration_in_words(activations.recent_median_recovery),
            None
            if early or activations.recent_median_recovery is None or activations.baseline_median_recovery is None
            else activations.recent_median_recovery <= activations.baseline_median_recovery,
        ),
    ]
    return tuple(rows), early


def suggest_next_step(*, activations: ActivationFigures, due: tuple, read: dict[str, datetime]) -> NextStep | None:
    """One suggestion, in this order: close an open loop, an overdue check-in, the next lesson; None when it is
    the turn of a tool (``suggest_tool``, which needs the tools' figures)."""
    if activations.awaiting_follow_up_id:
        return NextStep(
            "What actually happened?",
            "Some time has passed since a recent entry. A line about how it turned out helps you see the pattern.",
            f"/diary/{activations.awaiting_follow_up_id}/follow-up/",
            "Add how it turned out",
        )
    overdue = next((check_in for check_in in due if check_in.overdue), None)
    if overdue is not None:
        return NextStep(
            "A check-in is ready",
            f"{overdue.title or overdue.name}: a few minutes, and it shows how things are changing.",
            f"/check-ins/{overdue.slug}/",
            "Start this check-in",
        )
    lesson = next_unread_lesson(read=read)
    if lesson is not None:
        return NextStep(
            f"Read: {lesson.title}",
            f"{lesson.summary} About {lesson.minutes} minutes.",
            f"/learn/{lesson.slug}/",
            "Read the lesson",
        )
    return None


def suggest_tool(*, tools: ToolFigures) -> NextStep:
    """The last suggestion: the tool that helped most, else slow breathing."""
    helpful = tools.most_helpful  # the insights page's rule: the surest to calm (domain.progress.figures)
    if helpful is not None:
        tool = TOOLS.get(helpful.tool)
        return NextStep(
            f"Practise {tool.label}",
            "It has helped you before. Practising while calm makes it easier to reach for when you need it.",
            tool_url(tool),
            f"Open {tool.label}",
        )
    return NextStep(
        "Try a calming tool",
        "A few minutes of slow breathing, practised while calm, is ready for the moments that are not.",
        *practice_button("breathing-478"),
    )


def path_at_a_glance(*, reached: dict[str, datetime], activations: ActivationFigures) -> PathAtAGlance:
    """What home shows of the path, from the stages on record and the diary's windows it read anyway.

    Measuring the path (its criteria need the check-ins' history and the tools too) is the path page's work.
    A stage met for the first time shows here once the worker's scan has recorded it (``pathways_scan``,
    every ``worker.DEFAULT_SCAN_EVERY``); the top stage is never shown from the record, since it may have
    lapsed since.
    """
    kept = kept_stages(reached)
    current = STAGE_TEXT[kept[-1]] if kept else None
    _, recent_per_week, previous_per_week = _rates_a_week(activations)
    harder = harder_lately(
        recent_per_week=recent_per_week,
        previous_per_week=previous_per_week,
        recent_median_recovery=activations.recent_median_recovery,
        previous_median_recovery=activations.previous_median_recovery,
    )
    return PathAtAGlance(
        stages=tuple((STAGE_TEXT[stage][0], stage in kept) for stage in STAGE_ORDER),
        current=(current[0], current[2]) if current else None,
        setback_note=SETBACK_NOTE if harder else "",
    )


def home_view(*, user, now: datetime) -> HomeView:
    """Everything the home page shows, whatever the length of the history (see the module doc)."""
    from earnedsecure.assessments import selectors as assessments

    rows = journey_rows(user=user, now=now)
    # The windows' rows of the diary carry the risk levels the safety card counts (one read, not two).
    activations = activation_figures(
        user=user, now=now, risk_since=now - assessments.HELP_ACTIVATIONS_WITHIN, whole_history=False
    )
    due = due_check_ins(user=user, now=now)
    next_step = suggest_next_step(activations=activations, due=due, read=rows.lessons_read)
    found, early = comparisons(activations=activations, now=now, zone=user.zone)
    # The next step already asks about the latest open entry; do not ask twice on one screen.
    reminders = [
        reminder
        for reminder in rows.reminders
        if not (
            reminder.kind == Reminder.Kind.CLOSE_LOOP and reminder.activation_id == activations.awaiting_follow_up_id
        )
    ]
    return HomeView(
        path=path_at_a_glance(reached=rows.stages_reached, activations=activations),
        comparisons=found,
        early=early,
        # Only a tool suggestion needs the tools' figures.
        next_step=next_step or suggest_tool(tools=tool_figures(user=user)),
        next_check_in=due[0] if due else None,
        reminders=reminders,
        lessons_read=len(rows.lessons_read),
        lessons_total=len(load_lessons()),
        safety=assessments.home_safety(user=user, now=now, activations=list(activations.risk_entries)),
    )


def caseload_stages(*, owner_ids: list[int]) -> dict[int, dict[str, datetime]]:
    """The pathway stages each person has reached and when (a therapist's caseload, through care). One query."""
    found: dict[int, dict[str, datetime]] = {pk: {} for pk in owner_ids}
    rows = PathwayStageReached.objects.filter(owner_id__in=owner_ids).order_by()
    for owner_id, stage, reached_at in rows.values_list("owner_id", "stage", "reached_at"):
        found[owner_id][stage] = reached_at
    return found
