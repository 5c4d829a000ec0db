"""JSON API of the check-ins under /api/v1/assessments/: instruments, submitting answers, a person's results.

Answers are keyed by stable item id. A submission is scored by the same service as the pages; invalid or
incomplete answers get 422 naming each item, and nothing is stored. Results are the owner's only: any other
id answers 404.
"""

from datetime import datetime

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from earnedsecure.assessments import fhir_export, selectors, services
from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.core import crisis_lines
from earnedsecure.core.access import get_owned_or_404
from earnedsecure.core.api_rules import ErrorOut, Input, Page, Word, invalid_input, page_of
from earnedsecure.core.submissions import api_once
from earnedsecure.domain.instruments import (
    PROTOTYPE_RULE,
    Instrument,
    InvalidAnswers,
    get_instrument,
    nearest_prototype,
)

router = Router(tags=["assessments"])


class OptionOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    id: str
    number: int
    text: str
    subscale: str
    reverse: bool
    loinc: str | None


class SubscaleOut(Schema):
    key: str
    name: str
    loinc: str | None


class InstrumentOut(Schema):
    slug: str
    name: str
    short_name: str
    version: str
    item_count: int
    citation: str
    doi: str
    terms: str
    copyright: str | None
    loinc_panel: str | None


class InstrumentDetailOut(InstrumentOut):
    instructions: str | None
    stem: str | None
    options: list[OptionOut]
    items: list[ItemOut]
    subscales: list[SubscaleOut]


class ResponseIn(Input):
    instrument: str = Field(max_length=32)
    # Values are checked by the scoring engine, which names the item of any wrong one.
    answers: dict[str, object] = Field(max_length=100)


class BandOut(Schema):
    key: str
    label: str
    low: int
    high: int


class PrototypeOut(Schema):
    label: str
    rule: str


class LineOut(Schema):
    name: str
    number: str
    hours: str
    note: str


class SafetyOut(Schema):
    alert: bool
    # "several_days" (item 9 = 1) or "strong" (2-3: the emergency number first), as on the pages.
    level: str | None = None
    message: str | None = None
    crisis_url: str | None = None
    safety_plan_url: str | None = None
    # The page with the two optional follow-up questions (acting on the thoughts; how or when).
    follow_up_url: str | None = None
    emergency: str | None = None
    lines: list[LineOut] = []


class ResponseOut(Schema):
    id: int
    instrument: str
    instrument_version: str
    completed_at: datetime
    anxiety: float | None
    avoidance: float | None
    total: int | None
    band: BandOut | None
    nearest_prototype: PrototypeOut | None
    safety: SafetyOut
    answers: dict[str, int]


def _instrument_out(instrument: Instrument) -> dict:
    return {
        "slug": instrument.slug,
        "name": instrument.name,
        "short_name": instrument.short_name,
        "version": instrument.version,
        "item_count": len(instrument.items),
        "citation": instrument.citation,
        "doi": instrument.doi,
        "terms": instrument.terms,
        "copyright": instrument.copyright,
        "loinc_panel": instrument.loinc_panel,
    }


def _safety(row: InstrumentResponse, user) -> dict:
    if not row.safety_alert:
        return {"alert": False}
    country = crisis_lines.country_for(user.country)
    strong = (row.item9 or 0) >= 2
    flag = selectors.safety_flag_for_response(user=user, response_id=row.pk)
    if strong:
        message = (
            "If you might act on these thoughts, call your emergency number now. You said you've had thoughts "
            "of being better off dead or of hurting yourself on most days: please talk to someone today."
        )
    else:
        message = (
            "You said you've had thoughts of being better off dead or of hurting yourself on several days. "
            "Please talk to someone you trust, your doctor or a crisis line soon; your safety plan can help."
        )
    return {
        "alert": True,
        "level": "strong" if strong else "several_days",
        "message": message,
        "crisis_url": reverse("crisis"),
        "safety_plan_url": reverse("safety_plan"),
        "follow_up_url": reverse("assessments:safety", args=[flag.pk]) if flag else None,
        "emergency": country.emergency if country else None,
        "lines": [
            {"name": line.name, "number": line.number, "hours": line.hours, "note": line.note}
            for line in (country.crisis_lines() if country else ())
        ],
    }


