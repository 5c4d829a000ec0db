"""Every free-text column of every app is ciphertext on disk, and account deletion leaves nothing behind.

Generic over the models: a new model with an EncryptedTextField is covered the day it is added."""

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from earnedsecure.accounts import services
from earnedsecure.core import personal_data
from earnedsecure.core.fields import EncryptedTextField, encrypted_fields


def _minimal_instance(model, owner, text):
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
        if isinstance(field, EncryptedTextField):
            values[field.name] = text
        elif isinstance(field, models.DateTimeField):
            values[field.name] = timezone.now()
        elif isinstance(field, models.DateField):
            values[field.name] = timezone.now().date()
        elif isinstance(field, models.IntegerField | models.FloatField):
            values[field.name] = 1
        elif isinstance(field, models.CharField | models.TextField):
            values[field.name] = field.choices[0][0] if field.choices else "x"
    for field in model._meta.concrete_fields:
        if isinstance(field, EncryptedTextField):
            values[field.name] = text
    return model.objects.create(**values)


def _raw_values():
    with connection.cursor() as cursor:
        for model, field in encrypted_fields():
            cursor.execute(f"SELECT {field.column} FROM {model._meta.db_table}")  # noqa: S608
            yield from (value for (value,) in cursor.fetchall())


def test_every_free_text_column_is_ciphertext_on_disk(alice, canary):
    fields = encrypted_fields()
    assert len({model for model, _ in fields}) >= 5  # diary, savouring, tools, thought records, drafts
    for model in {model for model, _ in fields}:
        instance = _minimal_instance(model, alice, canary)
        instance.refresh_from_db()
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                assert getattr(instance, field.name) == canary  # the app reads plaintext
    stored = [value for value in _raw_values() if value]
    assert len(stored) >= len(fields)
    assert all(canary not in value for value in stored)  # the disk holds none


def test_deleting_an_account_removes_every_row_of_every_app(alice, bob, canary):
    for model in {model for model, _ in encrypted_fields()}:
        _minimal_instance(model, alice, canary)
        _minimal_instance(model, bob, "bob's own words")
    alice_id = alice.pk
    services.account_delete(user=alice)
    for registration in personal_data.registrations():
        rows = registration.model.objects.filter(**{registration.owner_field: alice_id})
        assert not rows.exists(), registration.model._meta.label
    assert any(value for value in _raw_values())  # Bob's entries are untouched


def test_deleting_the_demo_person_leaves_no_row_from_any_seeder(db):
    from earnedsecure.core.demo import demo_create

    person = demo_create(months=2)
    registrations = personal_data.registrations()
    before = sum(r.model.objects.filter(**{r.owner_field: person.pk}).count() for r in registrations)
    assert before > 100  # every app seeded something
    services.account_delete(user=person)
    left = {
        r.model._meta.label: r.model.objects.filter(**{r.owner_field: person.pk}).count()
        for r in registrations
        if r.model.objects.filter(**{r.owner_field: person.pk}).exists()
    }
    assert left == {}
