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
