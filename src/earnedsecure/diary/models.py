"""The activation diary, self-soothing tool sessions and savouring entries.

The vocabulary is the mission report's: the four triggers of the hyperactivating cycle (partner
unavailable, a perceived threat, a need not met, uncertainty), the six protest behaviours, and recovery
time ("from days to hours to minutes"). Free text uses the encrypted field.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from earnedsecure.core.fields import EncryptedTextField


class Trigger(models.TextChoices):
    UNAVAILABLE = "unavailable", "They seemed unavailable or distant"
    THREAT = "threat", "Something felt like a threat to us"
    NEED_UNMET = "need_unmet", "I reached out and it wasn't met"
    UNCERTAINTY = "uncertainty", "Not knowing where I stand"
    OTHER = "other", "Something else"


class Protest(models.TextChoices):
    """Protest behaviours; the keys match the message coach's (domain/language)."""

    TESTING = "testing", "Testing them or picking a fight"
    THREATS = "threats", "Threatening to leave"
    EXCESSIVE_CONTACT = "excessive_contact", "Calling or texting again and again"
    JEALOUSY_INDUCTION = "jealousy_induction", "Trying to make them jealous"
    WITHDRAWAL = "withdrawal", "Going cold or withholding affection"
    EXAGGERATED_EMOTION = "exaggerated_emotion", "Showing more distress than I felt, to be comforted"


class Response(models.TextChoices):
    """What the person actually did."""

    PROTEST = "protest", "A protest behaviour"
    DIRECT = "direct", "Said what I felt and needed, directly"
    SOOTHING = "soothing", "Used a self-soothing tool"
    WAITED = "waited", "Waited until the urge passed"
    OTHER = "other", "Something else"


class ProtestResult(models.TextChoices):
    WORKED = "worked", "It got me the reassurance I wanted"
    BACKFIRED = "backfired", "It backfired"
    MIXED = "mixed", "Some of both"


class Activation(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activations")
    occurred_at = models.DateTimeField()
    trigger = models.CharField(max_length=16, choices=Trigger.choices)
    trigger_note = EncryptedTextField(blank=True, default="")
    intensity = models.PositiveSmallIntegerField(help_text="0 (calm) to 10 (the most intense)")
    body_sensations = EncryptedTextField(blank=True, default="")
    thought = EncryptedTextField(blank=True, default="")
    urges = models.JSONField(default=list, blank=True, help_text="Protest keys the person felt the urge to do")
    response = models.CharField(max_length=16, choices=Response.choices, blank=True, default="")
    response_note = EncryptedTextField(blank=True, default="")
    protest_result = models.CharField(max_length=16, choices=ProtestResult.choices, blank=True, default="")
    outcome = EncryptedTextField(blank=True, default="", help_text="What actually happened, written later")
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    calm_at = models.DateTimeField(null=True, blank=True)
    # calm_at - occurred_at, kept as a column so medians and trends aggregate in SQL on SQLite and PostgreSQL.
    recovery_minutes = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["owner", "occurred_at"], name="activation_owner_time")]
        constraints = [
            models.CheckConstraint(condition=Q(intensity__lte=10), name="activation_intensity_0_10"),
            models.CheckConstraint(
                condition=Q(calm_at__isnull=True) | Q(calm_at__gte=models.F("occurred_at")),
                name="activation_calm_after_start",
            ),
        ]

    def __str__(self):
        return f"Activation {self.pk} ({self.trigger}, {self.intensity}/10)"

    def save(self, *args, **kwargs):
        if self.calm_at and self.occurred_at:
            self.recovery_minutes = max(0, int((self.calm_at - self.occurred_at).total_seconds() // 60))
        else:
            self.recovery_minutes = None
        super().save(*args, **kwargs)


class Tool(models.TextChoices):
    BREATHING_478 = "breathing_478", "4-7-8 breathing"
    GROUNDING_54321 = "grounding_54321", "5-4-3-2-1 grounding"
    MUSCLE_RELAXATION = "muscle_relaxation", "Progressive muscle relaxation"
    SELF_COMPASSION = "self_compassion", "Self-compassion break"
    URGE_SURFING = "urge_surfing", "Urge-surfing timer"


class ToolSession(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tool_sessions")
    tool = models.CharField(max_length=24, choices=Tool.choices)
    started_at = models.DateTimeField()
    duration_seconds = models.PositiveIntegerField(default=0)
    distress_before = models.PositiveSmallIntegerField()
    distress_after = models.PositiveSmallIntegerField(null=True, blank=True)
    activation = models.ForeignKey(
        Activation, null=True, blank=True, on_delete=models.SET_NULL, related_name="tool_sessions"
    )
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["owner", "started_at"], name="toolsession_owner_time")]
        constraints = [
            models.CheckConstraint(condition=Q(distress_before__lte=10), name="tool_distress_before_0_10"),
            models.CheckConstraint(
                condition=Q(distress_after__isnull=True) | Q(distress_after__lte=10), name="tool_distress_after_0_10"
            ),
        ]

    def __str__(self):
        return f"{self.get_tool_display()} at {self.started_at:%Y-%m-%d %H:%M}"


class SavouringEntry(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="savouring_entries")
    occurred_at = models.DateTimeField()
    what_happened = EncryptedTextField()
    with_partner = models.BooleanField(default=True)
    # The report: how long contentment lasts matters more than how intense it is.
    feeling_minutes = models.PositiveIntegerField(null=True, blank=True, help_text="How long the good feeling lasted")
    thanked_partner = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name_plural = "savouring entries"
        indexes = [models.Index(fields=["owner", "occurred_at"], name="savouring_owner_time")]

    def __str__(self):
        return f"Savouring {self.pk}"


class DiaryStamp(models.Model):
    """Bumped on every change to a person's diary, so pages can cache what they compute from it.

    One row per person; reading it is a primary-key lookup, whatever the length of the history. Kept up to
    date by the post_save/post_delete receivers in diary/apps.py (bulk ``QuerySet.update`` bypasses them, so
    diary code never uses it on these models).
    """

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary_stamp")
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"diary of {self.owner_id} v{self.version}"
