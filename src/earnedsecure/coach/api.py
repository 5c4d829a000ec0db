"""/api/v1/coach: the same offline analysis as the pages and the ``analyze`` command, plus the person's own
thought records and message drafts (anyone else's id answers 404)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from earnedsecure.coach import analysis, selectors, services
from earnedsecure.coach.models import MessageDraft, Outcome, ThoughtRecord
from earnedsecure.core.access import get_owned_or_404, owned_queryset
from earnedsecure.core.api_rules import FreeText, Input, Page, invalid_input, page_of
from earnedsecure.core.submissions import api_once
from earnedsecure.diary.selectors import activation_get
from earnedsecure.domain import cycle

router = Router(tags=["coach"])

# A trigger is one of the cycle's (domain/cycle), or "" when none was chosen.
TRIGGERS = Literal[("", *cycle.TRIGGERS.keys)]
OUTCOMES = Literal[("", *Outcome.values)]


class TextIn(Input):
    text: FreeText = Field(..., min_length=1)


class RiskOut(Schema):
    level: Literal["none", "concern", "urgent"]
    kind: str | None = None
    kinds: list[str] = []
    response: str | None = None


class TrapOut(Schema):
    name: str
    confidence: float
    evidence: list[str]
    spans: list[list[int]] = []
    label: str = ""
    explanation: str = ""
    question: str = ""


class RankedOut(Schema):
    """One label of the learned and rule layers' ranking, with its calibrated probability."""

    name: str
    confidence: float


class ThoughtAnalysisOut(Schema):
    traps: list[TrapOut]
    risk: RiskOut
    coaching: bool
    ranked: list[RankedOut]


class BehaviourOut(Schema):
    name: str
    evidence: list[str]
    spans: list[list[int]] = []
    label: str = ""
    explanation: str = ""
    why_it_backfires: str = ""


class MessageAnalysisOut(Schema):
    protest: bool
    protest_score: float | None = None
    coaching: bool
    ranked: list[RankedOut]
    behaviours: list[BehaviourOut]
    rewrite: str
    risk: RiskOut
    rewrite_parts: dict | None = None
    reassurance_request: bool = False
    suggest_soothing_first: bool = False
    reassurance_requests_today: int


@router.post("/analyze/thought", response=ThoughtAnalysisOut)
def analyze_thought(request, payload: TextIn):
    found = analysis.analyze_thought(payload.text)
    for trap in found["traps"]:
        info = analysis.trap_info(trap["name"])
        trap.setdefault("label", info["label"])
        trap.setdefault("explanation", info["explanation"])
        trap.setdefault("question", info["question"])
    return found


@router.post("/analyze/message", response=MessageAnalysisOut)
def analyze_message(request, payload: TextIn):
    asked = selectors.reassurance_requests_today(user=request.user)
    found = analysis.analyze_message(payload.text, reassurance_requests_today=asked)
    for behaviour in found["behaviours"]:
        info = analysis.protest_info(behaviour["name"])
        behaviour.setdefault("label", info["label"])
        behaviour.setdefault("explanation", info["explanation"])
        behaviour.setdefault("why_it_backfires", info["why_it_backfires"])
    return {**found, "reassurance_requests_today": asked}


# Thought records -----------------------------------------------------------------------------------------


class ThoughtRecordIn(Input):
    automatic_thought: FreeText = Field(..., min_length=1)
    intensity_before: int = Field(..., ge=0, le=10)
    situation: FreeText = ""
    emotion: FreeText = ""
    trigger: TRIGGERS = ""
    activation_id: int | None = None
    confirmed_traps: list[str] = Field(default_factory=list, max_length=12)
    rejected_traps: list[str] = Field(default_factory=list, max_length=12)
    evidence_for: FreeText = ""
    evidence_against: FreeText = ""
    balanced_thought: FreeText = ""
    intensity_after: int | None = Field(None, ge=0, le=10)


class ThoughtRecordOut(Schema):
    id: int
    created_at: datetime
    activation_id: int | None
    trigger: str
    situation: str
    automatic_thought: str
    emotion: str
    intensity_before: int
    suggested_traps: list[dict]
    confirmed_traps: list[str]
    rejected_traps: list[str]
    evidence_for: str
    evidence_against: str
    past_times_checked: int | None
    past_times_fine: int | None
    balanced_thought: str
    intensity_after: int | None
    risk: RiskOut


def _record_out(record: ThoughtRecord) -> dict:
    texts = (record.situation, record.automatic_thought, record.evidence_for, record.evidence_against)
    return {
        **{f: getattr(record, f) for f in ThoughtRecordOut.model_fields if f != "risk"},
        "risk": analysis.assess_risk(*texts, record.balanced_thought),
    }


def _known_traps(names: list[str], *, field: str) -> list[str]:
    from earnedsecure.domain.language import TRAPS

    unknown = sorted(set(names) - set(TRAPS))
    if unknown:
        raise invalid_input({field: f"unknown thinking trap: {', '.join(unknown)}"})
    return names


def _known_behaviours(names: list[str], *, field: str) -> list[str]:
    unknown = sorted(set(names) - set(cycle.PROTEST_BEHAVIOURS.keys))
    if unknown:
        raise invalid_input({field: f"unknown protest behaviour: {', '.join(unknown)}"})
    return names


