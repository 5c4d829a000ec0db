"""Every write to the diary goes through these functions (pages and the JSON API alike).

Each one is atomic and validates the whole row before saving, so a bad value never leaves half an entry:
an invalid field raises ``django.core.exceptions.ValidationError`` with a message per field name.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from earnedsecure.core.risk import level_in
from earnedsecure.diary.models import Activation, Protest, Response, SavouringEntry, ToolSession
from earnedsecure.domain.limits import text_too_long

ACTIVATION_TEXT_FIELDS = ("trigger_note", "body_sensations", "thought", "response_note", "outcome")


def _check_text(errors: dict, **texts: str) -> None:
    for name, value in texts.items():
        message = text_too_long(value) if value is not None else None
        if message:
            errors[name] = message


def _check_scale(errors: dict, **values) -> None:
    for name, value in values.items():
        if value is not None and not (isinstance(value, int) and 0 <= value <= 10):
            errors[name] = "Choose a number from 0 to 10."


def _check_urges(errors: dict, urges) -> list[str]:
    urges = list(urges or [])
    unknown = [u for u in urges if u not in Protest.values]
    if unknown:
        errors["urges"] = f"Unknown protest behaviour: {', '.join(map(str, unknown))}."
    # Keep the order the choices are listed in, without duplicates.
    return [value for value in Protest.values if value in urges]


def _validate(instance, errors: dict) -> None:
    try:
        instance.full_clean(exclude=["owner"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            if name == "__all__" and errors:
                continue  # a check constraint repeating a field error we already named
            errors.setdefault(name, " ".join(messages))
    if errors:
        raise ValidationError(errors)


def _finish_recovery(activation: Activation) -> None:
    # The report's headline: recovery "from days to hours to minutes". Kept as a column so it aggregates in SQL.
    if activation.calm_at and activation.occurred_at:
        activation.recovery_minutes = max(0, int((activation.calm_at - activation.occurred_at).total_seconds() // 60))
    else:
        activation.recovery_minutes = None


def _read_risk(activation: Activation) -> None:
    # The level in the words as they now stand, for the professional-help rule (hazard log H15); an edit that
    # takes the risk out lowers it, one that adds it raises it.
    activation.risk_level = level_in(*(getattr(activation, name) for name in ACTIVATION_TEXT_FIELDS))


@transaction.atomic
def activation_create(
    *,
    owner,
    trigger: str,
    intensity: int,
    occurred_at: datetime | None = None,
    trigger_note: str = "",
    body_sensations: str = "",
    thought: str = "",
    urges=(),
    response: str = "",
    response_note: str = "",
    protest_result: str = "",
    outcome: str = "",
    calm_at: datetime | None = None,
    now: datetime | None = None,
) -> Activation:
    now = now or timezone.now()
    errors: dict[str, str] = {}
    _check_text(
        errors,
        trigger_note=trigger_note,
        body_sensations=body_sensations,
        thought=thought,
        response_note=response_note,
        outcome=outcome,
    )
    _check_scale(errors, intensity=intensity)
    urges = _check_urges(errors, urges)
    occurred_at = occurred_at or now
    if occurred_at > now + timezone.timedelta(minutes=5):
        errors["occurred_at"] = "This can't be in the future."
    if protest_result and response != Response.PROTEST:
        errors["protest_result"] = "Only for a protest behaviour."
    if calm_at is not None and calm_at < occurred_at:
        errors["calm_at"] = "Calm again has to be after it started."
    activation = Activation(
        owner=owner,
        occurred_at=occurred_at,
        trigger=trigger,
        trigger_note=trigger_note or "",
        intensity=intensity,
        body_sensations=body_sensations or "",
        thought=thought or "",
        urges=urges,
        response=response or "",
        response_note=response_note or "",
        protest_result=protest_result or "",
        outcome=outcome or "",
        outcome_recorded_at=now if outcome else None,
        calm_at=calm_at,
    )
    _finish_recovery(activation)
    _read_risk(activation)
    _validate(activation, errors)
    activation.save()
    return activation


@transaction.atomic
def activation_update(*, activation: Activation, now: datetime | None = None, **changes) -> Activation:
    """Change any of the fields ``activation_create`` takes; the rest stay as they were."""
    now = now or timezone.now()
    allowed = {
        "occurred_at",
        "trigger",
        "trigger_note",
        "intensity",
        "body_sensations",
        "thought",
        "urges",
        "response",
        "response_note",
        "protest_result",
        "outcome",
        "calm_at",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"activation_update() got unexpected fields {sorted(unknown)}")
    errors: dict[str, str] = {}
    _check_text(errors, **{k: v for k, v in changes.items() if k in ACTIVATION_TEXT_FIELDS})
    if "intensity" in changes:
        _check_scale(errors, intensity=changes["intensity"])
    if "urges" in changes:
        changes["urges"] = _check_urges(errors, changes["urges"])
    had_outcome = bool(activation.outcome)
    for name, value in changes.items():
        setattr(activation, name, "" if value is None and name not in {"calm_at", "occurred_at"} else value)
    if activation.protest_result and activation.response != Response.PROTEST:
        errors["protest_result"] = "Only for a protest behaviour."
    if activation.calm_at is not None and activation.occurred_at and activation.calm_at < activation.occurred_at:
        errors["calm_at"] = "Calm again has to be after it started."
    # The same rule as activation_create: an edit cannot move an entry into the future either.
    for name in ("occurred_at", "calm_at"):
        if changes.get(name) is not None and changes[name] > now + timezone.timedelta(minutes=5):
            errors[name] = "This can't be in the future."
    if activation.outcome and not had_outcome:
        activation.outcome_recorded_at = now
    _finish_recovery(activation)
    _read_risk(activation)
    _validate(activation, errors)
    activation.save()
    return activation


@transaction.atomic
def activation_follow_up(
    *,
    activation: Activation,
    outcome: str,
    calm_at: datetime | None,
    protest_result: str = "",
    now: datetime | None = None,
) -> Activation:
    """Close the loop hours later: what actually happened, when calm came back, whether a protest worked."""
    now = now or timezone.now()
    if calm_at is not None and calm_at > now + timezone.timedelta(minutes=5):
        raise ValidationError({"calm_at": "This can't be in the future."})
    changes = {"outcome": outcome or "", "calm_at": calm_at}
    if activation.response == Response.PROTEST:
        changes["protest_result"] = protest_result or ""
    elif protest_result:
        raise ValidationError({"protest_result": "Only for a protest behaviour."})
    activation = activation_update(activation=activation, now=now, **changes)
    if activation.outcome_recorded_at is None:
        # Answered, even if only with a time: the app stops asking.
        activation.outcome_recorded_at = now
        activation.save(update_fields=["outcome_recorded_at"])
    return activation


@transaction.atomic
def tool_session_record(
    *,
    owner,
    tool: str,
    distress_before: int,
    distress_after: int | None = None,
    started_at: datetime | None = None,
    duration_seconds: int = 0,
    activation: Activation | None = None,
    note: str = "",
    now: datetime | None = None,
) -> ToolSession:
    now = now or timezone.now()
    errors: dict[str, str] = {}
    _check_text(errors, note=note)
    _check_scale(errors, distress_before=distress_before, distress_after=distress_after)
    if activation is not None and activation.owner_id != owner.pk:
        # Callers fetch the activation through the access layer; this is the last line of defence.
        errors["activation"] = "Not found."
        activation = None
    # The same rule as activations: an exercise cannot have started in the future.
    if started_at is not None and started_at > now + timezone.timedelta(minutes=5):
        errors["started_at"] = "This can't be in the future."
    session = ToolSession(
        owner=owner,
        tool=tool,
        started_at=started_at or now,
        duration_seconds=duration_seconds or 0,
        distress_before=distress_before,
        distress_after=distress_after,
        activation=activation,
        note=note or "",
    )
    if duration_seconds is not None and duration_seconds < 0:
        errors["duration_seconds"] = "Can't be negative."
    if duration_seconds and duration_seconds > 24 * 3600:
        errors["duration_seconds"] = "Please keep this under a day."
    _validate(session, errors)
    session.save()
    return session


@transaction.atomic
def savouring_create(
    *,
    owner,
    what_happened: str,
    occurred_at: datetime | None = None,
    with_partner: bool = True,
    feeling_minutes: int | None = None,
    thanked_partner: bool = False,
    now: datetime | None = None,
) -> SavouringEntry:
    now = now or timezone.now()
    errors: dict[str, str] = {}
    _check_text(errors, what_happened=what_happened)
    if not (what_happened or "").strip():
        errors["what_happened"] = "Write a few words about the good moment."
    occurred_at = occurred_at or now
    if occurred_at > now + timezone.timedelta(minutes=5):
        errors["occurred_at"] = "This can't be in the future."
    entry = SavouringEntry(
        owner=owner,
        occurred_at=occurred_at,
        what_happened=what_happened or "",
        with_partner=with_partner,
        feeling_minutes=feeling_minutes,
        thanked_partner=thanked_partner,
    )
    _validate(entry, errors)
    entry.save()
    return entry
