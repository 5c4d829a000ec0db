"""A person's answers to validated instruments, their check-in schedule and their reliable-change assumptions.

The instrument definitions themselves (items, keying, scoring) live in the framework-free
``earnedsecure.domain.instruments`` package; a row here only names an instrument by slug and version.
Scores are denormalised into columns so that trajectories aggregate in SQL; the answers stay beside them so
every score can be recomputed and exported. Only ``services.response_complete`` and
``services.response_submit`` ever write a complete row, and only from a full, validated set of answers.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from earnedsecure.core.fields import EncryptedJSONField, EncryptedTextField


class InstrumentResponse(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    class Source(models.TextChoices):
        WEB = "web", "Taken in the app"
        API = "api", "Sent through the API"
        FHIR_IMPORT = "fhir_import", "Imported from FHIR"
        DEMO = "demo", "Demo history"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instrument_responses")
    instrument = models.CharField(max_length=32)
    instrument_version = models.CharField(max_length=16)
    # {stable item id: answer}. Partial while in progress (validated page by page), complete once scored.
    # Encrypted: the answers (PHQ-9 item 9 among them) could identify risk.
    answers = EncryptedJSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IN_PROGRESS)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.WEB)
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    # Denormalised scores, set together with status=complete and never otherwise.
    anxiety = models.FloatField(null=True, blank=True)
    avoidance = models.FloatField(null=True, blank=True)
    total = models.SmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=32, blank=True, default="")
    # PHQ-9 item 9 on its own (0-3) and its flag (item 9 above 0), set together by services.response_complete.
    # Encrypted, like the answers: a query cannot find who answered item 9 above 0, only the person's own pages.
    item9 = EncryptedJSONField(null=True, blank=True)
    safety_alert = EncryptedJSONField(default=False)

    class Meta:
        ordering = ["-completed_at", "-started_at"]
        indexes = [
            models.Index(fields=["owner", "instrument", "status", "completed_at"], name="response_owner_series"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(anxiety__isnull=True) | Q(anxiety__gte=1, anxiety__lte=7), name="response_anxiety_1_7"
            ),
            models.CheckConstraint(
                condition=Q(avoidance__isnull=True) | Q(avoidance__gte=1, avoidance__lte=7),
                name="response_avoidance_1_7",
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=27), name="response_total_0_27"
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress", completed_at__isnull=True)
                | Q(status="complete", completed_at__isnull=False),
                name="response_completed_at_iff_complete",
            ),
            # Nothing half-scored: an in-progress row has no score, a complete one has one.
            models.CheckConstraint(
                condition=Q(status="in_progress", anxiety__isnull=True, avoidance__isnull=True, total__isnull=True)
                | Q(status="complete", anxiety__isnull=False, avoidance__isnull=False)
                | Q(status="complete", total__isnull=False),
                name="response_scored_iff_complete",
            ),
            models.UniqueConstraint(
                fields=["owner", "instrument"],
                condition=Q(status="in_progress"),
                name="response_one_in_progress",
            ),
        ]

    def __str__(self):
        return f"{self.instrument} response {self.pk} ({self.status})"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE


class Schedule(models.Model):
    """How often a person wants to be reminded of one instrument; 0 days means "not scheduled"."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_in_schedules")
    instrument = models.CharField(max_length=32)
    every_days = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "instrument"], name="schedule_one_per_instrument"),
            models.CheckConstraint(condition=Q(every_days__lte=366), name="schedule_at_most_a_year"),
        ]

    def __str__(self):
        return f"{self.instrument} every {self.every_days} days"


class ChangeAssumption(models.Model):
    """A person's own SD and reliability for the reliable-change index of one ECR instrument."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="change_assumptions")
    instrument = models.CharField(max_length=32)
    sd = models.FloatField()
    reliability = models.FloatField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "instrument"], name="assumption_one_per_instrument"),
            models.CheckConstraint(condition=Q(sd__gt=0, sd__lte=6), name="assumption_sd_positive"),
            models.CheckConstraint(condition=Q(reliability__gte=0, reliability__lt=1), name="assumption_r_0_1"),
        ]

    def __str__(self):
        return f"{self.instrument}: SD {self.sd}, r {self.reliability}"


class SafetyFlag(models.Model):
    """PHQ-9 item 9 answered above 0, raised the moment the answer is saved (pause, back, finish or the API).

    One per response. ``answer`` is the highest item-9 answer given in that response: a later, lower answer
    never hides an earlier one. The row outlives a discarded response (``response`` becomes NULL) so that
    the gentle card on the home page stays for its 14 days; export and account deletion include it.
    ``follow_up`` holds the person's answers to the two optional questions about acting on the thoughts,
    encrypted, as JSON ({"acting": "yes"|"no", "how_or_when": "yes"|"no"}); empty until answered.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_flags")
    response = models.OneToOneField(
        InstrumentResponse, null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_flag"
    )
    answer = EncryptedJSONField()  # 1-3, set by services from a validated PHQ-9 answer; encrypted (risk)
    raised_at = models.DateTimeField()
    follow_up = EncryptedTextField(blank=True, default="")
    follow_up_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["owner", "raised_at"], name="safety_flag_owner_time")]

    def __str__(self):
        return f"Item-9 flag {self.pk} ({self.answer})"

    @property
    def answer_label(self) -> str:
        """The answer in the questionnaire's own words ("Several days", ...)."""
        from earnedsecure.domain.instruments import get_instrument

        return next((o.label for o in get_instrument("phq-9").options if o.value == self.answer), str(self.answer))
