"""Encrypted backups: a consistent copy of the database, encrypted, and its restore.

SQLite: the online backup API (a consistent copy while the app runs, never a copy of the live file).
PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean``, when they are on PATH.
The file is Fernet ciphertext under a key derived (HKDF-SHA256) from the master field key, or from
``EARNEDSECURE_BACKUP_PASSPHRASE`` (scrypt) when set, so a backup opens only where that secret is.
It holds each person's data key wrapped by the master key: keep backups for a limited time, because a
backup taken before a person was deleted can still be read with the master key (see README, Security).
"""

import base64
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.db import connection

from earnedsecure.core import crypto

MAGIC = b"EARNEDSECURE-BACKUP-1\n"
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


def backup_restore(*, source: Path) -> None:
    """Replace the whole database with the backup in ``source`` (after checking it decrypts)."""
    data = source.read_bytes()
    if not data.startswith(MAGIC):
        raise BackupError(f"{source} is not an Earned Secure backup")
    try:
        plain = _cipher().decrypt(data[len(MAGIC) :])
    except InvalidToken:
        raise BackupError(
            "this backup does not open with the configured key (the master field key, or "
            "EARNEDSECURE_BACKUP_PASSPHRASE if it was made with one); nothing was changed"
        ) from None
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
