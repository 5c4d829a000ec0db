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
    # The traps the coach suggested, and the person's answer to each, are SuggestionAnswer rows (``answers``).
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

    # Read from the answers (prefetch ``answers`` when listing records).
    @property
    def suggested_traps(self) -> list[dict]:
        """[{"name", "confidence"}] as the coach suggested them, best first."""
        return [{"name": a.name, "confidence": a.score} for a in self.answers.all() if a.suggested]

    @property
    def confirmed_traps(self) -> list[str]:
        """The traps the person sees in the thought: suggestions they said fit, then any they added."""
        answers = self.answers.all()
        fits = [a for a in answers if a.answer == SuggestionAnswer.Answer.FITS]
        return [a.name for a in fits if a.suggested] + [a.name for a in fits if not a.suggested]

    @property
    def rejected_traps(self) -> list[str]:
        return [a.name for a in self.answers.all() if a.answer == SuggestionAnswer.Answer.NOT_THIS]


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


class SuggestionAnswer(models.Model):
    """The person's answer to one suggestion the coach showed: a thinking trap in a thought, or a protest
    behaviour in a draft ("Yes, that fits", "No, not this", "Not sure"), with the score it was shown with.

    A trap the person added themselves (not suggested) is a row with no score. The name is the app's vocabulary
    (a trap or protest-behaviour key, checked by the services), but which behaviour a person owned up to is
    theirs to keep: it is encrypted like their words, so it cannot be filtered or grouped in SQL. The score and
    the answer mean nothing without it. The project may count answers per name only for people who agreed to
    that (``selectors.suggestion_answer_counts``).
    """

    class Kind(models.TextChoices):
        TRAP = "trap", "Thinking trap"
        PROTEST = "protest", "Protest behaviour"

    class Answer(models.TextChoices):
        FITS = "fits", "Yes, that fits"
        NOT_THIS = "not_this", "No, not this"
        UNSURE = "unsure", "Not sure"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggestion_answers")
    thought_record = models.ForeignKey(
        ThoughtRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    message_draft = models.ForeignKey(
        MessageDraft, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = EncryptedTextField()
    # The score the suggestion was shown with (0-1); NULL for a trap the person added themselves.
    score = models.FloatField(null=True, blank=True)
    answer = models.CharField(max_length=8, choices=Answer.choices)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]  # the order they were shown in, best first (one row per name: see services.answers_to)
        # A trap belongs to a thought record and a protest behaviour to a draft: services.answers_to and the
        # two create services set them (no database check, so that the generic at-rest tests can make a row).
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1), name="suggestionanswer_score_0_1"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.name}: {self.answer}"

    @property
    def suggested(self) -> bool:
        return self.score is not None
