"""Writes for the course, programs, pathway and reminders. Every write is here; views only call these."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from earnedsecure.assessments.selectors import due_assessments
from earnedsecure.content.loader import get_lesson, get_program
from earnedsecure.core.access import owned_queryset
from earnedsecure.diary.selectors import latest_awaiting_follow_up
from earnedsecure.domain.cycle import FOLLOW_UP
from earnedsecure.domain.progress.pathway import Stage
from earnedsecure.journey.models import (
    LessonProgress,
    PathwayStageReached,
    ProgramEnrolment,
    Reminder,
    ReminderPreference,
)

logger = logging.getLogger(__name__)

# Close-the-loop reminders are only made for recent entries, and at most this many a day: a gentle nudge.
CLOSE_LOOP_LOOKBACK = timedelta(days=2)
CLOSE_LOOP_PER_DAY = 1


# ---------------------------------------------------------------------------------------------------------
# Lessons and programs


def lesson_mark_read(*, user, slug: str, now: datetime | None = None) -> LessonProgress:
    get_lesson(slug)  # KeyError for an unknown lesson
    progress, _ = LessonProgress.objects.get_or_create(
        owner=user, lesson_slug=slug, defaults={"read_at": now or timezone.now()}
    )
    return progress


def lesson_mark_unread(*, user, slug: str) -> None:
    owned_queryset(LessonProgress, user).filter(lesson_slug=slug).delete()


@transaction.atomic
def program_enrol(*, user, slug: str, now: datetime | None = None) -> ProgramEnrolment:
    """Start a program (again from week 1 if the person had finished or left it)."""
    get_program(slug)
    now = now or timezone.now()
    enrolment, _ = ProgramEnrolment.objects.update_or_create(
        owner=user,
        program_slug=slug,
        defaults={"started_at": now, "paused_at": None, "paused_total": timedelta(0)},
    )
    return enrolment


@transaction.atomic
def program_pause(*, enrolment: ProgramEnrolment, now: datetime | None = None) -> ProgramEnrolment:
    if enrolment.paused_at is None:
        enrolment.paused_at = now or timezone.now()
        enrolment.save(update_fields=["paused_at"])
    return enrolment


@transaction.atomic
def program_resume(*, enrolment: ProgramEnrolment, now: datetime | None = None) -> ProgramEnrolment:
    if enrolment.paused_at is not None:
        now = now or timezone.now()
        enrolment.paused_total += max(timedelta(0), now - enrolment.paused_at)
        enrolment.paused_at = None
        enrolment.save(update_fields=["paused_at", "paused_total"])
    return enrolment


def program_leave(*, enrolment: ProgramEnrolment) -> None:
    enrolment.delete()


# ---------------------------------------------------------------------------------------------------------
# Pathway


def pathway_record_reached(*, user, stages, now: datetime | None = None) -> None:
    """Remember stages once reached, so the displayed stage never goes down. Idempotent."""
    if not stages:
        return
    now = now or timezone.now()
    PathwayStageReached.objects.bulk_create(
        [PathwayStageReached(owner=user, stage=Stage(stage).value, reached_at=now) for stage in stages],
        ignore_conflicts=True,
    )


def pathways_scan(*, now: datetime | None = None) -> int:
    """Write down the stages each person has newly reached; the worker runs it with the reminder scan.

    Pages only read: they show a stage met for the first time as reached now, and this scan records it (at
    most ``worker.DEFAULT_SCAN_EVERY`` later), so from then on it stays reached even if the criteria lapse.
    Nothing is recorded for someone who withdrew consent. Returns how many stages were recorded.
    """
    from django.contrib.auth import get_user_model

    from earnedsecure.accounts.services import has_core_consent
    from earnedsecure.journey.selectors import pathway_view

    now = now or timezone.now()
    recorded = 0
    for user in get_user_model().objects.filter(is_active=True).iterator():
        if not has_core_consent(user):
            continue
        newly = pathway_view(user=user, now=now).pathway.newly_reached
        pathway_record_reached(user=user, stages=newly, now=now)
        recorded += len(newly)
    return recorded


# ---------------------------------------------------------------------------------------------------------
# Reminders


def reminder_preference_save(*, user, frequency: str, in_app: bool, email: bool, review_day: int, hour: int):
    preference, _ = ReminderPreference.objects.update_or_create(
        owner=user,
        defaults={"frequency": frequency, "in_app": in_app, "email": email, "review_day": review_day, "hour": hour},
    )
    return preference


def reminder_dismiss(*, reminder: Reminder, now: datetime | None = None) -> None:
    if reminder.dismissed_at is None:
        reminder.dismissed_at = now or timezone.now()
        reminder.save(update_fields=["dismissed_at"])


def _create(user, *, kind: str, key: str, due_at: datetime, **extra) -> Reminder | None:
    """Create one reminder unless its key exists already (the unique constraint makes this race-free)."""
    if Reminder.objects.filter(owner=user, key=key).exists():
        return None
    try:
        with transaction.atomic():
            return Reminder.objects.create(owner=user, kind=kind, key=key, due_at=due_at, **extra)
    except IntegrityError:
        return None


def reminders_scan_person(*, user, preference: ReminderPreference, now: datetime) -> list[Reminder]:
    """Create the reminders due for one person now; return the new ones. Safe to run any number of times.

    1. Nothing at all when the person chose "never", or turned both in-app and email off.
    2. Before their chosen hour (in their own time zone) nothing for today is due yet.
    3. Weekly review on their chosen day; a daily check-in on the other days when they chose daily.
    4. The soonest questionnaire due, once per due date (and reminders put away once it was taken).
    5. "What actually happened?" for a recent entry not yet followed up, at most one a day.
    """
    if preference.frequency == ReminderPreference.Frequency.NONE or not (preference.in_app or preference.email):
        return []
    zone = user.zone
    local = now.astimezone(zone)
    if local.hour < preference.hour:
        return []
    today = local.date()
    due_at = datetime(today.year, today.month, today.day, preference.hour, tzinfo=zone)
    created: list[Reminder | None] = []

    if local.weekday() == preference.review_day:
        year, week, _ = today.isocalendar()
        created.append(
            _create(user, kind=Reminder.Kind.WEEKLY_REVIEW, key=f"weekly_review:{year}-W{week}", due_at=due_at)
        )
    elif preference.frequency == ReminderPreference.Frequency.DAILY:
        created.append(_create(user, kind=Reminder.Kind.CHECK_IN, key=f"check_in:{today.isoformat()}", due_at=due_at))

    due = due_assessments(user=user, now=now)
    due_slugs = {item.slug for item in due}
    # One questionnaire at a time (the soonest due): four at once would feel like homework.
    for item in due[:1]:
        created.append(
            _create(
                user,
                kind=Reminder.Kind.ASSESSMENT_DUE,
                key=f"assessment_due:{item.slug}:{item.due_at.date().isoformat()}",
                due_at=item.due_at,
                instrument=item.slug,
            )
        )
    # A questionnaire taken since its reminder was made: put the reminder away.
    owned_queryset(Reminder, user).filter(kind=Reminder.Kind.ASSESSMENT_DUE, dismissed_at__isnull=True).exclude(
        instrument__in=due_slugs
    ).update(dismissed_at=now)

    already_today = (
        owned_queryset(Reminder, user)
        .filter(kind=Reminder.Kind.CLOSE_LOOP, created_at__gte=now - timedelta(days=1))
        .count()
    )
    if already_today < CLOSE_LOOP_PER_DAY:
        asked = owned_queryset(Reminder, user).filter(kind=Reminder.Kind.CLOSE_LOOP, activation__isnull=False)
        waiting = latest_awaiting_follow_up(
            user=user, now=now, since=now - CLOSE_LOOP_LOOKBACK, excluding=asked.values("activation_id")
        )
        if waiting:
            activation_id, occurred_at = waiting
            created.append(
                _create(
                    user,
                    kind=Reminder.Kind.CLOSE_LOOP,
                    key=f"close_loop:{activation_id}",
                    due_at=max(occurred_at + FOLLOW_UP.opens_after, due_at if due_at <= now else now),
                    activation_id=activation_id,
                )
            )
    return [reminder for reminder in created if reminder is not None]


EMAIL_ORDER = [
    Reminder.Kind.CLOSE_LOOP,
    Reminder.Kind.WEEKLY_REVIEW,
    Reminder.Kind.CHECK_IN,
    Reminder.Kind.ASSESSMENT_DUE,
]
EMAIL_AT_MOST_EVERY = timedelta(hours=20)


def _emailed_lately(user, now: datetime) -> bool:
    return owned_queryset(Reminder, user).filter(sent_email_at__gte=now - EMAIL_AT_MOST_EVERY).exists()


def reminders_scan(*, now: datetime | None = None) -> int:
    """Create due reminders for everyone who wants them and queue the emails. Returns how many were made."""
    from earnedsecure.accounts.services import has_core_consent
    from earnedsecure.journey.tasks import send_reminder_email

    now = now or timezone.now()
    made = 0
    preferences = (
        ReminderPreference.objects.exclude(frequency=ReminderPreference.Frequency.NONE)
        .filter(owner__is_active=True)
        .select_related("owner")
    )
    for preference in preferences.iterator():
        if not has_core_consent(preference.owner):
            continue  # consent withdrawn: the notebook is closed, so nothing is made from it or sent
        new = reminders_scan_person(user=preference.owner, preference=preference, now=now)
        made += len(new)
        if new and preference.email and preference.owner.email and not _emailed_lately(preference.owner, now):
            # One email at most a day, however many reminders: it only says that something is waiting.
            # The queue is a table in the same database: the task row commits or rolls back with the
            # reminders, so enqueuing directly is as safe as on_commit and also works inside tests.
            first = min(new, key=lambda reminder: EMAIL_ORDER.index(reminder.kind))
            send_reminder_email.enqueue(first.pk)
    return made


# Email: a discreet subject and body. Anyone glancing at an inbox or a lock screen must learn nothing.
EMAIL_LINES = {
    Reminder.Kind.CHECK_IN: "A quiet moment for your notebook today, if you would like one.",
    Reminder.Kind.WEEKLY_REVIEW: "Your weekly look back is ready whenever you are.",
    Reminder.Kind.CLOSE_LOOP: "There is an earlier note you might like to finish.",
    Reminder.Kind.ASSESSMENT_DUE: "A short set of questions is ready whenever you are.",
}


def reminder_email(reminder: Reminder) -> tuple[str, str]:
    """(subject, body) for one reminder, with nothing personal or sensitive in either."""
    site = settings.SITE_URL.rstrip("/")
    subject = f"{settings.NEUTRAL_NAME}: a gentle reminder"
    body = (
        "Hello,\n\n"
        f"{EMAIL_LINES.get(reminder.kind, 'Something is waiting for you.')}\n\n"
        f"Open it here: {site}/home/\n\n"
        f"You can change how often you hear from us, or stop these emails, here: {site}/account/reminders/\n"
    )
    return subject, body


def reminder_send_email(*, reminder_id: int, now: datetime | None = None) -> bool:
    """Send the email for one reminder, once. False when there is nothing to send (already sent, dismissed,
    the person turned email off or withdrew consent since it was queued).

    The reminder is claimed under a row lock and marked sent in a short transaction; the mail goes out after
    it commits (``on_commit``), so a slow mail server never holds the lock or the database. If sending fails,
    the mark is taken back, so the reminder can be sent again and is never marked sent without a mail.
    """
    from earnedsecure.accounts.services import has_core_consent

    now = now or timezone.now()
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .select_related("owner")
            .filter(pk=reminder_id, sent_email_at__isnull=True, dismissed_at__isnull=True)
            .first()
        )
        if reminder is None or not reminder.owner.email or not reminder.owner.is_active:
            return False
        preference = owned_queryset(ReminderPreference, reminder.owner).first()
        if preference is None or not preference.email or preference.frequency == ReminderPreference.Frequency.NONE:
            return False
        if _emailed_lately(reminder.owner, now) or not has_core_consent(reminder.owner):
            return False
        reminder.sent_email_at = now
        reminder.save(update_fields=["sent_email_at"])
        subject, body = reminder_email(reminder)
        address = reminder.owner.email

        def send() -> None:
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            except Exception:
                Reminder.objects.filter(pk=reminder_id, sent_email_at=now).update(sent_email_at=None)
                raise

        transaction.on_commit(send)
    return True
