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
print(json.dumps({
    "size": len(data),
    "mode": oct(backup.stat().st_mode & 0o777),
    "plaintext_in_backup": data.count(b"alice@example.org") + data.count(b"SQLite format"),
    "thought": row.thought,
    "intensity": row.intensity,
    "users": sorted(User.objects.values_list("username", flat=True)),
    "tampered_refused": refused,
}))
"""


def test_a_restore_drill_brings_back_exactly_what_was_backed_up(tmp_path: Path):
    found = run_script(tmp_path, DRILL)
    assert found["size"] > 100_000  # a whole database, not an empty dump
    assert found["mode"] == "0o600"
    assert found["plaintext_in_backup"] == 0  # encrypted: not even the SQLite header shows
    assert (found["thought"], found["intensity"], found["users"]) == ("BACKED-UP-WORDS", 6, ["alice"])
    assert "does not open" in found["tampered_refused"]


def test_postgres_backups_say_clearly_when_pg_dump_is_missing(monkeypatch, db):
    import pytest

    from earnedsecure.core import backups

    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(backups.BackupError, match="pg_dump is not on PATH"):
        backups._run_pg(["pg_dump"], stdin=None)