def _response_out(row: InstrumentResponse, user) -> dict:
    instrument = get_instrument(row.instrument)
    band = instrument.band_for(row.total) if row.total is not None else None
    prototype = None
    if row.anxiety is not None and row.avoidance is not None:
        prototype = {"label": nearest_prototype(row.anxiety, row.avoidance).value, "rule": PROTOTYPE_RULE}
    return {
        "id": row.pk,
        "instrument": row.instrument,
        "instrument_version": row.instrument_version,
        "completed_at": row.completed_at,
        "anxiety": row.anxiety,
        "avoidance": row.avoidance,
        "total": row.total,
        "band": None if band is None else {"key": band.key, "label": band.label, "low": band.low, "high": band.high},
        "nearest_prototype": prototype,
        "safety": _safety(row, user),
        "answers": row.answers,
    }


@router.get("/instruments", response=list[InstrumentOut])
def list_instruments(request):
    return [_instrument_out(instrument) for instrument in services.enabled_instruments()]


@router.get("/instruments/{slug}", response=InstrumentDetailOut)
def instrument_detail(request, slug: str):
    try:
        instrument = services.get_enabled_instrument(slug)
    except services.InstrumentUnavailable:
        raise Http404 from None
    return {
        **_instrument_out(instrument),
        "instructions": instrument.instructions,
        "stem": instrument.stem,
        "options": [{"value": o.value, "label": o.label} for o in instrument.options],
        "items": [
            {
                "id": i.id,
                "number": i.number,
                "text": i.text,
                "subscale": i.subscale,
                "reverse": i.reverse,
                "loinc": i.loinc,
            }
            for i in instrument.items
        ],
        "subscales": [{"key": s.key, "name": s.name, "loinc": s.loinc} for s in instrument.subscales],
    }


@router.post("/responses", response={200: ResponseOut, 201: ResponseOut, 403: ErrorOut, 422: ErrorOut})
def submit_response(request, payload: ResponseIn):
    with api_once(request) as send:  # an Idempotency-Key seen before: what it made, 200
        if send.first is not None:
            return Status(200, _response_out(_owned_complete(request, send.first), request.user))
        try:
            row = services.response_submit(
                user=request.user,
                instrument=payload.instrument,
                answers=payload.answers,
                source=InstrumentResponse.Source.API,
            )
        except services.InstrumentUnavailable as error:
            raise invalid_input({"instrument": str(error)}) from None
        except InvalidAnswers as error:
            raise invalid_input({problem.item_id or "answers": str(problem) for problem in error.problems}) from None
        send.created = row.pk
        return Status(201, _response_out(row, request.user))


@router.get("/responses", response=list[ResponseOut])
def list_responses(request, page: Query[Page], instrument: Word | None = None):
    rows = selectors.completed(request.user).order_by("-completed_at", "-pk")
    if instrument:
        rows = rows.filter(instrument=instrument)
    return [_response_out(row, request.user) for row in page_of(rows, page)]


def _owned_complete(request, response_id: int) -> InstrumentResponse:
    return get_owned_or_404(InstrumentResponse, request.user, pk=response_id, status=InstrumentResponse.Status.COMPLETE)


@router.get("/responses/{response_id}", response=ResponseOut)
def response_detail(request, response_id: int):
    return _response_out(_owned_complete(request, response_id), request.user)


@router.get("/responses/{response_id}/fhir")
def response_fhir(request, response_id: int):
    """A FHIR R4 collection Bundle: the QuestionnaireResponse and the Observations of its scores."""
    row = _owned_complete(request, response_id)
    return fhir_export.bundle([row], bundle_id=f"response-{row.pk}")
