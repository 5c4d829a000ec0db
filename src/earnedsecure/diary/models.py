"""The activation diary, self-soothing tool sessions and savouring entries.

The vocabulary (triggers, protest behaviours, responses, protest results, tools) is the cycle's, written once
in ``domain/cycle``; the choices below are derived from it and store its keys. Recovery time ("from days to
hours to minutes") is kept as a column. Free text uses the encrypted field.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from earnedsecure.core.fields import EncryptedJSONField, EncryptedTextField
from earnedsecure.domain import cycle
from earnedsecure.domain.cycle import Vocabulary


def _choices(name: str, vocabulary: Vocabulary) -> type[models.TextChoices]:
    """Django choices for a vocabulary of the cycle: members named by key (``Trigger.NEED_UNMET``)."""
    return models.TextChoices(
        name, [(term.key.upper(), (term.key, term.label)) for term in vocabulary], module=__name__
    )


Trigger = _choices("Trigger", cycle.TRIGGERS)
Protest = _choices("Protest", cycle.PROTEST_BEHAVIOURS)
Response = _choices("Response", cycle.RESPONSES)
ProtestResult = _choices("ProtestResult", cycle.PROTEST_RESULTS)
Tool = _choices("Tool", cycle.TOOLS)


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
    # The risk level read from the person's words when they were saved ("none", "concern", "urgent"), for the
    # professional-help rule. Encrypted like the item-9 answer: a query must not find who wrote of risk. NULL
    # only on entries saved before levels were stored (or made in bulk by the demo), which reveals no risk.
    risk_level = EncryptedJSONField(null=True, blank=True, editable=False)
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
