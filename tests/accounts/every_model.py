"""Rows for every model that holds a person's data, made from the models' own fields (the introspection the
data-rights tests use: ``personal_data.registrations()``), so a model added tomorrow gets rows too.

``rows_of_every_model(owner, n)`` tries to make ``n`` rows of each registered model for ``owner``, varying the
values row by row; a model that allows one row a person (a safety plan, a partner link) gets one. A row that
points to another row (a safety flag to its check-in, a grant to a therapist) gets its own, made the same way
and owned by someone else, so other people's rows are in the database too.
"""

from datetime import timedelta
from itertools import count

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from earnedsecure.core import personal_data
from earnedsecure.core.fields import EncryptedJSONField
from tests.personas import make_person

# Values the field types alone cannot give: checks that tie one column to another.
OVERRIDES = {
    "care.grant": {"expires_at": lambda now, i: now + timedelta(days=30 + i), "check_ins": lambda now, i: True},
}
_people = count()
_related_rows = count(100)  # rows made for another row to point to: their unique columns differ from every other


def _choice(field, i):
    flat = [value for value, label in field.flatchoices]
    return flat[i % len(flat)]


def _value(model, field, owner, i, now):
    """A value for a required ``field`` of row ``i``, or None to leave the field to its default."""
    if isinstance(field, models.ForeignKey):  # and one-to-one
        related = field.related_model
        if related._meta.label == settings.AUTH_USER_MODEL:
            return owner if field.name == _owner_field(model) else make_person(f"someone{next(_people)}")
        return _make(related, make_person(f"someone{next(_people)}"), next(_related_rows), now)
    if field.choices:
        return _choice(field, i)
    if isinstance(field, models.DateTimeField):
        return now - timedelta(hours=i)
    if isinstance(field, models.DateField):
        return (now - timedelta(days=i)).date()
    if isinstance(field, models.FloatField):
        return 0.5  # within every range check (a reliability, a standard deviation)
    if isinstance(field, models.IntegerField):
        return 1 + i % 5
    if isinstance(field, models.EmailField):
        return f"row{i}-{owner.email}"
    if isinstance(field, models.CharField | models.TextField):
        return f"row {i} of {model._meta.label_lower}"[: field.max_length or None]
    if isinstance(field, models.JSONField | EncryptedJSONField):
        return {"row": i} if isinstance(field.get_default(), dict) else [f"row {i}"]
    return None


def _owner_field(model):
    try:
        return personal_data.owner_field_for(model)
    except LookupError:
        return None


def _make(model, owner, i, now):
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.has_default() or field.null or getattr(field, "auto_now", False):
            continue
        if getattr(field, "auto_now_add", False):
            continue
        value = _value(model, field, owner, i, now)
        if value is not None:
            values[field.name] = value
    for name, make in OVERRIDES.get(model._meta.label_lower, {}).items():
        values[name] = make(now, i)
    return model.objects.create(**values)


def rows_of_every_model(owner, n) -> dict[str, int]:
    """Make up to ``n`` rows of every registered model for ``owner``; returns how many of each were made."""
    now = timezone.now()
    made = {}
    for registration in personal_data.registrations():
        model = registration.model
        label = model._meta.label_lower
        made[label] = 0
        if model._meta.label == settings.AUTH_USER_MODEL:
            continue  # the account itself: there is one
        for i in range(n):
            try:
                with transaction.atomic():
                    _make(model, owner, i, now)
            except IntegrityError:
                continue  # one row a person (a safety plan, a partner link), or one per something fewer than n
            made[label] += 1
    return made
