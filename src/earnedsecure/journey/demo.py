"""The demo person's learning and path: lessons read a few at a time over the months, the ten-week CBT
program done, the self-compassion program under way (week 4), weekly in-app reminders with a couple
waiting, and the stages reached recorded on dates that fit the diary and check-in history seeded before.
"""

from datetime import datetime, timedelta

from earnedsecure.assessments.selectors import score_series
from earnedsecure.content.loader import load_lessons
from earnedsecure.diary.selectors import latest_awaiting_follow_up, nth_activation_at, nth_tool_session_at
from earnedsecure.domain.cycle import FOLLOW_UP
from earnedsecure.domain.progress.pathway import NAMED_TRIGGERS_NEEDED, STAGE_ORDER, TOOL_SESSIONS_NEEDED, Stage
from earnedsecure.journey import selectors
from earnedsecure.journey.models import (
    LessonProgress,
    PathwayStageReached,
    ProgramEnrolment,
    Reminder,
    ReminderPreference,
)

LESSONS_READ = 10


def _first_ecr_r(user) -> datetime | None:
    series = score_series(user=user, instrument="ecr-r", subscale="anxiety")
    return series[0][0] if series else None


def _reached_dates(user, stages, *, start: datetime, now: datetime) -> dict[Stage, datetime]:
    """When each stage was plausibly first reached, from the seeded history; never later than now, in order."""
    estimates = {
        Stage.AWARENESS: max(
            filter(None, [nth_activation_at(user=user, n=NAMED_TRIGGERS_NEEDED), _first_ecr_r(user), start])
        ),
        Stage.EXPERIMENTING: max(
            filter(None, [nth_tool_session_at(user=user, n=TOOL_SESSIONS_NEEDED), start + timedelta(weeks=10)])
        ),
        Stage.AUTOMATIC: max(start + timedelta(weeks=16), now - timedelta(days=12)),
        Stage.SECURE: now - timedelta(days=2),
    }
    dates: dict[Stage, datetime] = {}
    floor = start
    for stage in STAGE_ORDER:
        if stage in stages:
            floor = min(now, max(floor, estimates[stage]))
            dates[stage] = floor
    return dates


def seed(*, user, months, rng, now):
    start = now - timedelta(days=months * 30)
    span = now - start

    # Lessons: in course order, a couple a fortnight at first, slower later.
    lessons = load_lessons()[:LESSONS_READ]
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(
                owner=user,
                lesson_slug=lesson.slug,
                read_at=start
                + span * (0.85 * ((index + 1) / LESSONS_READ) ** 1.6)
                + timedelta(hours=rng.randint(18, 22)),
            )
            for index, lesson in enumerate(lessons)
        ]
    )

    # Programs: ten weeks of CBT done in the early months; self-compassion started three weeks ago.
    cbt_start = max(start + timedelta(days=5), now - timedelta(days=150))
    ProgramEnrolment.objects.bulk_create(
        [
            ProgramEnrolment(owner=user, program_slug="cbt-10-week", started_at=cbt_start),
            ProgramEnrolment(owner=user, program_slug="self-compassion-6-week", started_at=now - timedelta(days=22)),
        ]
    )

    preference = ReminderPreference.objects.create(
        owner=user, frequency=ReminderPreference.Frequency.WEEKLY, in_app=True, email=False, review_day=6, hour=18
    )

    # The stages reached, measured from the diary and check-ins seeded before this seeder runs.
    view = selectors.pathway_view(user=user, now=now, reached_at={})
    dates = _reached_dates(user, set(view.pathway.newly_reached), start=start, now=now)
    PathwayStageReached.objects.bulk_create(
        [PathwayStageReached(owner=user, stage=stage.value, reached_at=when) for stage, when in dates.items()]
    )

    # Waiting in the app: "what actually happened?" about the latest open entry, and last week's look back.
    reminders = []
    open_entry = latest_awaiting_follow_up(user=user, now=now, since=now - timedelta(days=10))
    if open_entry:
        reminders.append(
            Reminder(
                owner=user,
                kind=Reminder.Kind.CLOSE_LOOP,
                key=f"close_loop:{open_entry[0]}",
                due_at=open_entry[1] + FOLLOW_UP.opens_after,
                activation_id=open_entry[0],
            )
        )
    local = now.astimezone(user.zone)
    days_back = (local.weekday() - preference.review_day) % 7 or 7
    review = (local - timedelta(days=days_back)).replace(hour=preference.hour, minute=0, second=0, microsecond=0)
    year, week, _ = review.date().isocalendar()
    reminders.append(
        Reminder(owner=user, kind=Reminder.Kind.WEEKLY_REVIEW, key=f"weekly_review:{year}-W{week}", due_at=review)
    )
    Reminder.objects.bulk_create(reminders)
