import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from earnedsecure.accounts.models import User
from earnedsecure.core import crypto, keystore
from earnedsecure.core.fields import EncryptedTextField


def test_round_trip_and_no_plaintext_at_rest(canary):
    stored = crypto.encrypt(canary)
    assert canary not in stored
    assert crypto.decrypt(stored) == canary


def test_two_encryptions_of_the_same_text_differ(canary):
    assert crypto.encrypt(canary) != crypto.encrypt(canary)


def test_a_tampered_byte_fails_loudly(canary):
    stored = crypto.encrypt(canary)
    middle = len(stored) // 2
    tampered = stored[:middle] + ("A" if stored[middle] != "A" else "B") + stored[middle + 1 :]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered)


def test_the_field_prepares_ciphertext_and_reads_plaintext(canary):
    field = EncryptedTextField()
    stored = field.get_prep_value(canary)
    assert stored.startswith(crypto.PREFIX)
    assert field.from_db_value(stored, None, connection) == canary
    assert field.get_prep_value("") == ""


def test_rotation_reencrypts_and_retires_the_old_key(db, canary, settings, tmp_path, monkeypatch):
    monkeypatch.delenv("EARNEDSECURE_FIELD_KEYS", raising=False)
    settings.FIELD_KEYS_FILE = tmp_path / "keys"
    crypto.reset_keys()
    try:
        old_value = crypto.encrypt(canary)
        old_keys = crypto.current_keys()
        # A row written with the old key, stored raw (User has no encrypted column, so use a scratch table).
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE scratch_secret (id integer primary key, body text)")
            cursor.execute("INSERT INTO scratch_secret (id, body) VALUES (1, %s)", [old_value])

        class Scratch:
            class _meta:
                db_table = "scratch_secret"

                class pk:
                    column = "id"

        field = EncryptedTextField()
        field.column = "body"
        monkeypatch.setattr(
            "earnedsecure.core.management.commands.rotate_field_keys.encrypted_fields", lambda: [(Scratch, field)]
        )
        call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
        new_keys = crypto.current_keys()
        assert len(new_keys) == 1 and new_keys[0] not in old_keys
        with connection.cursor() as cursor:
            cursor.execute("SELECT body FROM scratch_secret WHERE id = 1")
            (new_value,) = cursor.fetchone()
        assert new_value != old_value
        assert crypto.decrypt(new_value) == canary
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(old_value)  # the old key is gone
    finally:
        crypto.reset_keys()


def test_the_key_file_is_private(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("EARNEDSECURE_FIELD_KEYS", raising=False)
    settings.FIELD_KEYS_FILE = tmp_path / "fresh_keys"
    crypto.reset_keys()
    try:
        crypto.encrypt("x")
        assert (tmp_path / "fresh_keys").stat().st_mode & 0o777 == 0o600
    finally:
        crypto.reset_keys()


def test_user_model_has_no_free_text_in_the_clear():
    # The account itself holds no free text; free-text fields elsewhere must use EncryptedTextField.
    assert not any(isinstance(f, EncryptedTextField) for f in User._meta.fields)


def test_rotation_refuses_with_a_clear_message_when_keys_come_from_the_environment(db, monkeypatch):
    # Issue 11, finding 8: it used to write a key file nobody reads and report success.
    from django.core.management.base import CommandError

    monkeypatch.setenv("EARNEDSECURE_FIELD_KEYS", Fernet.generate_key().decode())
    crypto.reset_keys()
    try:
        with pytest.raises(CommandError, match=r"EARNEDSECURE_FIELD_KEYS.*nothing was rotated"):
            call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finally:
        crypto.reset_keys()


def test_with_keys_from_the_environment_reencrypt_only_moves_everything_to_the_first_key(alice, canary, monkeypatch):
    from earnedsecure.diary.models import SavouringEntry

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("EARNEDSECURE_FIELD_KEYS", old)
    crypto.reset_keys()
    try:
        SavouringEntry.objects.create(owner=alice, what_happened=canary, occurred_at=timezone.now())
        master_value = crypto.encrypt(canary)  # a value with no owner, under the master key
        monkeypatch.setenv("EARNEDSECURE_FIELD_KEYS", f"{new},{old}")
        crypto.reset_keys()
        crypto.person_keys_forget()
        call_command("rotate_field_keys", "--reencrypt-only", stdout=open("/dev/null", "w"))  # noqa: SIM115
        monkeypatch.setenv("EARNEDSECURE_FIELD_KEYS", new)  # the old key is removed
        crypto.reset_keys()
        crypto.person_keys_forget()
        assert SavouringEntry.objects.get().what_happened == canary  # the person's key was re-wrapped
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(master_value)  # nothing stays readable under the removed key alone
    finally:
        crypto.reset_keys()


def test_rotation_rewraps_every_persons_key_and_their_rows_still_read(alice, canary, settings, tmp_path, monkeypatch):
    from earnedsecure.core.models import PersonKey
    from earnedsecure.diary.models import SavouringEntry

    monkeypatch.delenv("EARNEDSECURE_FIELD_KEYS", raising=False)
    settings.FIELD_KEYS_FILE = tmp_path / "keys"
    crypto.reset_keys()
    try:
        SavouringEntry.objects.create(owner=alice, what_happened=canary, occurred_at=timezone.now())
        key_id = PersonKey.objects.get(owner=alice).key_id
        wrapped_before = keystore.key_get(key_id)
        old_keys = crypto.current_keys()
        call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert crypto.current_keys() != old_keys
        assert keystore.key_get(key_id) not in {None, wrapped_before}
        crypto.person_keys_forget()
        assert SavouringEntry.objects.get().what_happened == canary
    finally:
        crypto.reset_keys()


def test_sealing_encrypts_former_plaintext_and_moves_master_key_values_to_the_persons_key(alice, canary):
    # What the data migration core.0003 does to rows written before per-person keys.
    from django.apps import apps

    from earnedsecure.coach.models import ThoughtRecord
    from earnedsecure.core.sealing import seal_rows

    record = ThoughtRecord.objects.create(
        owner=alice, automatic_thought="x", intensity_before=5, created_at=timezone.now()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE coach_thoughtrecord SET emotion = %s, automatic_thought = %s WHERE id = %s",
            ["afraid " + canary, crypto.encrypt(canary), record.pk],
        )
    sealed = seal_rows(apps.get_models(), were_plaintext=frozenset({"coach.thoughtrecord.emotion"}))
    assert sealed == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT emotion, automatic_thought FROM coach_thoughtrecord WHERE id = %s", [record.pk])
        stored = cursor.fetchone()
    assert all(value.startswith(crypto.PERSON_PREFIX) and canary not in value for value in stored)
    record.refresh_from_db()
    assert (record.emotion, record.automatic_thought) == ("afraid " + canary, canary)
    assert seal_rows(apps.get_models()) == 0  # a second run changes nothing
    # Nor does the migration's own second run (undone as a no-op, then run again): nothing is sealed twice.
    assert seal_rows(apps.get_models(), were_plaintext=frozenset({"coach.thoughtrecord.emotion"})) == 0
    record.refresh_from_db()
    assert (record.emotion, record.automatic_thought) == ("afraid " + canary, canary)
