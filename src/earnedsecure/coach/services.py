"""Writes for the coach: every thought record and message draft is saved through these functions."""

from django.db import transaction
from django.utils import timezone

from earnedsecure.coach.models import MessageDraft, Outcome, SuggestionAnswer, ThoughtRecord
from earnedsecure.core.risk import level_in

MAX_SUGGESTED = 3
Answer = SuggestionAnswer.Answer


def suggestions_from(analysis: dict) -> list[dict]:
    """What the person was shown: the top few traps, name and confidence only."""
    return [
        {"name": trap["name"], "confidence": round(float(trap.get("confidence", 0)), 2)}
        for trap in analysis.get("traps", [])[:MAX_SUGGESTED]
    ]


def answers_to(*, owner, kind: str, suggested: list[dict], fits: list[str], not_this: list[str], now):
    """One unsaved row per suggestion shown (in the order shown) with the person's answer, "not sure" when they
    gave none; then one row per name they answered that was not suggested (score NULL). A name in both lists
    fits: confirming wins over rejecting."""
    known = _trap_names() if kind == SuggestionAnswer.Kind.TRAP else _behaviour_names()
    unknown = sorted(({s["name"] for s in suggested} | set(fits) | set(not_this)) - known)
    if unknown:
        raise ValueError(f"Unknown {kind} suggestion: {', '.join(unknown)}")
    fits = list(dict.fromkeys(fits))
    not_this = [name for name in dict.fromkeys(not_this) if name not in fits]

    def answer(name: str) -> str:
        return Answer.FITS if name in fits else Answer.NOT_THIS if name in not_this else Answer.UNSURE

    rows = {}
    for shown in suggested:
        score = min(1.0, max(0.0, round(float(shown.get("confidence") or 0), 2)))
        rows.setdefault(shown["name"], (score, answer(shown["name"])))
    for name in fits + not_this:
        rows.setdefault(name, (None, answer(name)))
    return [
        SuggestionAnswer(owner=owner, kind=kind, name=name, score=score, answer=given, created_at=now)
        for name, (score, given) in rows.items()
    ]


def _trap_names() -> set[str]:
    from earnedsecure.domain.language import TRAPS

    return set(TRAPS)


def _behaviour_names() -> set[str]:
    from earnedsecure.domain.cycle import PROTEST_BEHAVIOURS

    return set(PROTEST_BEHAVIOURS.keys)


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
    """Save a thought record with the person's answer to each trap suggested (``SuggestionAnswer`` rows).

    ``suggested_traps`` ([{"name", "confidence"}], as shown) defaults to the analysis of the thought itself;
    ``confirmed_traps`` and ``rejected_traps`` are the names the person said fit, or not, suggested or not.
    """
    if activation is not None and activation.owner_id != owner.pk:
        raise ValueError("The activation belongs to someone else")
    if suggested_traps is None:
        from earnedsecure.coach.analysis import analyze_thought

        suggested_traps = suggestions_from(analyze_thought(automatic_thought))
    now = now or timezone.now()
    answers = answers_to(
        owner=owner,
        kind=SuggestionAnswer.Kind.TRAP,
        suggested=list(suggested_traps),
        fits=list(confirmed_traps),
        not_this=list(rejected_traps),
        now=now,
    )
    if past_times_fine is not None and past_times_checked is not None:
        past_times_fine = min(past_times_fine, past_times_checked)
    record = ThoughtRecord.objects.create(
        owner=owner,
        activation=activation,
        trigger=trigger or (activation.trigger if activation is not None else ""),
        situation=situation,
        automatic_thought=automatic_thought,
        emotion=emotion,
        intensity_before=intensity_before,
        evidence_for=evidence_for,
        evidence_against=evidence_against,
        past_times_checked=past_times_checked,
        past_times_fine=past_times_fine if past_times_checked is not None else None,
        balanced_thought=balanced_thought,
        intensity_after=intensity_after,
        # Read from every box, for the professional-help rule (hazard log H15); stored encrypted.
        risk_level=level_in(situation, automatic_thought, emotion, evidence_for, evidence_against, balanced_thought),
        created_at=now,
    )
    for row in answers:
        row.thought_record = record
    SuggestionAnswer.objects.bulk_create(answers)
    return record


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
    confirmed_behaviours: list[str] = (),
    rejected_behaviours: list[str] = (),
    now=None,
) -> MessageDraft:
    """Save a draft with what the coach found in it, and the person's answer to each behaviour found
    (``SuggestionAnswer`` rows; "not sure" unless named in ``confirmed_behaviours`` or ``rejected_behaviours``).
    Flags the draft when it asks for reassurance."""
    from earnedsecure.coach.analysis import analyze_message, is_reassurance_request

    if outcome and outcome not in Outcome.values:
        raise ValueError(f"Unknown outcome {outcome!r}")
    now = now or timezone.now()
    if behaviours is None:
        behaviours = analyze_message(draft)["behaviours"]
    answers = answers_to(
        owner=owner,
        kind=SuggestionAnswer.Kind.PROTEST,
        suggested=[{"name": b["name"], "confidence": b.get("confidence")} for b in behaviours],
        fits=list(confirmed_behaviours),
        not_this=list(rejected_behaviours),
        now=now,
    )
    message = MessageDraft.objects.create(
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
    for row in answers:
        row.message_draft = message
    SuggestionAnswer.objects.bulk_create(answers)
    return message


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
