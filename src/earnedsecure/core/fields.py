"""The field types for what a person writes or answers. Every personal model with free text uses them.

A value is encrypted with its owner's own key (core/crypto.py), found through the personal-data registry
(core/personal_data.py); a model that is not personal data falls back to the master key.
"""

import json

from django import forms
from django.db import models

from earnedsecure.core import crypto


class _Sealed(str):
    """Ciphertext made by ``pre_save`` (which knows the row's owner); stored as is, never encrypted twice."""


def _owner_id(instance) -> int | None:
    from earnedsecure.core import personal_data

    try:
        owner_field = personal_data.owner_field_for(type(instance))
    except LookupError:
        return None
    if owner_field == "pk":
        return instance.pk
    return getattr(instance, type(instance)._meta.get_field(owner_field).attname)


class EncryptedTextField(models.TextField):
    """A text column stored as authenticated ciphertext; Python code only ever sees the plaintext.

    It cannot be searched or ordered in SQL, by design. An empty string is stored as an empty string so that
    "nothing written" is distinguishable without decrypting.
    """

    description = "Text encrypted at rest"

    def _to_text(self, value) -> str:
        return str(value)

    def _from_text(self, text: str):
        return text

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return self._from_text(crypto.decrypt(value))

    def to_python(self, value):
        return value

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value is None or value == "":
            return value
        return _Sealed(crypto.encrypt(self._to_text(value), owner_id=_owner_id(model_instance)))

    def get_prep_value(self, value):
        if isinstance(value, _Sealed):
            return str(value)
        if value is None or value == "":
            return value
        # No row at hand (QuerySet.update, a lookup): the owner is unknown, so the master key.
        return crypto.encrypt(self._to_text(value))

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        # A person's own words: the one free-text limit, refused with a message rather than cut (free_text.py).
        from earnedsecure.core.free_text import FreeTextField, LimitedTextarea

        return super().formfield(**{"form_class": FreeTextField, "widget": LimitedTextarea, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """Any JSON value (a list, a dict, a number, a flag) stored encrypted: check-in answers, the item-9
    answer and flag, the evidence a draft was flagged on. Never empty on disk: ``[]`` is encrypted too."""

    description = "JSON encrypted at rest"

    def _to_text(self, value) -> str:
        return json.dumps(value, separators=(",", ":"))

    def _from_text(self, text: str):
        return json.loads(text)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value is None:
            return None
        return _Sealed(crypto.encrypt(self._to_text(value), owner_id=_owner_id(model_instance)))

    def get_prep_value(self, value):
        if isinstance(value, _Sealed) or value is None:
            return value if value is None else str(value)
        return crypto.encrypt(self._to_text(value))

    def value_to_string(self, obj):
        return self.value_from_object(obj)  # the serializers (export) keep the JSON value, as JSONField does

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": forms.JSONField, **kwargs})


def encrypted_fields():
    """Every (model, field) pair that holds encrypted text, for key rotation and leak tests."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]
