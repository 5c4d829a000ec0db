"""Writes for the coach: every thought record and message draft is saved through these functions."""

from django.db import transaction
from django.utils import timezone

from earnedsecure.coach.models import MessageDraft, Outcome, ThoughtRecord
from earnedsecure.core.risk import level_in

MAX_SUGGESTED = 3


def suggestions_from(analysis: dict) -> list[dict]:
    """What the person was shown: the top few traps, name and confidence only."""
    return [
        {"name": trap["name"], "confidence": round(float(trap.get("confidence", 0)), 2)}
        for trap in analysis.get("traps", [])[:MAX_SUGGESTED]
    ]


@transaction.atomic
def thought_record_create(
    *,
    owner,
    automatic_thought: str,
    intensity_before: int,
    situation: str = "",
    emotion: str = "",
    trigger: str = "",
    activation=None,
    suggested_traps: list[dict] | None = None,
    confirmed_traps: list[str] = (),
    rejected_traps: list[str] = (),
    evidence_for: str = "",
    evidence_against: str = "",
    past_times_checked: int | None = None,
    past_times_fine: int | None = None,
    balanced_thought: str = "",
    intensity_after: int | None = None,
    now=None,
) -> ThoughtRecord:
    """Save a thought record. ``suggested_traps`` defaults to the analysis of the thought itself."""
    if activation is not None and activation.owner_id != owner.pk:
        raise ValueError("The activation belongs to someone else")
    if suggested_traps is None:
        from earnedsecure.coach.analysis import analyze_thought

        suggested_traps = suggestions_from(analyze_thought(automatic_thought))
    confirmed = list(dict.fromkeys(confirmed_traps))
    rejected = [name for name in dict.fromkeys(rejected_traps) if name not in confirmed]
    if past_times_fine is not None and past_times_checked is not None:
        past_times_fine = min(past_times_fine, past_times_checked)
    return ThoughtRecord.objects.create(
        owner=owner,
        activation=activation,
        trigger=trigger or (activation.trigger if activation is not None else ""),
        situation=situation,
        automatic_thought=automatic_thought,
        emotion=emotion,
        intensity_before=intensity_before,
        suggested_traps=suggested_traps,
        confirmed_traps=confirmed,
        rejected_traps=rejected,
        evidence_for=evidence_for,
        evidence_against=evidence_against,
        past_times_checked=past_times_checked,
        past_times_fine=past_times_fine if past_times_checked is not None else None,
        balanced_thought=balanced_thought,
        intensity_after=intensity_after,
        # Read from every box, for the professional-help rule (hazard log H15); stored encrypted.
        risk_level=level_in(situation, automatic_thought, emotion, evidence_for, evidence_against, balanced_thought),
        created_at=now or timezone.now(),
    )


@transaction.atomic
def thought_record_delete(*, record: ThoughtRecord) -> None:
    record.delete()


@transaction.atomic
def message_draft_create(
    *,
    owner,
    draft: str,
    behaviours: list[dict] | None = None,
    rewrite: str = "",
    final_text: str = "",
    outcome: str = "",
    waited_first: bool = False,
    now=None,
) -> MessageDraft:
    """Save a draft with what the coach found in it; flags it when it asks for reassurance."""
    from earnedsecure.coach.analysis import analyze_message, is_reassurance_request

    if outcome and outcome not in Outcome.values:
        raise ValueError(f"Unknown outcome {outcome!r}")
    now = now or timezone.now()
    if behaviours is None:
        behaviours = analyze_message(draft)["behaviours"]
    return MessageDraft.objects.create(
        owner=owner,
        draft=draft,
        behaviours=[{"name": b["name"], "evidence": b.get("evidence", "")} for b in behaviours],
        rewrite=rewrite,
        final_text=final_text,
        outcome=outcome,
        outcome_recorded_at=now if outcome else None,
        is_reassurance_request=is_reassurance_request(draft),
        waited_first=waited_first,
        risk_level=level_in(draft, final_text),  # for the professional-help rule (hazard log H15); encrypted
        created_at=now,
    )


@transaction.atomic
def message_draft_set_outcome(*, message: MessageDraft, outcome: str, final_text: str | None = None, now=None):
    if outcome and outcome not in Outcome.values:
        raise ValueError(f"Unknown outcome {outcome!r}")
    message.outcome = outcome
    message.outcome_recorded_at = (now or timezone.now()) if outcome else None
    fields = ["outcome", "outcome_recorded_at"]
    if final_text is not None:
        message.final_text = final_text
        message.risk_level = level_in(message.draft, final_text)
        fields += ["final_text", "risk_level"]
    message.save(update_fields=fields)
    return message


@transaction.atomic
def message_draft_delete(*, message: MessageDraft) -> None:
    message.delete()
