"""Write a marker into every text field of every personal model, for the at-rest and deletion tests.

Run in the test process (any database) and in a fresh ``earnedsecure`` process on a real SQLite file, whose
bytes the tests then search (``python -m earnedsecure manage shell -c ...``; see the tests' ``run_script``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from earnedsecure.core import personal_data
from earnedsecure.core.fields import EncryptedJSONField


def text_fields_to_mark(model):
    """Text and JSON columns of a personal model that must never hold a marker in the clear."""
    for field in model._meta.concrete_fields:
        label = f"{model._meta.label_lower}.{field.name}"
        if field.choices or label in personal_data.PLAINTEXT_BY_DESIGN:
            continue
        if isinstance(field, models.CharField | models.TextField | models.JSONField | EncryptedJSONField):
            yield field


def marked_value(field, marker):
    if isinstance(field, models.JSONField | EncryptedJSONField):
        return {marker: marker} if isinstance(field.get_default(), dict) else [marker]
    return marker


def mark_everything(owner, marker) -> int:
    """One row of every registered model owned by ``owner``, every text field holding ``marker``."""
    marked = 0
    for registration in personal_data.registrations():
        model = registration.model
        if model._meta.label == settings.AUTH_USER_MODEL:
            continue  # the account itself: its text columns are plaintext by design (and deleted with it)
        to_mark = list(text_fields_to_mark(model))
        if not to_mark:
            continue  # nothing a person writes (consent, lesson progress...)
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.has_default() or field.null or getattr(field, "auto_now", False):
                continue
            if getattr(field, "auto_now_add", False):
                continue
            if isinstance(field, models.ForeignKey):
                if field.related_model._meta.label == settings.AUTH_USER_MODEL:
                    values[field.name] = owner
                continue
            if isinstance(field, models.DateTimeField):
                values[field.name] = timezone.now()
            elif isinstance(field, models.DateField):
                values[field.name] = timezone.now().date()
            elif isinstance(field, models.FloatField):
                values[field.name] = 0.5  # within every range check (a reliability, a standard deviation)
            elif isinstance(field, models.IntegerField):
                values[field.name] = 1
            elif isinstance(field, models.CharField | models.TextField):
                values[field.name] = field.choices[0][0] if field.choices else "x"
        if model._meta.label_lower == "account.emailaddress":
            values["email"] = f"second-{owner.email}"
        for field in to_mark:
            values[field.name] = marked_value(field, marker)
            marked += 1
        model.objects.create(**values)
    return marked
