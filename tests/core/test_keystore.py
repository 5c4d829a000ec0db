"""The key store (core/keystore.py): each person's key apart from the main database, and the two kept consistent
without a shared transaction (issue 11, deletion that is really gone)."""

import sqlite3
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from earnedsecure.accounts.services import account_delete
from earnedsecure.core import crypto, keystore
from earnedsecure.core.models import PersonKey
from earnedsecure.diary.models import Activation, SavouringEntry
from earnedsecure.diary.services import activation_create


def _write(person, words="words"):
    return SavouringEntry.objects.create(owner=person, what_happened=words, occurred_at=timezone.now())


def _key_id(person) -> str:
    return PersonKey.objects.get(owner=person).key_id


def test_the_main_database_holds_only_the_keys_id(alice, canary):
    _write(alice, canary)
    key_id = _key_id(alice)
    wrapped = keystore.key_get(key_id)
    assert wrapped  # the key is in the key store...
    assert {field.name for field in PersonKey._meta.concrete_fields} == {"id", "owner", "key_id", "created_at"}
    with connection.cursor() as cursor:  # ...and nowhere in the main database's reference row
        cursor.execute("SELECT * FROM core_personkey")
        assert not [value for row in cursor.fetchall() for value in row if wrapped in str(value)]
    crypto.person_keys_forget()
    assert SavouringEntry.objects.get().what_happened == canary


def test_the_key_store_file_is_private(alice):
    _write(alice)
    assert keystore.path().stat().st_mode & 0o777 == 0o600


def test_if_the_key_cannot_be_stored_nothing_is_written_and_no_reference_is_left(alice, monkeypatch):
    def broken(**kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(keystore, "key_add", broken)
    with pytest.raises(sqlite3.OperationalError):
        activation_create(owner=alice, trigger="unavailable", intensity=5, thought="never kept")
    assert not PersonKey.objects.filter(owner=alice).exists()  # no person pointing at a key that is not there
    assert not Activation.objects.exists()


def test_a_key_left_by_a_rolled_back_transaction_is_destroyed_a_day_later(alice, bob):
    _write(bob)
    with pytest.raises(RuntimeError), transaction.atomic():
        _write(alice)
        orphan = _key_id(alice)
        raise RuntimeError("the request failed after the key was stored")
    assert not PersonKey.objects.filter(owner=alice).exists()
    assert keystore.key_get(orphan) is not None  # stored, referenced by nobody, opening nothing that was kept

    now = timezone.now()
    assert crypto.person_keys_unreferenced_destroy(now=now) == 0  # it might still be in a transaction
    assert crypto.person_keys_unreferenced_destroy(now=now + timedelta(days=1, minutes=1)) == 1
    assert keystore.key_get(orphan) is None
    assert keystore.key_get(_key_id(bob)) is not None  # a key someone refers to is never touched

    _write(alice, "after")  # she gets a new key the next time she writes
    assert _key_id(alice) != orphan


def test_deleting_a_person_destroys_their_key_once_the_deletion_commits(alice, bob, django_capture_on_commit_callbacks):
    _write(alice)
    _write(bob, "bob's")
    alice_key, bob_key = _key_id(alice), _key_id(bob)
    with django_capture_on_commit_callbacks() as callbacks:
        account_delete(user=alice)
        assert keystore.key_get(alice_key) is not None  # not before: a failed deletion must not lose her words
    for callback in callbacks:
        callback()
    assert keystore.key_get(alice_key) is None
    assert keystore.keys_known([alice_key]) == (set(), {alice_key})  # its id is remembered as destroyed
    crypto.person_keys_forget()
    assert keystore.key_get(bob_key) is not None
    assert SavouringEntry.objects.get().what_happened == "bob's"


def test_if_the_key_store_fails_at_deletion_the_account_still_goes_and_the_purge_destroys_the_key(
    alice, monkeypatch, django_capture_on_commit_callbacks
):
    from earnedsecure.core.retention import retention_purge

    _write(alice)
    key_id = _key_id(alice)
    real_destroy = keystore.keys_destroy

    def broken(key_ids):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(keystore, "keys_destroy", broken)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=alice)  # the failure is logged, not shown to the person
    assert keystore.key_get(key_id) is not None
    monkeypatch.setattr(keystore, "keys_destroy", real_destroy)
    counts = retention_purge(now=timezone.now() + timedelta(days=1, minutes=1))
    assert counts["keys nobody refers to"] == 1
    assert keystore.key_get(key_id) is None


def test_a_key_backup_never_brings_back_a_destroyed_key(alice, bob, settings, tmp_path):
    _write(alice)
    _write(bob)
    alice_key, bob_key = _key_id(alice), _key_id(bob)
    copy = keystore.store_copy()
    keystore.keys_destroy([alice_key])
    assert keystore.store_merge(copy) == (0, 0)  # nothing added: hers stays destroyed
    assert keystore.key_get(alice_key) is None and keystore.key_get(bob_key) is not None

    # Into an empty key store (the old one lost), the backup brings every key back.
    settings.PERSON_KEYS_FILE = tmp_path / "new_store.sqlite3"
    assert keystore.store_merge(copy) == (2, 0)
    assert keystore.key_get(alice_key) is not None
    # And a later backup that knew hers as destroyed destroys it here too.
    settings.PERSON_KEYS_FILE = tmp_path / "newest_store.sqlite3"
    keystore.store_merge(copy)
    keystore.keys_destroy([alice_key])
    knows_it_destroyed = keystore.store_copy()
    settings.PERSON_KEYS_FILE = tmp_path / "new_store.sqlite3"
    assert keystore.store_merge(knows_it_destroyed) == (0, 1)
    assert keystore.key_get(alice_key) is None and keystore.key_get(bob_key) is not None


def test_rotation_stops_with_both_keys_kept_when_the_main_database_fails(
    alice, canary, settings, tmp_path, monkeypatch
):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    monkeypatch.delenv("EARNEDSECURE_FIELD_KEYS", raising=False)
    settings.FIELD_KEYS_FILE = tmp_path / "keys"
    crypto.reset_keys()
    try:
        _write(alice, canary)
        old_keys = crypto.current_keys()
        wrapped_before = keystore.key_get(_key_id(alice))

        def broken():
            raise RuntimeError("the main database went away")

        monkeypatch.setattr("earnedsecure.accounts.services.two_step_secrets_reencrypt", broken)
        with pytest.raises(CommandError, match="both kept"):
            call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert crypto.current_keys()[1:] == old_keys  # the new key first, the old one still there
        assert keystore.key_get(_key_id(alice)) == wrapped_before  # the key store's change was rolled back
        crypto.person_keys_forget()
        assert SavouringEntry.objects.get().what_happened == canary
    finally:
        crypto.reset_keys()


def test_a_new_store_gets_its_tables_before_wal_so_no_thread_finds_wal_without_tables(tmp_path):
    """A connection that finds the store in WAL mode skips the set-up, so WAL must come last: the other order let a
    thread in between and it failed with "no such table: person_key" (seen once in CI, six threads at once)."""
    import sqlite3

    from earnedsecure.core import keystore

    conn = sqlite3.connect(tmp_path / "keys.sqlite3", isolation_level=None)
    said: list[str] = []
    conn.set_trace_callback(said.append)
    keystore._configure(conn)
    conn.close()
    created = next(i for i, sql in enumerate(said) if "CREATE TABLE" in sql)
    wal = next(i for i, sql in enumerate(said) if "journal_mode=WAL" in sql)
    assert created < wal
