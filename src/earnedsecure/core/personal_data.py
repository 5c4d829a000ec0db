"""Registry of every model that holds a person's data: what export includes and what deletion removes.

Apps register their models in ``AppConfig.ready`` with ``register(Model)``. A test walks every installed
model with a foreign key to the user and fails when one is neither registered nor listed in
``NOT_PERSONAL`` with a reason, so a new model cannot be forgotten in "export my data".
"""

from dataclasses import dataclass

from django.core import serializers


@dataclass(frozen=True)
class Registration:
    model: type
    owner_field: str
    exclude: tuple[str, ...] = ()


_REGISTRY: dict[str, Registration] = {}

# Models with a user foreign key that are deliberately not in the export, and why.
NOT_PERSONAL = {
    "account.emailconfirmation": "one-time tokens; the address itself is exported with the account",
    "mfa.authenticator": "secrets for two-factor sign-in; exporting them would weaken the account",
    "usersessions.usersession": "session bookkeeping; listed on the sessions page",
    "admin.logentry": "operator audit log",
    "core.personkey": "which key in the key store is the person's (no key material); deleted with the account",
    "accounts.exportlink": "the hash of a single-use link to this very export; gone once used or replaced",
    "research.researcheraccess": "how long a researcher account may see the studies page; an operator's record",
    "research.release": "a researcher's expiring link to an export (no one's row); an operator's record",
    "core.submission": "a random token a form carried and the address it led to, so it is saved once; kept a day",
}


# Text columns of personal models kept in plaintext on purpose, and why. Every other text column of a registered
# model is encrypted (core/fields.py); a test writes a marker into each and finds it nowhere in the database
# files. Columns with choices hold the app's own vocabulary, never a person's words, and are not listed.
PLAINTEXT_BY_DESIGN = {
    "accounts.user.username": "sign-in looks it up; deleted with the account",
    "accounts.user.email": "sign-in and password reset look it up; deleted with the account",
    "account.emailaddress.email": "allauth's verified addresses, looked up at sign-in; deleted with the account",
    "accounts.user.password": "an Argon2id hash, not the password",
    "accounts.user.first_name": "no form sets it (only the demo person's name); deleted with the account",
    "accounts.user.last_name": "never set by the app; deleted with the account",
    "accounts.user.time_zone": "an IANA zone name the app needs in SQL to bucket days",
    "assessments.instrumentresponse.instrument": "an instrument slug of the app",
    "assessments.instrumentresponse.instrument_version": "the instrument's version",
    "assessments.instrumentresponse.band": (
        "the score's band, aggregated in SQL for trajectories like the score; the answers are encrypted"
    ),
    "assessments.schedule.instrument": "an instrument slug of the app",
    "assessments.changeassumption.instrument": "an instrument slug of the app",
    "journey.lessonprogress.lesson_slug": "a lesson slug of the app",
    "journey.programenrolment.program_slug": "a program slug of the app",
    "journey.reminder.key": "the reminder's key, made by the app from its own slugs",
    "journey.reminder.instrument": "an instrument slug of the app",
    "diary.activation.urges": "protest-behaviour keys of the app's vocabulary (domain/cycle)",
    "research.participant.code": "a random id made for one study (domain/research), nothing the person wrote",
    "partners.invite.code_hash": "a keyed hash of a one-time code, looked up when the partner enters it",
    "care.therapist.display_name": "the name a therapist chose to show clients, not a client's words",
    "care.accesslogentry.actor_name": "the therapist's shown name, so the log outlives their account",
    "care.accesslogentry.categories": "category keys of the app",
    "care.accesslogentry.previous_hash": "a SHA-256 hash that chains the log",
    "care.accesslogentry.row_hash": "a SHA-256 hash that chains the log",
    "care.accesslogentry.request_id": "the random id of the request that read (core/logs.py), nothing about anyone",
    "care.homework.slug": "a slug of the app's own tools, lessons or programs",
}


def register(model, owner_field: str = "owner", exclude: tuple[str, ...] = ()) -> None:
    _REGISTRY[model._meta.label_lower] = Registration(model=model, owner_field=owner_field, exclude=exclude)


def registrations() -> list[Registration]:
    return sorted(_REGISTRY.values(), key=lambda r: r.model._meta.label_lower)


def owner_field_for(model) -> str:
    try:
        return _REGISTRY[model._meta.label_lower].owner_field
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered as personal data") from None


def export_columns(registration: Registration) -> list[str]:
    """The fields of each exported row of the registration's model, in order: "id", then what Django's
    serializer writes (its concrete fields, then many-to-many), less the excluded ones. Named here so that a
    table with no rows still has its columns (a CSV header); a test holds them equal to the rows' keys."""
    opts = registration.model._meta.concrete_model._meta
    fields = [field for field in [*opts.local_fields, *opts.local_many_to_many] if field.serialize]
    return ["id", *(field.name for field in fields if field.name not in registration.exclude)]


def export_rows(user) -> dict[str, list[dict]]:
    """Every registered model's rows for ``user``, as plain JSON-ready dicts (encrypted text decrypted)."""
    exported: dict[str, list[dict]] = {}
    for registration in registrations():
        rows = registration.model.objects.filter(**{registration.owner_field: user.pk}).order_by("pk")
        exported[registration.model._meta.label_lower] = [
            {"id": item["pk"], **{k: v for k, v in item["fields"].items() if k not in registration.exclude}}
            for item in serializers.serialize("python", rows)
        ]
    return exported
