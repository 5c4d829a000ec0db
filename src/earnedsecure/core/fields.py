"""The one field type for free text a person writes. Every model with personal free text uses it."""

from django.db import models

from earnedsecure.core import crypto


class EncryptedTextField(models.TextField):
    """A text column stored as authenticated ciphertext; Python code only ever sees the plaintext.

    It cannot be searched or ordered in SQL, by design. An empty string is stored as an empty string so that
    "nothing written" is distinguishable without decrypting.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        # A person's own words: the one free-text limit, refused with a message rather than cut (free_text.py).
        from earnedsecure.core.free_text import FreeTextField, LimitedTextarea

        return super().formfield(**{"form_class": FreeTextField, "widget": LimitedTextarea, **kwargs})


def encrypted_fields():
    """Every (model, field) pair that holds encrypted text, for key rotation and leak tests."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]
