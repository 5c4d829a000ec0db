"""Issue 11, findings 3, 4 and 9: nothing a person writes or answers is on disk in the clear, deletion leaves
nothing of theirs in the database files, a copy or backup made before cannot be read (the keys are in the key
store, core/keystore.py, never in the main database), and the files are private.

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
import json, re, sqlite3
from pathlib import Path
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import connection
from earnedsecure.accounts import services
from earnedsecure.accounts.models import User
from earnedsecure.core import backups, crypto, keystore
from earnedsecure.core.models import PersonKey
from earnedsecure.diary.models import Activation
from tests.core.forensics import mark_everything

MARK = "ALICE-MARK-4e1b77"
alice = User.objects.create_user(username="alice-z9q", email="alice-z9q@example.org", password="x" * 20)
bob = User.objects.create_user(username="bob-k2w", email="bob-k2w@example.org", password="y" * 20)
mark_everything(alice, MARK)
mark_everything(bob, "BOB-MARK-88c0aa")
alice_key_id = PersonKey.objects.get(owner=alice).key_id
bob_key_id = PersonKey.objects.get(owner=bob).key_id
alice_wrapped = keystore.key_get(alice_key_id)

# Before the deletion: a copy of the main database file (like a stolen file or a disk image), and a backup
# made the ordinary way.
database = Path(settings.DATABASES["default"]["NAME"])
old_copy = database.with_name("before-deletion.sqlite3")
with sqlite3.connect(database) as live, sqlite3.connect(old_copy) as copy:
    live.backup(copy)
backup = settings.DATA_DIR / "before-deletion.backup"
call_command("backup", str(backup))
backup_plain = backups._cipher().decrypt(backup.read_bytes()[len(backups.MAGIC):])
store_before = keystore.store_copy()

services.account_delete(user=alice)
connection.close()

def raw(*paths):
    return b"".join(path.read_bytes() for path in paths if path.exists())

files = raw(database, Path(f"{database}-wal"))
key_store_files = raw(keystore.path(), Path(f"{keystore.path()}-wal"))

# In a raw file a token runs on into whatever the next column holds; each reading of it ending at a multiple of
# four characters is tried.
def tokens(data, prefix=b""):
    # A lookahead, so one token's run does not swallow the start of the next.
    for match in re.finditer(rb"(?=" + re.escape(prefix) + rb"(gAAAAA[A-Za-z0-9_=-]+))", data):
        run = match.group(1)
        yield [run[:end] for end in range(len(run) - len(run) % 4, 60, -4)]

def opens(readings, key):
    for reading in readings:
        try:
            return key.decrypt(reading)
        except InvalidToken:
            continue
    return None

# What someone with the master key can get from every byte of the copy, the backup and the live files, free
# pages included: every Fernet token in them that the master key opens and that is itself a key.
master = crypto._cipher()

def keys_in(data):
    found = set()
    for readings in tokens(data):
        plain = opens(readings, master)
        try:
            Fernet(plain)
        except (TypeError, ValueError):
            continue
        found.add(plain)
    return found

keys_found = keys_in(old_copy.read_bytes()) | keys_in(backup_plain) | keys_in(files)
# The same search finds both keys in a copy of the key store made before the deletion.
keys_in_store_copy = keys_in(store_before)
crypto.person_keys_forget()
with sqlite3.connect(keystore.path()) as store:
    keys_now = {master.decrypt(w.encode()) for (w,) in store.execute("SELECT wrapped_key FROM person_key")}

def ciphertexts(data, key_id):
    return {readings[0][:64]: readings for readings in tokens(data, f"person:{key_id}:".encode())}

def opened(found, keys):
    return sum(any(opens(readings, Fernet(key)) is not None for key in keys) for readings in found.values())

alice_in_copies = ciphertexts(old_copy.read_bytes(), alice_key_id) | ciphertexts(backup_plain, alice_key_id)
bob_in_copies = ciphertexts(old_copy.read_bytes(), bob_key_id) | ciphertexts(backup_plain, bob_key_id)
print(json.dumps({
    "hits": {needle: files.count(needle.encode()) for needle in (MARK, "alice-z9q")},
    "old_copy_hits": old_copy.read_bytes().count(b"alice-z9q"),
    "backup_hits": backup_plain.count(b"alice-z9q"),
    "wal_bytes": Path(f"{database}-wal").stat().st_size if Path(f"{database}-wal").exists() else 0,
    "alice_ciphertexts_in_copies": len(alice_in_copies),
    "keys_in_copies_and_files": len(keys_found),
    "keys_in_a_store_copy_from_before": len(keys_in_store_copy),
    "alice_opened": opened(alice_in_copies, keys_found | keys_now),
    "alice_opened_with_the_store_from_before": opened(alice_in_copies, keys_in_store_copy),
    "bob_ciphertexts_in_copies": len(bob_in_copies),
    "bob_opened_with_the_store": opened(bob_in_copies, keys_now),
    "alice_key_in_key_store_files": key_store_files.count(alice_wrapped.encode()),
    "key_store_wal_bytes": Path(f"{keystore.path()}-wal").stat().st_size if Path(f"{keystore.path()}-wal").exists() else 0,
    "bob_still_reads": Activation.objects.get(owner=bob).thought == "BOB-MARK-88c0aa",
}))
"""


def test_deleting_a_person_leaves_nothing_of_theirs_in_the_files_and_an_old_copy_cannot_be_read(tmp_path):
    found = run_script(tmp_path, FORENSIC_SCRIPT)
    assert found["old_copy_hits"] > 0 and found["backup_hits"] > 0  # the search finds a username when it is there
    assert found["hits"] == {"ALICE-MARK-4e1b77": 0, "alice-z9q": 0}
    assert found["wal_bytes"] == 0  # checkpointed and truncated after the deletion
    # The copy and the backup made before the deletion hold every one of her ciphertexts, and no key at all: the
    # master key opens nothing in them that is a key, and the key store no longer holds hers.
    assert found["alice_ciphertexts_in_copies"] >= 28
    assert found["keys_in_a_store_copy_from_before"] == 2  # the search finds keys where they are
    assert found["alice_opened_with_the_store_from_before"] == found["alice_ciphertexts_in_copies"]
    assert found["keys_in_copies_and_files"] == 0
    assert found["alice_opened"] == 0
    assert found["alice_key_in_key_store_files"] == 0 and found["key_store_wal_bytes"] == 0
    # Bob's, in the same copies, still open with the key store as it is.
    assert found["bob_opened_with_the_store"] == found["bob_ciphertexts_in_copies"] >= 28
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
