"""Every write of the check-ins: answering, completing, importing, scheduling and choosing assumptions.

Scoring is the domain engine's (``earnedsecure.domain.instruments``); these functions only decide what may
be stored. The rule they keep: a row is marked complete, with its score columns, in one transaction and only
from a full set of answers that the engine validated and scored. Anything else raises ``InvalidAnswers``
naming the item, and nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from earnedsecure.assessments.models import ChangeAssumption, InstrumentResponse, SafetyFlag, Schedule
from earnedsecure.domain.instruments import (
    REGISTRY,
    AnswerProblem,
    Instrument,
    InvalidAnswers,
    RCAssumptions,
    Score,
    UnknownInstrument,
    get_instrument,
    score,
)
from earnedsecure.domain.instruments import fhir as domain_fhir
from earnedsecure.domain.instruments.reliable_change import DEFAULT_ASSUMPTIONS
from earnedsecure.domain.limits import date_out_of_range

# The suggested rhythm (the example); a person can change or switch off each one.
DEFAULT_SCHEDULE: dict[str, int] = {"ecr-rs": 14, "ecr-r": 91, "phq-9": 14, "gad-7": 14}
SCHEDULE_CHOICES: tuple[tuple[int, str], ...] = (
    (0, "Not scheduled"),
    (7, "Every week"),
    (14, "Every 2 weeks"),
    (28, "Every 4 weeks"),
    (91, "Every 3 months"),
    (182, "Every 6 months"),
)
# Items per screen: few enough for a phone, with the ECR-R's 36 in six screens.
PAGE_SIZES: dict[str, int] = {"ecr-r": 6, "gad-7": 4}
DEFAULT_PAGE_SIZE = 3
# The order people meet the instruments in lists.
DISPLAY_ORDER = ("ecr-rs", "ecr-r", "phq-9", "gad-7", "ecr-rs-mother", "ecr-rs-father", "ecr-rs-friend")
# The order new questionnaires are offered, one a day at the start (domain.instruments.pacing): first how you
# feel in close relationships in general (what the pathway measures), then mood (with its question 9, the
# one that must never wait long), then worry, then the particular people; the rest in the list's order.
INTRODUCTION_ORDER = ("ecr-r", "phq-9", "gad-7", "ecr-rs")


class InstrumentUnavailable(UnknownInstrument):
    """The slug names no instrument, or one that the operator switched off."""


class NotInProgress(Exception):
    """The response was already completed (or discarded) in another tab."""


def instrument_enabled(slug: str) -> bool:
    return slug in REGISTRY and slug not in settings.DISABLED_INSTRUMENTS


def enabled_instruments() -> list[Instrument]:
    return [REGISTRY[slug] for slug in DISPLAY_ORDER if instrument_enabled(slug)] + [
        instrument for slug, instrument in REGISTRY.items() if slug not in DISPLAY_ORDER and instrument_enabled(slug)
    ]


def introduction_order(instruments: list[Instrument]) -> list[Instrument]:
    """``instruments`` in the order new ones are offered (``INTRODUCTION_ORDER``, then as given)."""
    first = {slug: position for position, slug in enumerate(INTRODUCTION_ORDER)}
    return sorted(instruments, key=lambda i: first.get(i.slug, len(first)))


def get_enabled_instrument(slug: str) -> Instrument:
    if not isinstance(slug, str) or slug not in REGISTRY:
        known = ", ".join(i.slug for i in enabled_instruments())
        raise InstrumentUnavailable(f"No instrument {slug!r}. Available: {known}.")
    if not instrument_enabled(slug):
        raise InstrumentUnavailable(f"The {REGISTRY[slug].short_name} is switched off on this server.")
    return get_instrument(slug)


def is_attachment(instrument: Instrument) -> bool:
    return {s.key for s in instrument.subscales} == {"anxiety", "avoidance"}


def pages(instrument: Instrument) -> list[tuple]:
    """The items shown together on each screen, in published order."""
    size = PAGE_SIZES.get(instrument.slug, DEFAULT_PAGE_SIZE)
    return [instrument.items[start : start + size] for start in range(0, len(instrument.items), size)]


def validate_partial(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    """Some answers (one page of a paused response): every key an item, every value on the scale."""
    problems = []
    valid: dict[str, int] = {}
    for key, value in answers.items():
        if not (isinstance(key, str) and instrument.has_item(key)):
            problems.append(AnswerProblem(f"is not an item of the {instrument.short_name}", item_id=str(key)))
            continue
        item = instrument.item(key)
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(AnswerProblem(f"answer {value!r} is not a whole number", item.id, item.number))
        elif not instrument.min_value <= value <= instrument.max_value:
            reason = f"answer {value} is out of range; choose from {instrument.min_value} to {instrument.max_value}"
            problems.append(AnswerProblem(reason, item.id, item.number))
        else:
            valid[key] = value
    if problems:
        raise InvalidAnswers(problems, instrument=instrument.short_name)
    return valid


def _apply_score(response: InstrumentResponse, result: Score, completed_at: datetime) -> None:
    """Copy a complete domain score onto the row's columns (the only place score columns are set)."""
    response.instrument = result.instrument
    response.instrument_version = result.version
    response.answers = dict(result.answers)
    response.status = InstrumentResponse.Status.COMPLETE
    response.completed_at = completed_at
    keys = {s.key for s in result.subscales}
    response.anxiety = float(result.value("anxiety")) if "anxiety" in keys else None
    response.avoidance = float(result.value("avoidance")) if "avoidance" in keys else None
    response.total = result.total
    response.band = result.band.key if result.band else ""
    response.item9 = result.safety_item_value
    response.safety_alert = result.safety_alert


