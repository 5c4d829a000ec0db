"""Thought records and message drafts: the two moments that decide whether the cycle repeats.

From the mission report: "Challenge Catastrophic Thoughts" (notice, examine the evidence, reframe,
reality-check "in the past when I've felt this way, what actually happened?") and "Communication Strategies"
(replace protest behaviours with direct communication). All free text is encrypted at rest.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from earnedsecure.core.fields import EncryptedJSONField, EncryptedTextField
from earnedsecure.domain import cycle


class ThoughtRecord(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thought_records")
    activation = models.ForeignKey(
        "diary.Activation", null=True, blank=True, on_delete=models.SET_NULL, related_name="thought_records"
    )
    # The kind of trigger (the cycle's, domain/cycle) the reality check looked at; blank when none was chosen.
    trigger = models.CharField(
        max_length=16, choices=[(t.key, t.label) for t in cycle.TRIGGERS], blank=True, default=""
    )
    situation = EncryptedTextField(blank=True, default="")
    automatic_thought = EncryptedTextField()
    emotion = EncryptedTextField(blank=True, default="")
    intensity_before = models.PositiveSmallIntegerField(help_text="0 (calm) to 10 (the most intense)")
    # [{"name": ..., "confidence": ...}] as the app suggested them, best first.
    suggested_traps = models.JSONField(default=list, blank=True)
    confirmed_traps = models.JSONField(default=list, blank=True)
    rejected_traps = models.JSONField(default=list, blank=True)
    evidence_for = EncryptedTextField(blank=True, default="")
    evidence_against = EncryptedTextField(blank=True, default="")
    # The reality check: how many past times the person looked at, and how many they ticked as turning out fine.
    past_times_checked = models.PositiveSmallIntegerField(null=True, blank=True)
    past_times_fine = models.PositiveSmallIntegerField(null=True, blank=True)
    balanced_thought = EncryptedTextField(blank=True, default="")
    intensity_after = models.PositiveSmallIntegerField(null=True, blank=True)
    # The risk level read from the words when saved ("none", "concern", "urgent"), for the professional-help
    # rule; encrypted like the item-9 answer. NULL only on rows saved before levels were stored.
    risk_level = EncryptedJSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "created_at"], name="thoughtrecord_owner_time")]
        constraints = [
            models.CheckConstraint(condition=Q(intensity_before__lte=10), name="thought_intensity_before_0_10"),
            models.CheckConstraint(
                condition=Q(intensity_after__isnull=True) | Q(intensity_after__lte=10),
                name="thought_intensity_after_0_10",
            ),
            models.CheckConstraint(
                condition=Q(past_times_fine__isnull=True)
                | Q(past_times_checked__isnull=False, past_times_fine__lte=models.F("past_times_checked")),
                name="thought_past_fine_within_checked",
            ),
        ]

    def __str__(self):
        return f"Thought record {self.pk}"

    @property
    def eased_by(self) -> int | None:
        """How many points the feeling eased between before and after (negative when it grew)."""
        if self.intensity_after is None:
            return None
        return self.intensity_before - self.intensity_after


class Outcome(models.TextChoices):
    SENT_AS_IS = "sent_as_is", "I sent it as it was"
    SENT_REWRITTEN = "sent_rewritten", "I sent the rewritten message"
    NOT_SENT = "not_sent", "I didn't send it"


class MessageDraft(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_drafts")
    draft = EncryptedTextField()
    # [{"name": ..., "evidence": ...}] protest behaviours the coach found in the draft.
    behaviours = EncryptedJSONField(default=list, blank=True)  # the evidence quotes the draft, so encrypted
    rewrite = EncryptedTextField(blank=True, default="")
    final_text = EncryptedTextField(blank=True, default="")
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True, default="")
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    is_reassurance_request = models.BooleanField(default=False)
    waited_first = models.BooleanField(default=False)
    # The risk level read from the words when saved ("none", "concern", "urgent"), for the professional-help
    # rule; encrypted like the item-9 answer. NULL only on rows saved before levels were stored.
    risk_level = EncryptedJSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "created_at"], name="messagedraft_owner_time")]

    def __str__(self):
        return f"Message draft {self.pk}"

    @property
    def protest(self) -> bool:
        return bool(self.behaviours)
