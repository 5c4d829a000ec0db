"""Encrypted backups: a consistent copy of the database, encrypted, and its restore; the same for the key store.

SQLite: the online backup API (a consistent copy while the app runs, never a copy of the live file).
PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean``, when they are on PATH.
The file is Fernet ciphertext under a key derived (HKDF-SHA256) from the master field key, or from
``EARNEDSECURE_BACKUP_PASSPHRASE`` (scrypt) when set, so a backup opens only where that secret is.

The main backup holds no person's key: they live in the key store (core/keystore.py), which is backed up apart,
into ``KEY_BACKUP_DIR``, and whose backups are deleted after ``KEY_BACKUP_DAYS`` (by every backup and by the
daily purge). So a main backup kept for months reads, with the master key, only for people whose key still
exists somewhere: those still here, and for a few days those deleted since. Restoring an old main backup
deletes again the people whose key was destroyed since (:func:`deletions_reapply`).
"""

import base64
import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.db import connection
from django.utils import timezone

from earnedsecure.core import crypto, keystore

MAGIC = b"EARNEDSECURE-BACKUP-1\n"
KEYS_MAGIC = b"EARNEDSECURE-KEYS-1\n"
KEY_BACKUP_PREFIX = "person-keys-"
_STAMP = "%Y%m%dT%H%M%SZ"
_SALT = b"earnedsecure backup v1"


class BackupError(Exception):
    """A backup could not be made or restored; the message says why and what to do."""


def _cipher() -> MultiFernet:
    passphrase = os.environ.get("EARNEDSECURE_BACKUP_PASSPHRASE")
    if passphrase:
        raw = Scrypt(salt=_SALT, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))
        return MultiFernet([Fernet(base64.urlsafe_b64encode(raw))])
    keys = []
    for master in crypto.current_keys():
        raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=b"backup").derive(master.encode())
        keys.append(Fernet(base64.urlsafe_b64encode(raw)))
    return MultiFernet(keys)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def backup_create(*, output: Path) -> int:
    """Write an encrypted backup of the whole database to ``output``; returns its size in bytes."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with tempfile.TemporaryDirectory() as folder:
            copy_path = Path(folder) / "copy.sqlite3"
            with sqlite3.connect(copy_path) as copy:
                connection.connection.backup(copy)
            plain = copy_path.read_bytes()
    elif connection.vendor == "postgresql":
        plain = _run_pg(["pg_dump", "--format=custom", "--no-owner", "--no-privileges"], stdin=None)
    else:
        raise BackupError(f"backups of a {connection.vendor} database are not supported")
    data = MAGIC + _cipher().encrypt(plain)
    _write_private(output, data)
    return len(data)


def _opened(source: Path, magic: bytes) -> bytes:
    data = source.read_bytes()
    if not data.startswith(magic):
        if data.startswith(KEYS_MAGIC):
            raise BackupError(f"{source} is a backup of the key store: restore it with --keys")
        if data.startswith(MAGIC):
            raise BackupError(f"{source} is a backup of the database, not of the key store")
        raise BackupError(f"{source} is not an Earned Secure backup")
    try:
        return _cipher().decrypt(data[len(magic) :])
    except InvalidToken:
        raise BackupError(
            "this backup does not open with the configured key (the master field key, or "
            "EARNEDSECURE_BACKUP_PASSPHRASE if it was made with one); nothing was changed"
        ) from None


def backup_restore(*, source: Path) -> None:
    """Replace the whole database with the backup in ``source`` (after checking it decrypts).

    Then call :func:`deletions_reapply`: the backup may hold people deleted since it was made.
    """
    plain = _opened(source, MAGIC)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with tempfile.TemporaryDirectory() as folder:
            copy_path = Path(folder) / "restore.sqlite3"
            _write_private(copy_path, plain)
            with sqlite3.connect(copy_path) as copy:
                if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("the backup's database failed its integrity check; nothing was changed")
                copy.backup(connection.connection)
        crypto.person_keys_forget()
    elif connection.vendor == "postgresql":
        _run_pg(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"], plain
        )
    else:
        raise BackupError(f"restoring a {connection.vendor} database is not supported")


def key_backup_create(*, now: datetime | None = None) -> Path:
    """Write an encrypted copy of the key store into ``KEY_BACKUP_DIR`` and delete the expired ones there."""
    now = now or timezone.now()
    folder = Path(settings.KEY_BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    output = folder / f"{KEY_BACKUP_PREFIX}{now.astimezone(UTC).strftime(_STAMP)}.backup"
    _write_private(output, KEYS_MAGIC + _cipher().encrypt(keystore.store_copy()))
    key_backups_expire(now=now)
    return output


def key_backups_expire(*, now: datetime) -> int:
    """Delete the key backups in ``KEY_BACKUP_DIR`` made more than ``KEY_BACKUP_DAYS`` before ``now``, by the
    time in their name (a copy's file time can change); returns how many."""
    folder = Path(settings.KEY_BACKUP_DIR)
    if not folder.is_dir():
        return 0
    cutoff = now - timedelta(days=settings.KEY_BACKUP_DAYS)
    expired = 0
    for path in folder.glob(f"{KEY_BACKUP_PREFIX}*.backup"):
        try:
            made = datetime.strptime(path.name[len(KEY_BACKUP_PREFIX) : -len(".backup")], _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue  # not one the app wrote
        if made < cutoff:
            path.unlink()
            expired += 1
    return expired


def key_backup_restore(*, source: Path) -> tuple[int, int]:
    """Bring back the keys of a key backup into the key store (never one destroyed since); returns
    (keys added, keys destroyed because the backup knew them as destroyed)."""
    plain = _opened(source, KEYS_MAGIC)
    try:
        restored = keystore.store_merge(plain)
    except (ValueError, sqlite3.DatabaseError) as error:
        raise BackupError(f"the key backup could not be read ({error}); nothing was changed") from None
    crypto.person_keys_forget()
    return restored


def deletions_reapply() -> tuple[int, int]:
    """After a restore: delete again every person whose key the key store knows as destroyed (they deleted
    their account after the backup was made). Returns (people deleted again, people whose key is missing and
    not known as destroyed: a key backup to restore, or keys lost)."""
    from django.contrib.auth import get_user_model

    from earnedsecure.accounts.services import account_delete
    from earnedsecure.core.models import PersonKey

    owners = dict(PersonKey.objects.values_list("key_id", "owner_id"))
    held, destroyed = keystore.keys_known(owners)
    deleted = 0
    for user in get_user_model().objects.filter(pk__in=[owners[key_id] for key_id in destroyed]):
        account_delete(user=user)
        deleted += 1
    return deleted, len(owners) - len(held) - len(destroyed)


def _run_pg(command: list[str], stdin: bytes | None) -> bytes:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not on PATH: install the PostgreSQL client tools of the server's major version"
        )
    settings_dict = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(settings_dict.get("PASSWORD") or "")}
    args = [*command, "--dbname", settings_dict["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    connection.close()
    result = subprocess.run(args, input=stdin, capture_output=True, env=env, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.decode(errors='replace').strip()[-500:]}")
    return result.stdout