def build_complete_response(
    *, user, instrument: Instrument, answers: Mapping[str, object], completed_at: datetime, source: str
) -> InstrumentResponse:
    """An unsaved complete row scored by the engine (raises ``InvalidAnswers``); used by the demo's bulk insert."""
    result = score(instrument, answers)
    response = InstrumentResponse(owner=user, started_at=completed_at, source=source)
    _apply_score(response, result, completed_at)
    return response


@transaction.atomic
def response_submit(
    *,
    user,
    instrument: str,
    answers: Mapping[str, object],
    completed_at: datetime | None = None,
    source: str = InstrumentResponse.Source.API,
) -> InstrumentResponse:
    """Score a full set of answers and store it as one complete response; raises before writing anything."""
    definition = get_enabled_instrument(instrument)
    response = build_complete_response(
        user=user,
        instrument=definition,
        answers=answers,
        completed_at=completed_at or timezone.now(),
        source=source,
    )
    response.save()
    safety_flag_raise(user=user, response=response, now=response.completed_at)
    return response


@transaction.atomic
def response_start(*, user, instrument: str, now: datetime | None = None) -> InstrumentResponse:
    """The person's paused response to this instrument, or a new empty one."""
    definition = get_enabled_instrument(instrument)
    existing = (
        InstrumentResponse.objects.select_for_update()
        .filter(owner=user, instrument=definition.slug, status=InstrumentResponse.Status.IN_PROGRESS)
        .first()
    )
    if existing is not None:
        if existing.instrument_version != definition.version:
            # The wording changed since the person paused: their answers belong to other text; start again.
            existing.answers = {}
            existing.instrument_version = definition.version
            existing.save(update_fields=["answers", "instrument_version"])
        return existing
    return InstrumentResponse.objects.create(
        owner=user,
        instrument=definition.slug,
        instrument_version=definition.version,
        started_at=now or timezone.now(),
        source=InstrumentResponse.Source.WEB,
    )


def _locked_in_progress(*, user, response_id: int) -> InstrumentResponse:
    response = InstrumentResponse.objects.select_for_update().filter(owner=user, pk=response_id).first()
    if response is None or response.status != InstrumentResponse.Status.IN_PROGRESS:
        raise NotInProgress("This check-in was already finished or discarded.")
    return response


@transaction.atomic
def response_save_answers(*, user, response_id: int, answers: Mapping[str, object]) -> InstrumentResponse:
    """Merge one page of answers into a paused response (each validated; nothing is scored yet)."""
    response = _locked_in_progress(user=user, response_id=response_id)
    definition = get_enabled_instrument(response.instrument)
    valid = validate_partial(definition, answers)
    response.answers = {**response.answers, **valid}
    response.save(update_fields=["answers"])
    # Item 9 counts the moment it is saved, however the page was left (pause, back, next, finish).
    safety_flag_raise(user=user, response=response)
    return response