@router.get("/thoughts", response=list[ThoughtRecordOut])
def thought_list(request, page: Query[Page]):
    records = owned_queryset(ThoughtRecord, request.user).prefetch_related("answers")
    return [_record_out(r) for r in page_of(records.order_by("-created_at", "-pk"), page)]


@router.post("/thoughts", response={200: ThoughtRecordOut, 201: ThoughtRecordOut})
def thought_create(request, payload: ThoughtRecordIn):
    with api_once(request) as send:  # an Idempotency-Key seen before: what it made, 200
        if send.first is not None:
            return Status(200, _record_out(get_owned_or_404(ThoughtRecord, request.user, pk=send.first)))
        activation = None
        if payload.activation_id is not None:
            activation = activation_get(user=request.user, pk=payload.activation_id)
        record = services.thought_record_create(
            owner=request.user,
            activation=activation,
            trigger=payload.trigger,
            situation=payload.situation,
            automatic_thought=payload.automatic_thought,
            emotion=payload.emotion,
            intensity_before=payload.intensity_before,
            confirmed_traps=_known_traps(payload.confirmed_traps, field="confirmed_traps"),
            rejected_traps=_known_traps(payload.rejected_traps, field="rejected_traps"),
            evidence_for=payload.evidence_for,
            evidence_against=payload.evidence_against,
            balanced_thought=payload.balanced_thought,
            intensity_after=payload.intensity_after,
        )
        send.created = record.pk
        return Status(201, _record_out(record))


@router.get("/thoughts/{record_id}", response=ThoughtRecordOut)
def thought_get(request, record_id: int):
    return _record_out(get_owned_or_404(ThoughtRecord, request.user, pk=record_id))


@router.delete("/thoughts/{record_id}", response={204: None})
def thought_delete(request, record_id: int):
    services.thought_record_delete(record=get_owned_or_404(ThoughtRecord, request.user, pk=record_id))
    return Status(204, None)


# Message drafts ------------------------------------------------------------------------------------------


class MessageDraftIn(Input):
    draft: FreeText = Field(..., min_length=1)
    final_text: FreeText = ""
    outcome: OUTCOMES = ""
    waited_first: bool = False
    # The person's answers to the behaviours the analysis found ("not sure" for any not named).
    confirmed_behaviours: list[str] = Field(default_factory=list, max_length=12)
    rejected_behaviours: list[str] = Field(default_factory=list, max_length=12)


class MessageOutcomeIn(Input):
    outcome: OUTCOMES
    final_text: FreeText | None = None


class AnswerOut(Schema):
    name: str
    score: float | None
    answer: Literal["fits", "not_this", "unsure"]


class MessageDraftOut(Schema):
    id: int
    created_at: datetime
    draft: str
    protest: bool
    behaviours: list[dict]
    rewrite: str
    final_text: str
    outcome: str
    outcome_recorded_at: datetime | None
    is_reassurance_request: bool
    waited_first: bool
    answers: list[AnswerOut]
    risk: RiskOut


def _draft_out(message: MessageDraft) -> dict:
    fields = {f: getattr(message, f) for f in MessageDraftOut.model_fields if f not in ("risk", "answers")}
    answers = [{"name": a.name, "score": a.score, "answer": a.answer} for a in message.answers.all()]
    return {**fields, "answers": answers, "risk": analysis.assess_risk(message.draft, message.final_text)}


@router.get("/messages", response=list[MessageDraftOut])
def message_list(request, page: Query[Page]):
    messages = owned_queryset(MessageDraft, request.user).prefetch_related("answers")
    return [_draft_out(m) for m in page_of(messages.order_by("-created_at", "-pk"), page)]


@router.post("/messages", response={200: MessageDraftOut, 201: MessageDraftOut})
def message_create(request, payload: MessageDraftIn):
    with api_once(request) as send:  # an Idempotency-Key seen before: what it made, 200
        if send.first is not None:
            return Status(200, _draft_out(get_owned_or_404(MessageDraft, request.user, pk=send.first)))
        asked = selectors.reassurance_requests_today(user=request.user)
        found = analysis.analyze_message(payload.draft, reassurance_requests_today=asked)
        message = services.message_draft_create(
            owner=request.user,
            draft=payload.draft,
            behaviours=found["behaviours"],
            rewrite=found.get("rewrite", ""),
            final_text=payload.final_text,
            outcome=payload.outcome,
            waited_first=payload.waited_first,
            confirmed_behaviours=_known_behaviours(payload.confirmed_behaviours, field="confirmed_behaviours"),
            rejected_behaviours=_known_behaviours(payload.rejected_behaviours, field="rejected_behaviours"),
        )
        send.created = message.pk
        return Status(201, _draft_out(message))


@router.get("/messages/{message_id}", response=MessageDraftOut)
def message_get(request, message_id: int):
    return _draft_out(get_owned_or_404(MessageDraft, request.user, pk=message_id))


@router.patch("/messages/{message_id}", response=MessageDraftOut)
def message_update(request, message_id: int, payload: MessageOutcomeIn):
    message = get_owned_or_404(MessageDraft, request.user, pk=message_id)
    services.message_draft_set_outcome(message=message, outcome=payload.outcome, final_text=payload.final_text)
    return _draft_out(message)


@router.delete("/messages/{message_id}", response={204: None})
def message_delete(request, message_id: int):
    services.message_draft_delete(message=get_owned_or_404(MessageDraft, request.user, pk=message_id))
    return Status(204, None)
