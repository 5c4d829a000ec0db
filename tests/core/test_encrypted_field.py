import pytest
from django.core.management import call_command
from django.db import connection

from earnedsecure.accounts.models import User
from earnedsecure.core import crypto
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