@transaction.atomic
def response_complete(*, user, response_id: int, now: datetime | None = None) -> InstrumentResponse:
    """Score the full set and mark it complete, atomically; ``InvalidAnswers`` names any missing item."""
    response = _locked_in_progress(user=user, response_id=response_id)
    definition = get_enabled_instrument(response.instrument)
    result = score(definition, response.answers)
    _apply_score(response, result, now or timezone.now())
    response.save()
    safety_flag_raise(user=user, response=response)
    return response


@transaction.atomic
def response_discard(*, user, response_id: int) -> None:
    InstrumentResponse.objects.filter(owner=user, pk=response_id, status=InstrumentResponse.Status.IN_PROGRESS).delete()


# The two optional follow-up questions after a PHQ-9 item-9 answer above 0, in the project's own words
# (deliberately not the C-SSRS items, which are licensed). A yes to either asks for the urgent response.
SAFETY_FOLLOW_UP: tuple[tuple[str, str], ...] = (
    ("acting", "Are you thinking about acting on these thoughts?"),
    ("how_or_when", "Have you thought about how or when you might do it?"),
)


def item9_answer(response: InstrumentResponse) -> int:
    """The saved answer to the instrument's safety item (PHQ-9 item 9), 0 when none or not answered yet."""
    definition = get_instrument(response.instrument)
    if definition.safety_item_id is None:
        return 0
    value = response.answers.get(definition.safety_item_id)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@transaction.atomic
def safety_flag_raise(*, user, response: InstrumentResponse, now: datetime | None = None) -> SafetyFlag | None:
    """Record PHQ-9 item 9 above 0 for this response (called by every write of answers), or do nothing.

    One flag per response, keeping the highest answer given. A higher answer than before brings a put-away
    home card back.
    """
    answer = item9_answer(response)
    if answer <= 0:
        return None
    flag = SafetyFlag.objects.select_for_update().filter(owner=user, response=response).first()
    if flag is None:
        return SafetyFlag.objects.create(owner=user, response=response, answer=answer, raised_at=now or timezone.now())
    if answer > flag.answer:
        flag.answer = answer
        flag.dismissed_at = None
        flag.save(update_fields=["answer", "dismissed_at"])
    return flag


@transaction.atomic
def safety_follow_up_answer(
    *, user, flag_id: int, answers: Mapping[str, bool | None], now: datetime | None = None
) -> SafetyFlag:
    """Store the person's optional yes/no answers (encrypted); skipped questions are not stored at all."""
    flag = SafetyFlag.objects.select_for_update().get(owner=user, pk=flag_id)
    given = {key: ("yes" if answers[key] else "no") for key, _ in SAFETY_FOLLOW_UP if answers.get(key) is not None}
    if given:
        flag.follow_up = json.dumps(given, sort_keys=True)
        flag.follow_up_at = now or timezone.now()
        flag.save(update_fields=["follow_up", "follow_up_at"])
    return flag


def safety_follow_up(flag: SafetyFlag) -> dict[str, str]:
    """The stored follow-up answers as {question key: "yes" | "no"} (empty when not answered)."""
    try:
        found = json.loads(flag.follow_up) if flag.follow_up else {}
    except ValueError:
        return {}
    return {key: found[key] for key, _ in SAFETY_FOLLOW_UP if found.get(key) in {"yes", "no"}}


@transaction.atomic
def safety_flag_dismiss(*, user, flag_id: int, now: datetime | None = None) -> None:
    """Put the home card away (it comes back with the next flag)."""
    SafetyFlag.objects.filter(owner=user, pk=flag_id).update(dismissed_at=now or timezone.now())


