"""Issue 11, findings 3, 4 and 9: nothing a person writes or answers is on disk in the clear, deletion leaves
nothing of theirs in the database files, an old copy cannot be read, and the files are private.

The file tests run a fresh ``earnedsecure`` process on a real SQLite file in a temporary data folder (the test
database is in memory) and search the bytes of the main file and its write-ahead log."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.db import connection

from earnedsecure.core import personal_data

from .forensics import mark_everything

REPO = Path(__file__).resolve().parents[2]


def run_script(data_dir: Path, code: str) -> dict:
    """Run ``code`` in a fresh process on SQLite in ``data_dir`` (migrated first); it prints one JSON line."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "EARNEDSECURE_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "earnedsecure.settings",
    }
    prelude = "import django; django.setup()\nfrom django.core.management import call_command\n"
    prelude += "call_command('migrate', verbosity=0)\n"
    result = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_text_of_any_personal_model_is_stored_in_the_clear(alice, canary):
    # Works on PostgreSQL too: every column of every personal table, as the database returns it.
    marked = mark_everything(alice, canary)
    assert marked >= 28  # diary, coach, check-ins, safety plan... and the JSON columns
    leaks = []
    with connection.cursor() as cursor:
        for registration in personal_data.registrations():
            table = connection.ops.quote_name(registration.model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                leaks += [(table, c) for c, v in zip(columns, row, strict=True) if canary in str(v)]
    assert leaks == []


def test_it_finds_no_marker_in_the_database_files(tmp_path, canary):
    found = run_script(
        tmp_path,
        f"""
        import json
        from pathlib import Path
        from django.conf import settings
        from earnedsecure.accounts.models import User
        from earnedsecure.diary.models import Activation
        from tests.core.forensics import mark_everything
        alice = User.objects.create_user(username="alice", email="alice@example.org", password="x" * 20)
        marked = mark_everything(alice, {canary!r})
        database = Path(settings.DATABASES["default"]["NAME"])
        wal = Path(f"{{database}}-wal")  # the connection is still open: the new rows are in the WAL
        data = database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        print(json.dumps({{
            "marked": marked,
            "wal_bytes": wal.stat().st_size if wal.exists() else 0,
            "hits": data.count({canary!r}.encode()),
            "reads_back": Activation.objects.get().thought == {canary!r},
        }}))
        """,
    )
    assert found["marked"] >= 28 and found["wal_bytes"] > 0 and found["reads_back"]
    assert found["hits"] == 0


FORENSIC_SCRIPT = """
import json, shutil, sqlite3
from pathlib import Path
from django.conf import settings
from django.db import connection
from earnedsecure.accounts import services
from earnedsecure.accounts.models import User
from earnedsecure.core import crypto, personal_data
from earnedsecure.diary.models import Activation
from tests.core.forensics import mark_everything

MARK = "ALICE-MARK-4e1b77"
alice = User.objects.create_user(username="alice-z9q", email="alice-z9q@example.org", password="x" * 20)
bob = User.objects.create_user(username="bob-k2w", email="bob-k2w@example.org", password="y" * 20)
mark_everything(alice, MARK)
mark_everything(bob, "BOB-MARK-88c0aa")
database = Path(settings.DATABASES["default"]["NAME"])
old_copy = database.with_name("before-deletion.sqlite3")
with sqlite3.connect(database) as live, sqlite3.connect(old_copy) as copy:
    live.backup(copy)  # a copy taken before the deletion, like an old backup or a stolen file

alice_pk = alice.pk
services.account_delete(user=alice)
connection.close()

files = [database, Path(f"{database}-wal")]
data = b"".join(path.read_bytes() for path in files if path.exists())
needles = [MARK, "alice-z9q"]

# The old copy still holds Alice's ciphertext; the keys that remain (the master key and the live key rows)
# must not open any of it.
crypto.person_keys_forget()
old = sqlite3.connect(old_copy)
ciphertexts = []
for registration in personal_data.registrations():
    model = registration.model
    if registration.owner_field == "pk":
        continue
    owner_column = model._meta.get_field(registration.owner_field).column
    for field in model._meta.concrete_fields:
        if hasattr(field, "_to_text"):
            rows = old.execute(
                f"SELECT {field.column} FROM {model._meta.db_table} WHERE {owner_column} = ?", [alice_pk]
            ).fetchall()
            ciphertexts += [value for (value,) in rows if value]
opened = 0
for value in ciphertexts:
    try:
        crypto.decrypt(value)
        opened += 1
    except crypto.DecryptionError:
        pass
print(json.dumps({
    "hits": {needle: data.count(needle.encode()) for needle in needles},
    "old_copy_hits": old_copy.read_bytes().count(b"alice-z9q"),
    "wal_bytes": Path(f"{database}-wal").stat().st_size if Path(f"{database}-wal").exists() else 0,
    "alice_ciphertexts_in_old_copy": len(ciphertexts),
    "opened": opened,
    "bob_still_reads": Activation.objects.get(owner=bob).thought == "BOB-MARK-88c0aa",
}))
"""


def test_deleting_a_person_leaves_nothing_of_theirs_in_the_files_and_an_old_copy_cannot_be_read(tmp_path):
    found = run_script(tmp_path, FORENSIC_SCRIPT)
    assert found["old_copy_hits"] > 0  # the search can find a username when it is there
    assert found["hits"] == {"ALICE-MARK-4e1b77": 0, "alice-z9q": 0}
    assert found["wal_bytes"] == 0  # checkpointed and truncated after the deletion
    assert found["alice_ciphertexts_in_old_copy"] >= 28
    assert found["opened"] == 0
    assert found["bob_still_reads"]


def test_the_database_files_and_the_data_folder_are_private(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    modes = run_script(
        data_dir,
        """
        import json, os
        from pathlib import Path
        from django.conf import settings
        from earnedsecure.accounts.models import User
        User.objects.create_user(username="someone", password="x" * 20)  # the write leaves -wal and -shm open
        database = Path(settings.DATABASES["default"]["NAME"])
        paths = {"db": database, "wal": Path(f"{database}-wal"), "shm": Path(f"{database}-shm")}
        modes = {name: oct(path.stat().st_mode & 0o777) for name, path in paths.items()}
        modes["dir"] = oct(settings.DATA_DIR.stat().st_mode & 0o777)
        print(json.dumps(modes))
        """,
    )
    assert modes == {"db": "0o600", "wal": "0o600", "shm": "0o600", "dir": "0o700"}
