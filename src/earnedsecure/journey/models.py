"""The course, the programs, the pathway and reminders: what a person has read, where they are, what is due.

Lessons and programs themselves are Markdown files (``earnedsecure.content``); rows here only name them by
slug. A stage on the pathway, once reached, is recorded and never taken back (the mission report: "Regression
doesn't mean failure - it's normal and expected"), except the top stage: its row only remembers when it was
first met; whether it shows is measured afresh on every view (``domain.progress.pathway``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q


class LessonProgress(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson_slug = models.CharField(max_length=80)
    read_at = models.DateTimeField()

    class Meta:
        ordering = ["read_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "lesson_slug"], name="lesson_read_once")]
        verbose_name_plural = "lesson progress"

    def __str__(self):
        return f"{self.lesson_slug} read"


class ProgramEnrolment(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_enrolments")
    program_slug = models.CharField(max_length=80)
    started_at = models.DateTimeField()
    paused_at = models.DateTimeField(null=True, blank=True)
    # Time spent paused before the current pause; "this week" counts only the time the person was taking part.
    paused_total = models.DurationField(default=timedelta)

    class Meta:
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "program_slug"], name="program_enrol_once")]

    def __str__(self):
        return f"{self.program_slug} since {self.started_at:%Y-%m-%d}"


class PathwayStageReached(models.Model):
    class Stage(models.TextChoices):
        AWARENESS = "awareness", "Noticing the pattern"
        EXPERIMENTING = "experimenting", "Trying new responses"
        AUTOMATIC = "automatic", "New habits taking hold"
        SECURE = "secure", "Steadier most of the time"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stages_reached")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    reached_at = models.DateTimeField()

    class Meta:
        ordering = ["reached_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "stage"], name="stage_reached_once")]

    def __str__(self):
        return f"{self.stage} reached {self.reached_at:%Y-%m-%d}"


class ReminderPreference(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Once a week"
        NONE = "none", "Never"

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=False)
    review_day = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.SUNDAY)
    # Local hour from which the day's reminders are due (people choose when they hear from the app).
    hour = models.PositiveSmallIntegerField(default=18)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(review_day__lte=6), name="reminder_review_day_0_6"),
            models.CheckConstraint(condition=Q(hour__lte=23), name="reminder_hour_0_23"),
        ]

    def __str__(self):
        return f"reminders {self.frequency}"


class Reminder(models.Model):
    class Kind(models.TextChoices):
        CHECK_IN = "check_in", "A moment to check in"
        ASSESSMENT_DUE = "assessment_due", "A questionnaire is due"
        CLOSE_LOOP = "close_loop", "What actually happened?"
        WEEKLY_REVIEW = "weekly_review", "Your week, looking back"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # What makes a reminder unique for its owner, e.g. "close_loop:42" or "check_in:2026-06-01": the
    # scheduler can run as often as it likes and never creates the same reminder twice.
    key = models.CharField(max_length=80)
    due_at = models.DateTimeField()
    activation = models.ForeignKey(
        "diary.Activation", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    instrument = models.CharField(max_length=32, blank=True, default="")
    sent_email_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_at"]
        indexes = [models.Index(fields=["owner", "dismissed_at", "due_at"], name="reminder_owner_pending")]
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="reminder_once_per_key")]

    def __str__(self):
        return f"{self.kind} due {self.due_at:%Y-%m-%d %H:%M}"