def instrument_for_fhir(resource: Mapping[str, object]) -> Instrument:
    """Which instrument a QuestionnaireResponse answers: our canonical URL, else the LOINC-coded link ids."""
    canonical = resource.get("questionnaire")
    if isinstance(canonical, str) and canonical.startswith(domain_fhir.QUESTIONNAIRE_BASE):
        return get_enabled_instrument(canonical.removeprefix(domain_fhir.QUESTIONNAIRE_BASE).partition("|")[0])
    link_ids = {
        entry.get("linkId")
        for entry in resource.get("item") or []
        if isinstance(entry, Mapping) and isinstance(entry.get("linkId"), str)
    }
    overlaps = {
        candidate.slug: len(link_ids & {domain_fhir.link_id(item) for item in candidate.items})
        for candidate in enabled_instruments()
    }
    best = max(overlaps.values(), default=0)
    matches = [slug for slug, found in overlaps.items() if found == best]
    if best == 0:
        raise InstrumentUnavailable("The QuestionnaireResponse does not answer any instrument offered here.")
    if len(matches) > 1:
        # The four ECR-RS targets share their item ids: a mother's answers must never be read as a partner's.
        raise InstrumentUnavailable(
            f"The QuestionnaireResponse could answer {', '.join(matches)}; "
            f"set its 'questionnaire' to one of {domain_fhir.QUESTIONNAIRE_BASE}<slug>."
        )
    return get_instrument(matches[0])


def _fhir_authored(authored: object, *, now: datetime) -> datetime | None:
    """When an imported response was answered: absent means now; anything else must be a real, past moment.

    A wrong type, an impossible date or one outside domain/limits.py's years is refused rather than stored:
    a response "authored" in year 9999 made its owner's home page fail on every visit.
    """
    if authored is None:
        return None
    example = "a FHIR dateTime with a time zone, such as 2026-03-01T09:30:00+00:00"
    try:
        moment = parse_datetime(authored) if isinstance(authored, str) else None
    except ValueError:
        moment = None  # well formed but impossible, such as month 13
    if moment is None or timezone.is_naive(moment):
        raise InvalidAnswers([AnswerProblem(f"'authored' must be {example}, not {authored!r:.60}")])
    out_of_range = date_out_of_range(moment)
    if out_of_range:
        raise InvalidAnswers([AnswerProblem(f"'authored' {authored}: {out_of_range}")])
    if moment > now + timedelta(minutes=5):
        raise InvalidAnswers([AnswerProblem(f"'authored' {authored} is in the future")])
    return moment


@transaction.atomic
def response_import_fhir(*, user, resource: Mapping[str, object], now: datetime | None = None) -> InstrumentResponse:
    """Store a completed FHIR QuestionnaireResponse through the same scoring as every other answer."""
    if not isinstance(resource, Mapping) or resource.get("resourceType") != "QuestionnaireResponse":
        raise InvalidAnswers([AnswerProblem("the resource is not a QuestionnaireResponse")])
    definition = instrument_for_fhir(resource)
    answers = domain_fhir.answers_from_questionnaire_response(definition, resource)
    completed_at = _fhir_authored(resource.get("authored"), now=now or timezone.now())
    return response_submit(
        user=user,
        instrument=definition.slug,
        answers=answers,
        completed_at=completed_at,
        source=InstrumentResponse.Source.FHIR_IMPORT,
    )


@transaction.atomic
def schedule_set(*, user, instrument: str, every_days: int) -> Schedule:
    definition = get_enabled_instrument(instrument)
    if not 0 <= every_days <= 366:
        raise ValueError("every_days must be between 0 (not scheduled) and 366")
    schedule, _ = Schedule.objects.update_or_create(
        owner=user, instrument=definition.slug, defaults={"every_days": every_days}
    )
    return schedule


@transaction.atomic
def assumption_set(*, user, instrument: str, sd: float, reliability: float) -> ChangeAssumption:
    """Store the person's SD and reliability for an ECR instrument (checked by the domain's own rules)."""
    if instrument not in DEFAULT_ASSUMPTIONS:
        raise ValueError(f"{instrument} uses a fixed published rule; its assumptions cannot be changed")
    RCAssumptions(sd=sd, reliability=reliability, source="")  # raises ValueError with a reason
    if sd > 6:
        raise ValueError("a standard deviation above 6 is impossible on a 1-7 scale")
    assumption, _ = ChangeAssumption.objects.update_or_create(
        owner=user, instrument=instrument, defaults={"sd": sd, "reliability": reliability}
    )
    return assumption


@transaction.atomic
def assumption_reset(*, user, instrument: str) -> None:
    ChangeAssumption.objects.filter(owner=user, instrument=instrument).delete()
