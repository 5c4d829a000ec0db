"""Reads for the course, the programs, the pathway and the home page, aggregated in SQL.

The home page has to answer at a glance for someone with three years of entries, so every figure here is
a COUNT, AVG or a window-function median computed by the database, never a loop over rows. Query budget
of ``home`` (besides the session and user): activations 2, tools 1, check-ins 3 (their contract), and one
UNION for the journey's own rows (lessons read, stages reached, pending reminders).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, RowNumber

from earnedsecure.content.loader import Lesson, Program, get_program, load_lessons, load_programs
from earnedsecure.core.access import owned_queryset
from earnedsecure.diary.models import Activation, DiaryStamp, Response, Tool, ToolSession, Trigger
from earnedsecure.diary.tools import tool_url
from earnedsecure.domain.cycle import FOLLOW_UP, TOOLS
from earnedsecure.domain.progress.figures import duration_in_words
from earnedsecure.domain.progress.pathway import (
    MOOD_WINDOW,
    EcrCheckIn,
    MoodCheckIn,
    Pathway,
    PathwaySummary,
    assess_pathway,
)
from earnedsecure.journey.models import (
    LessonProgress,
    PathwayStageReached,
    ProgramEnrolment,
    Reminder,
    ReminderPreference,
)
from earnedsecure.journey.practices import practice_button

WINDOW = timedelta(days=28)
RESPONSES_WINDOW = timedelta(days=56)
REMINDERS_SHOWN_FOR = timedelta(days=14)
MIN_SESSIONS_FOR_HELPFUL = 3


def week_start(moment: datetime, zone) -> datetime:
    local = moment.astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


# ---------------------------------------------------------------------------------------------------------
# Activations and tools


@dataclass(frozen=True)
class ActivationFigures:
    first_at: datetime | None = None
    latest_at: datetime | None = None
    total: int = 0
    named_triggers: int = 0
    baseline: int = 0
    baseline_intensity: float | None = None
    this_week: int = 0
    this_week_intensity: float | None = None
    recent: int = 0
    recent_intensity: float | None = None
    previous: int = 0
    recent_responses: int = 0
    recent_non_protest: int = 0
    last_8_weeks: int = 0
    awaiting_follow_up_id: int | None = None
    baseline_median_recovery: float | None = None
    recent_median_recovery: float | None = None
    previous_median_recovery: float | None = None


_UNKNOWN = object()


def first_activation_at(*, user) -> datetime | None:
    return owned_queryset(Activation, user).order_by("occurred_at").values_list("occurred_at", flat=True).first()


def activation_figures(*, user, now: datetime, first_at=_UNKNOWN) -> ActivationFigures:
    """Counts, means and medians of a person's activations for the pathway and the home page.

    0. The first entry's time, unless the caller has it already (``journey_rows`` fetches it in its UNION).
    1. One aggregate with conditional counts: totals, the first four weeks, this week, the last four weeks,
       the four before, responses, the latest loop to close.
    2. Medians of recovery minutes for the first, previous and last four weeks: rows are labelled with
       their window and numbered by recovery time within it; only the one or two middle rows come back.

    The windows are constants in the SQL: date arithmetic on a column would run row by row (on SQLite
    Django does it with a Python function), which costs hundreds of milliseconds on a long history.
    """
    if first_at is _UNKNOWN:
        first_at = first_activation_at(user=user)
    if first_at is None:
        return ActivationFigures()
    zone = user.zone
    activations = owned_queryset(Activation, user)
    in_baseline = Q(occurred_at__lt=first_at + WINDOW)
    in_recent = Q(occurred_at__gte=now - WINDOW, occurred_at__lte=now)
    in_previous = Q(occurred_at__gte=now - 2 * WINDOW, occurred_at__lt=now - WINDOW)
    in_this_week = Q(occurred_at__gte=week_start(now, zone), occurred_at__lte=now)
    responded = Q(occurred_at__gte=now - RESPONSES_WINDOW, occurred_at__lte=now) & ~Q(response="")
    awaiting = Q(
        outcome_recorded_at__isnull=True,
        occurred_at__lte=now - FOLLOW_UP.opens_after,
        occurred_at__gte=now - FOLLOW_UP.closes_after,
    )
    row = activations.aggregate(
        total=Count("id"),
        latest_at=Max("occurred_at"),
        last_8_weeks=Count("id", filter=Q(occurred_at__gte=now - RESPONSES_WINDOW, occurred_at__lte=now)),
        named_triggers=Count("id", filter=~Q(trigger=Trigger.OTHER) | ~Q(trigger_note="")),
        baseline=Count("id", filter=in_baseline),
        baseline_intensity=Avg("intensity", filter=in_baseline),
        this_week=Count("id", filter=in_this_week),
        this_week_intensity=Avg("intensity", filter=in_this_week),
        recent=Count("id", filter=in_recent),
        recent_intensity=Avg("intensity", filter=in_recent),
        previous=Count("id", filter=in_previous),
        recent_responses=Count("id", filter=responded),
        recent_non_protest=Count("id", filter=responded & ~Q(response=Response.PROTEST)),
        awaiting_follow_up_id=Max("id", filter=awaiting),
    )
    if not row["total"]:
        return ActivationFigures()

    period = Case(
        When(in_recent, then=Value("recent")),
        When(in_previous, then=Value("previous")),
        When(in_baseline, then=Value("baseline")),
        default=Value(""),
        output_field=CharField(),
    )
    ranked = (
        activations.filter(recovery_minutes__isnull=False)
        .annotate(period=period)
        .exclude(period="")
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("period")], order_by=[F("recovery_minutes").asc(), F("id").asc()]
            ),
            size=Window(Count("id"), partition_by=[F("period")]),
        )
        .filter(
            Q(position=ExpressionWrapper((F("size") + 1) / 2, output_field=IntegerField()))
            | Q(position=ExpressionWrapper((F("size") + 2) / 2, output_field=IntegerField()))
        )
        .values_list("period", "recovery_minutes")
    )
    middles: dict[str, list[int]] = {}
    for name, minutes in ranked:
        middles.setdefault(name, []).append(minutes)
    medians = {name: sum(values) / len(values) for name, values in middles.items()}

    def mean(value):
        return float(value) if value is not None else None

    return ActivationFigures(
        first_at=first_at,
        latest_at=row["latest_at"],
        total=row["total"],
        named_triggers=row["named_triggers"],
        baseline=row["baseline"],
        baseline_intensity=mean(row["baseline_intensity"]),
        this_week=row["this_week"],
        this_week_intensity=mean(row["this_week_intensity"]),
        recent=row["recent"],
        recent_intensity=mean(row["recent_intensity"]),
        previous=row["previous"],
        recent_responses=row["recent_responses"],
        recent_non_protest=row["recent_non_protest"],
        last_8_weeks=row["last_8_weeks"],
        awaiting_follow_up_id=row["awaiting_follow_up_id"],
        baseline_median_recovery=medians.get("baseline"),
        recent_median_recovery=medians.get("recent"),
        previous_median_recovery=medians.get("previous"),
    )


@dataclass(frozen=True)
class ToolFigures:
    sessions: int = 0
    helpful_tool: str | None = None  # the tool with the biggest average drop in distress, else the most used
    helpful_label: str = ""
    helpful_drop: float | None = None


def tool_figures(*, user) -> ToolFigures:
    """How often the calming tools were used and which one helped most. One GROUP BY query."""
    drop = ExpressionWrapper(F("distress_before") - F("distress_after"), output_field=IntegerField())
    rows = list(
        owned_queryset(ToolSession, user)
        .values("tool")
        .annotate(n=Count("id"), rated=Count("distress_after"), total_drop=Sum(drop))
        .order_by()
    )
    if not rows:
        return ToolFigures()
    labels = dict(Tool.choices)
    rated = [(r["total_drop"] / r["rated"], r["tool"]) for r in rows if r["rated"] >= MIN_SESSIONS_FOR_HELPFUL]
    best_drop, best = max(rated) if rated else (None, max(rows, key=lambda r: (r["n"], r["tool"]))["tool"])
    return ToolFigures(
        sessions=sum(r["n"] for r in rows),
        helpful_tool=best,
        helpful_label=labels.get(best, best),
        helpful_drop=float(best_drop) if best_drop is not None else None,
    )


# ---------------------------------------------------------------------------------------------------------
# Check-ins (the assessments app's selectors)


@dataclass(frozen=True)
class CheckInFigures:
    ecr_r: tuple[EcrCheckIn, ...] = ()
    phq_9: tuple[MoodCheckIn, ...] = ()  # the last 8 weeks only
    due: tuple = ()  # DueAssessment rows, soonest first

    @property
    def ecr_r_completed(self) -> int:
        return len(self.ecr_r)


def check_in_figures(*, user, now: datetime) -> CheckInFigures:
    """ECR-R history, recent PHQ-9s and due check-ins. Three queries: the check-ins the pathway needs and the
    two of ``due_assessments``. Reliable change on the pathway uses the published defaults only (the
    person's own assumptions are for the check-in pages), so they are not read here."""
    from earnedsecure.assessments import selectors as assessments

    ecr_r, phq_9 = assessments.pathway_check_ins(user=user, mood_since=now - MOOD_WINDOW)
    try:
        due = tuple(assessments.due_assessments(user=user, now=now))
    except (KeyError, LookupError):  # the instrument is switched off by the operator
        due = ()
    return CheckInFigures(
        ecr_r=tuple(EcrCheckIn(*row) for row in ecr_r),
        phq_9=tuple(MoodCheckIn(*row) for row in phq_9),
        due=due,
    )


# ---------------------------------------------------------------------------------------------------------
# The journey's own rows


@dataclass
class JourneyRows:
    lessons_read: dict[str, datetime] = field(default_factory=dict)
    stages_reached: dict[str, datetime] = field(default_factory=dict)
    reminders: list[Reminder] = field(default_factory=list)
    first_activation_at: datetime | None = None
    diary_version: int | None = None  # the diary's stamp (diary.DiaryStamp); None when never written


def _pending_reminders(user, now: datetime):
    """Reminders to show in the app: due, recent, not dismissed, and not already answered."""
    return (
        owned_queryset(Reminder, user)
        .filter(dismissed_at__isnull=True, due_at__lte=now, due_at__gte=now - REMINDERS_SHOWN_FOR)
        .filter(owner__reminder_preference__in_app=True)
        .exclude(kind=Reminder.Kind.CLOSE_LOOP, activation__outcome_recorded_at__isnull=False)
        .exclude(kind=Reminder.Kind.CLOSE_LOOP, activation__isnull=True)
    )


def journey_rows(*, user, now: datetime) -> JourneyRows:
    """Lessons read, stages reached, pending in-app reminders and the first diary entry's time: one UNION ALL.

    They are small, unrelated reads that every journey page needs; one round trip instead of four keeps the
    home page within its query budget."""
    # A typed NULL: PostgreSQL resolves two bare NULLs in a UNION as text, which then clashes with the ids.
    null_int = Cast(Value(None), output_field=IntegerField())
    columns = ("source", "name", "at", "ref", "ref2")
    lessons = (
        owned_queryset(LessonProgress, user)
        .annotate(source=Value("lesson"), name=F("lesson_slug"), at=F("read_at"), ref=null_int, ref2=null_int)
        .values_list(*columns)
        .order_by()
    )
    stages = (
        owned_queryset(PathwayStageReached, user)
        .annotate(source=Value("stage"), name=F("stage"), at=F("reached_at"), ref=null_int, ref2=null_int)
        .values_list(*columns)
        .order_by()
    )
    reminders = (
        _pending_reminders(user, now)
        .annotate(source=Value("reminder"), name=F("kind"), at=F("due_at"), ref=F("id"), ref2=F("activation_id"))
        .values_list(*columns)
        .order_by()
    )
    first = (
        owned_queryset(Activation, user)
        .order_by()
        .values("owner")
        .annotate(source=Value("first"), name=Value(""), at=Min("occurred_at"), ref=null_int, ref2=null_int)
        .values_list(*columns)
    )
    stamp = (
        DiaryStamp.objects.filter(owner_id=user.pk)
        .annotate(source=Value("stamp"), name=Value(""), at=F("changed_at"), ref=F("version"), ref2=null_int)
        .values_list(*columns)
        .order_by()
    )
    rows = JourneyRows()
    for source, name, at, ref, ref2 in lessons.union(stages, reminders, first, stamp, all=True):
        if source == "first":
            rows.first_activation_at = at
        elif source == "stamp":
            rows.diary_version = ref
        elif source == "lesson":
            rows.lessons_read[name] = at
        elif source == "stage":
            rows.stages_reached[name] = at
        else:
            rows.reminders.append(Reminder(id=ref, owner_id=user.pk, kind=name, due_at=at, activation_id=ref2))
    rows.reminders.sort(key=lambda reminder: reminder.due_at, reverse=True)
    return rows


def lessons_read(*, user) -> dict[str, datetime]:
    return dict(owned_queryset(LessonProgress, user).values_list("lesson_slug", "read_at"))


def stages_reached(*, user) -> dict[str, datetime]:
    return dict(owned_queryset(PathwayStageReached, user).values_list("stage", "reached_at"))


def pending_reminders(*, user, now: datetime) -> list[Reminder]:
    return list(_pending_reminders(user, now).order_by("-due_at"))


def reminder_preference(*, user) -> ReminderPreference:
    """The person's reminder settings, or the defaults (unsaved) when they never chose."""
    return owned_queryset(ReminderPreference, user).first() or ReminderPreference(owner=user)


# ---------------------------------------------------------------------------------------------------------
# The pathway


def pathway_summary(*, activations: ActivationFigures, tools: ToolFigures, check_ins: CheckInFigures) -> PathwaySummary:
    weeks = WINDOW.days / 7
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
        tool_sessions=tools.sessions,
        baseline_per_week=activations.baseline / weeks if activations.total else None,
        recent_per_week=activations.recent / weeks if activations.total else None,
        previous_per_week=activations.previous / weeks if activations.total else None,
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
    tools: ToolFigures
    check_ins: CheckInFigures


FIGURES_FRESH_FOR = 300  # seconds: the windows move with the clock, so cached figures age out this fast


def _diary_figures(*, user, now: datetime, first_at, diary_version):
    """Activation and tool figures, cached under the diary's stamp when the caller has it.

    Any diary write bumps the stamp, so a new entry shows at once; without writes the figures are
    recomputed every FIGURES_FRESH_FOR seconds because their four-week windows move with the clock. No stamp
    yet counts as version 0: the first save or delete through the ORM creates it at version 1.
    """
    if diary_version is _UNKNOWN:
        from earnedsecure.diary.selectors import diary_version as read_diary_version

        diary_version = read_diary_version(user=user)
    key = f"journey-figures:{user.pk}:{diary_version or 0}:{int(now.timestamp()) // FIGURES_FRESH_FOR}"
    figures = cache.get(key)
    if figures is None:
        figures = (activation_figures(user=user, now=now, first_at=first_at), tool_figures(user=user))
        cache.set(key, figures, timeout=FIGURES_FRESH_FOR)
    return figures


def pathway_view(
    *,
    user,
    now: datetime,
    reached_at: dict[str, datetime] | None = None,
    first_at=_UNKNOWN,
    diary_version=_UNKNOWN,
) -> PathwayView:
    """The pathway as the person sees it: stages in order, those below the top kept once reached, the top one
    measured afresh (``domain.progress.pathway``)."""
    activations, tools = _diary_figures(user=user, now=now, first_at=first_at, diary_version=diary_version)
    check_ins = check_in_figures(user=user, now=now)
    if reached_at is None:
        reached_at = stages_reached(user=user)
    pathway = assess_pathway(
        pathway_summary(activations=activations, tools=tools, check_ins=check_ins), now=now, reached=reached_at
    )
    return PathwayView(
        pathway=pathway, reached_at=reached_at, activations=activations, tools=tools, check_ins=check_ins
    )


# ---------------------------------------------------------------------------------------------------------
# Lessons and programs


@dataclass(frozen=True)
class LessonRow:
    lesson: Lesson
    read_at: datetime | None


def course(*, read: dict[str, datetime]) -> list[LessonRow]:
    return [LessonRow(lesson, read.get(lesson.slug)) for lesson in load_lessons()]


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
class HomeView:
    pathway: PathwayView
    comparisons: tuple[Comparison, ...]
    early: bool  # still inside the first four weeks: these weeks are becoming the starting point
    next_step: NextStep
    next_check_in: object | None  # DueAssessment or a ScheduleRow-like object
    reminders: list[Reminder]
    lessons_read: int
    lessons_total: int


def _per_week(count: int, weeks: float) -> str:
    value = count / weeks if weeks else 0
    return f"{value:.0f} a week" if value >= 10 else f"{value:.1f} a week"


def _intensity(value: float | None) -> str:
    return "no entries" if value is None else f"{value:.1f} out of 10"


def comparisons(*, activations: ActivationFigures, now: datetime) -> tuple[tuple[Comparison, ...], bool]:
    """This week against the first four weeks: activations, intensity, time to calm down."""
    if not activations.total or activations.first_at is None:
        return (), False
    weeks_so_far = (now - activations.first_at).total_seconds() / (7 * 24 * 3600)
    early = weeks_so_far < WINDOW.days / 7
    baseline_weeks = max(1.0, min(WINDOW.days / 7, weeks_so_far))
    start_rate = activations.baseline / baseline_weeks
    rows = [
        Comparison(
            "Activations",
            _per_week(activations.baseline, baseline_weeks),
            f"{activations.this_week} so far this week",
            None if early else activations.this_week <= start_rate,
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
            "Time to calm down (median, last 4 weeks)",
            duration_in_words(activations.baseline_median_recovery),
            duration_in_words(activations.recent_median_recovery),
            None
            if early or activations.recent_median_recovery is None or activations.baseline_median_recovery is None
            else activations.recent_median_recovery <= activations.baseline_median_recovery,
        ),
    ]
    return tuple(rows), early


def suggest_next_step(
    *,
    activations: ActivationFigures,
    check_ins: CheckInFigures,
    read: dict[str, datetime],
    tools: ToolFigures,
) -> NextStep:
    """One suggestion, in this order: close an open loop, an overdue check-in, the next lesson, a helpful tool."""
    if activations.awaiting_follow_up_id:
        return NextStep(
            "What actually happened?",
            "Some time has passed since a recent entry. A line about how it turned out helps you see the pattern.",
            f"/diary/{activations.awaiting_follow_up_id}/follow-up/",
            "Add how it turned out",
        )
    overdue = next((due for due in check_ins.due if due.overdue), None)
    if overdue is not None:
        return NextStep(
            "A check-in is ready",
            f"The {overdue.name} takes a few minutes and shows how things are changing.",
            f"/check-ins/{overdue.slug}/",
            f"Take the {overdue.name}",
        )
    lesson = next_unread_lesson(read=read)
    if lesson is not None:
        return NextStep(
            f"Read: {lesson.title}",
            f"{lesson.summary} About {lesson.minutes} minutes.",
            f"/learn/{lesson.slug}/",
            "Read the lesson",
        )
    if tools.helpful_tool:
        return NextStep(
            f"Practise {tools.helpful_label}",
            "It has helped you before. Practising while calm makes it easier to reach for when you need it.",
            tool_url(TOOLS.get(tools.helpful_tool)),
            f"Open {tools.helpful_label}",
        )
    return NextStep(
        "Try a calming tool",
        "A few minutes of slow breathing, practised while calm, is ready for the moments that are not.",
        *practice_button("breathing-478"),
    )


def home_view(*, user, now: datetime) -> HomeView:
    """Everything the home page shows. Seven queries whatever the length of the history (see the module doc)."""
    rows = journey_rows(user=user, now=now)
    view = pathway_view(
        user=user,
        now=now,
        reached_at=rows.stages_reached,
        first_at=rows.first_activation_at,
        diary_version=rows.diary_version,
    )
    found, early = comparisons(activations=view.activations, now=now)
    next_check_in = view.check_ins.due[0] if view.check_ins.due else None
    # The next step already asks about the latest open entry; do not ask twice on one screen.
    reminders = [
        reminder
        for reminder in rows.reminders
        if not (
            reminder.kind == Reminder.Kind.CLOSE_LOOP
            and reminder.activation_id == view.activations.awaiting_follow_up_id
        )
    ]
    return HomeView(
        pathway=view,
        comparisons=found,
        early=early,
        next_step=suggest_next_step(
            activations=view.activations, check_ins=view.check_ins, read=rows.lessons_read, tools=view.tools
        ),
        next_check_in=next_check_in,
        reminders=reminders,
        lessons_read=len(rows.lessons_read),
        lessons_total=len(load_lessons()),
    )
