"""JSON API for the diary under /api/v1/diary/: activations, tool sessions and good moments.

Owner only (someone else's id answers 404), pydantic-checked input, writes through services.py (atomic:
a request either saves everything or nothing), validation errors name the field.
"""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status

from earnedsecure.core.access import get_owned_or_404
from earnedsecure.core.api_rules import FreeText, Input, Moment, Page, invalid_input, page_of
from earnedsecure.core.submissions import api_once
from earnedsecure.diary import selectors, services
from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.domain import cycle

router = Router(tags=["diary"])

# The allowed values are the keys of the cycle's vocabulary (domain/cycle); "" means not recorded.
TriggerKey = Literal[cycle.TRIGGERS.keys]
ProtestKey = Literal[cycle.PROTEST_BEHAVIOURS.keys]
ResponseKey = Literal[("", *cycle.RESPONSES.keys)]
ProtestResultKey = Literal[("", *cycle.PROTEST_RESULTS.keys)]
ToolKey = Literal[cycle.TOOLS.keys]


def _invalid(error: ValidationError):
    """A service's field errors in the API's one error shape (422 with "fields")."""
    return invalid_input({name: " ".join(messages) for name, messages in error.message_dict.items()})


class ActivationIn(Input):
    trigger: TriggerKey
    intensity: int = Field(..., ge=0, le=10)
    occurred_at: Moment | None = None
    trigger_note: FreeText = ""
    body_sensations: FreeText = ""
    thought: FreeText = ""
    urges: list[ProtestKey] = Field(default_factory=list, max_length=len(cycle.PROTEST_BEHAVIOURS))
    response: ResponseKey = ""
    response_note: FreeText = ""
    protest_result: ProtestResultKey = ""
    outcome: FreeText = ""
    calm_at: Moment | None = None


class ActivationPatch(Input):
    trigger: TriggerKey | None = None
    intensity: int | None = Field(None, ge=0, le=10)
    occurred_at: Moment | None = None
    trigger_note: FreeText | None = None
    body_sensations: FreeText | None = None
    thought: FreeText | None = None
    urges: list[ProtestKey] | None = Field(None, max_length=len(cycle.PROTEST_BEHAVIOURS))
    response: ResponseKey | None = None
    response_note: FreeText | None = None
    protest_result: ProtestResultKey | None = None
    outcome: FreeText | None = None
    calm_at: Moment | None = None


class FollowUpIn(Input):
    outcome: FreeText = ""
    calm_at: Moment | None = None
    protest_result: ProtestResultKey = ""


class ActivationOut(Schema):
    id: int
    occurred_at: datetime
    trigger: str
    trigger_note: str
    intensity: int
    body_sensations: str
    thought: str
    urges: list[str]
    response: str
    response_note: str
    protest_result: str
    outcome: str
    outcome_recorded_at: datetime | None
    calm_at: datetime | None
    recovery_minutes: int | None


class ToolSessionIn(Input):
    tool: ToolKey
    distress_before: int = Field(..., ge=0, le=10)
    distress_after: int | None = Field(None, ge=0, le=10)
    started_at: Moment | None = None
    duration_seconds: int = Field(0, ge=0, le=24 * 3600)
    activation_id: int | None = None
    note: FreeText = ""


class ToolSessionOut(Schema):
    id: int
    tool: str
    started_at: datetime
    duration_seconds: int
    distress_before: int
    distress_after: int | None
    activation_id: int | None
    note: str


class SavouringIn(Input):
    what_happened: FreeText = Field(..., min_length=1)
    occurred_at: Moment | None = None
    with_partner: bool = True
    feeling_minutes: int | None = Field(None, ge=0, le=7 * 24 * 60)
    thanked_partner: bool = False


class SavouringOut(Schema):
    id: int
    occurred_at: datetime
    what_happened: str
    with_partner: bool
    feeling_minutes: int | None
    thanked_partner: bool


# --- Activations ---------------------------------------------------------------------------------------


@router.get("/activations", response=list[ActivationOut])
def activations_list(request, page: Query[Page]):
    return list(page_of(selectors.activation_list(user=request.user), page))


@router.post("/activations", response={200: ActivationOut, 201: ActivationOut})
def activations_create(request, payload: ActivationIn):
    """201 with the new entry; with an ``Idempotency-Key`` header seen before, 200 with the entry it made."""
    with api_once(request) as send:
        if send.first is not None:
            return Status(200, get_owned_or_404(Activation, request.user, pk=send.first))
        try:
            activation = services.activation_create(owner=request.user, **payload.dict())
        except ValidationError as error:
            raise _invalid(error) from None
        send.created = activation.pk
        return Status(201, activation)


@router.get("/activations/{activation_id}", response=ActivationOut)
def activations_get(request, activation_id: int):
    return get_owned_or_404(Activation, request.user, pk=activation_id)


@router.patch("/activations/{activation_id}", response=ActivationOut)
def activations_update(request, activation_id: int, payload: ActivationPatch):
    activation = get_owned_or_404(Activation, request.user, pk=activation_id)
    changes = payload.dict(exclude_unset=True)
    try:
        return services.activation_update(activation=activation, **changes)
    except ValidationError as error:
        raise _invalid(error) from None


@router.post("/activations/{activation_id}/follow-up", response=ActivationOut)
def activations_follow_up(request, activation_id: int, payload: FollowUpIn):
    activation = get_owned_or_404(Activation, request.user, pk=activation_id)
    try:
        return services.activation_follow_up(activation=activation, **payload.dict())
    except ValidationError as error:
        raise _invalid(error) from None


# --- Tool sessions -------------------------------------------------------------------------------------


@router.get("/tool-sessions", response=list[ToolSessionOut])
def tool_sessions_list(request, page: Query[Page]):
    return list(page_of(selectors.tool_session_list(user=request.user), page))


@router.post("/tool-sessions", response={200: ToolSessionOut, 201: ToolSessionOut})
def tool_sessions_create(request, payload: ToolSessionIn):
    data = payload.dict()
    activation_id = data.pop("activation_id")
    with api_once(request) as send:  # an Idempotency-Key seen before: the session it made, 200
        if send.first is not None:
            return Status(200, get_owned_or_404(ToolSession, request.user, pk=send.first))
        activation = get_owned_or_404(Activation, request.user, pk=activation_id) if activation_id is not None else None
        try:
            session = services.tool_session_record(owner=request.user, activation=activation, **data)
        except ValidationError as error:
            raise _invalid(error) from None
        send.created = session.pk
        return Status(201, session)


@router.get("/tool-sessions/{session_id}", response=ToolSessionOut)
def tool_sessions_get(request, session_id: int):
    return get_owned_or_404(ToolSession, request.user, pk=session_id)


# --- Good moments ----------------------------------------------------------------------------------------


@router.get("/savouring", response=list[SavouringOut])
def savouring_list(request, page: Query[Page]):
    return list(page_of(selectors.savouring_list(user=request.user), page))


@router.post("/savouring", response={200: SavouringOut, 201: SavouringOut})
def savouring_create(request, payload: SavouringIn):
    with api_once(request) as send:  # an Idempotency-Key seen before: the good moment it made, 200
        if send.first is not None:
            return Status(200, get_owned_or_404(SavouringEntry, request.user, pk=send.first))
        try:
            entry = services.savouring_create(owner=request.user, **payload.dict())
        except ValidationError as error:
            raise _invalid(error) from None
        send.created = entry.pk
        return Status(201, entry)


@router.get("/savouring/{entry_id}", response=SavouringOut)
def savouring_get(request, entry_id: int):
    return get_owned_or_404(SavouringEntry, request.user, pk=entry_id)
