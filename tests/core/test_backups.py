"""Backups you can trust (issue 11): encrypted, made online, and proven by a restore drill."""

from pathlib import Path

from .test_data_at_rest import run_script

DRILL = """
import json
from pathlib import Path
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from earnedsecure.accounts.models import User
from earnedsecure.core import crypto, keystore
from earnedsecure.diary.models import Activation
from django.utils import timezone

alice = User.objects.create_user(username="alice", email="alice@example.org", password="x" * 20)
Activation.objects.create(owner=alice, occurred_at=timezone.now(), intensity=6, thought="BACKED-UP-WORDS")
backup = settings.DATA_DIR / "nightly.backup"
call_command("backup", str(backup))
data = backup.read_bytes()

# Change everything after the backup: edit, add, delete.
Activation.objects.update(intensity=2)
first = Activation.objects.get()
first.thought = "CHANGED-AFTER"
first.save()
User.objects.create_user(username="later", password="y" * 20)

call_command("restore", str(backup))
tampered = settings.DATA_DIR / "tampered.backup"
tampered.write_bytes(data[:-10] + bytes(10))
try:
    call_command("restore", str(tampered))
    refused = ""
except CommandError as error:
    refused = str(error)
row = Activation.objects.get()
restored = (row.thought, row.intensity, sorted(User.objects.values_list("username", flat=True)))

# The key store lost as well: both are put back from their backups.
(key_backup,) = settings.KEY_BACKUP_DIR.glob("person-keys-*.backup")
key_data = key_backup.read_bytes()
for suffix in ("", "-wal", "-shm"):
    Path(f"{keystore.path()}{suffix}").unlink(missing_ok=True)
crypto.person_keys_forget()
call_command("restore", str(backup), "--keys", str(key_backup))
crypto.person_keys_forget()
try:
    call_command("restore", str(key_backup))
    mixed_up = ""
except CommandError as error:
    mixed_up = str(error)
print(json.dumps({
    "size": len(data),
    "mode": oct(backup.stat().st_mode & 0o777),
    "key_backup_mode": oct(key_backup.stat().st_mode & 0o777),
    "key_backup_folder_mode": oct(settings.KEY_BACKUP_DIR.stat().st_mode & 0o777),
    "plaintext_in_backup": data.count(b"alice@example.org") + data.count(b"SQLite format"),
    "plaintext_in_key_backup": key_data.count(b"SQLite format") + key_data.count(b"person_key"),
    "restored": restored,
    "after_losing_the_key_store": Activation.objects.get().thought,
    "tampered_refused": refused,
    "key_backup_as_database_refused": mixed_up,
}))
"""


def test_a_restore_drill_brings_back_exactly_what_was_backed_up(tmp_path: Path):
    found = run_script(tmp_path, DRILL)
    assert found["size"] > 100_000  # a whole database, not an empty dump
    assert found["mode"] == "0o600"
    assert found["plaintext_in_backup"] == 0  # encrypted: not even the SQLite header shows
    assert found["restored"] == ["BACKED-UP-WORDS", 6, ["alice"]]
    assert "does not open" in found["tampered_refused"]
    # The key store has its own backup, private and encrypted; with it, a lost key store is no loss.
    assert (found["key_backup_mode"], found["key_backup_folder_mode"]) == ("0o600", "0o700")
    assert found["plaintext_in_key_backup"] == 0
    assert found["after_losing_the_key_store"] == "BACKED-UP-WORDS"
    assert "is a backup of the key store" in found["key_backup_as_database_refused"]


def test_key_backups_are_deleted_after_their_days_by_the_next_key_backup_or_the_daily_purge(alice, settings, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from earnedsecure.core import backups
    from earnedsecure.core.retention import retention_purge

    settings.KEY_BACKUP_DIR = tmp_path / "key-backups"
    settings.KEY_BACKUP_DAYS = 3
    now = timezone.now()
    first = backups.key_backup_create(now=now - timedelta(days=6))
    second = backups.key_backup_create(now=now - timedelta(days=2))
    assert not first.exists() and second.exists()  # the second backup deleted the first
    other = settings.KEY_BACKUP_DIR / "notes.txt"
    other.write_text("not a key backup")
    assert retention_purge(now=now + timedelta(days=1, minutes=1))["key backups"] == 1
    assert not second.exists() and other.exists()
    assert list(settings.KEY_BACKUP_DIR.glob("person-keys-*.backup")) == []


def test_postgres_backups_say_clearly_when_pg_dump_is_missing(monkeypatch, db):
    import pytest

    from earnedsecure.core import backups

    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(backups.BackupError, match="pg_dump is not on PATH"):
        backups._run_pg(["pg_dump"], stdin=None)
