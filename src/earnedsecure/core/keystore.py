"""The key store: each person's data key, wrapped by the master key, kept apart from the main database.

Why apart: a copy of the main database (a backup, a stolen file, free pages, an old write-ahead log) then
holds a person's ciphertext and the id of their key, never the key. Deleting the person destroys the key here,
and no copy of the main database, however old, has it. The key store has a short life of its own: its backups
(``core/backups.py``) are kept at most ``KEY_BACKUP_DAYS``.

1. One small SQLite file (``PERSON_KEYS_FILE``, default ``<data folder>/person_keys.sqlite3``, mode 0600),
   whatever the main database is, PostgreSQL included: ``pg_dump`` of the main database never holds a key,
   and the operator backs the file up apart (``earnedsecure backup`` does it), on its own short schedule.
   It is one file on the machine that runs the app: one app server per installation.
2. ``secure_delete`` is on, so a destroyed key's bytes are overwritten in its page; a checkpoint (TRUNCATE)
   after each destruction copies that page into the file and empties the write-ahead log. ``synchronous=FULL``:
   a key the main database relies on is on disk before the main transaction commits.
3. ``destroyed_key`` keeps the ids (random, nothing else) of destroyed keys, so that restoring an older main
   backup, or an older key backup, can tell "deleted since" from "lost", and re-apply the deletion.

Two stores cannot share a transaction. How they stay consistent (``core/crypto.py`` does the calling):

1. Creating: a key is committed here first, then its reference (``core.PersonKey``: owner -> key id) inside the
   main transaction. If storing the key fails, nothing references it and the main transaction fails with it.
   If the main transaction rolls back, the key is referenced by nobody and no stored ciphertext uses it:
   :func:`keys_unreferenced_destroy` (the daily purge) destroys it once it is a day old.
2. Destroying: once the main deletion has committed. If the process stops in between, the key is referenced
   by nobody and the daily purge destroys it.
3. Re-wrapping (key rotation): in a transaction here that commits after the main one (:func:`keys_rewrapped`).

Each call opens its own short connection: the file is small, keys are cached once unwrapped (core/crypto.py),
and there is no connection to share between threads.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

_SCHEMA = """
CREATE TABLE IF NOT EXISTS person_key (
    key_id TEXT PRIMARY KEY,
    wrapped_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS destroyed_key (key_id TEXT PRIMARY KEY);
"""


_SETUP = threading.Lock()


def path() -> Path:
    return Path(settings.PERSON_KEYS_FILE)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA synchronous=FULL")
    # WAL and the tables are set up once, when the file is new: WAL is kept in the file's header. Setting the
    # journal mode on every connection asks for a lock, and several threads opening the store at once (the first
    # saves after a start, all needing the same key) could get "database is locked" without waiting. The tables
    # come first and WAL last, so a connection that finds WAL also finds the tables (the other order let a second
    # thread in between and gave "no such table"); threads of one process set it up one at a time.
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        with _SETUP:
            conn.executescript(_SCHEMA)
            conn.execute("PRAGMA journal_mode=WAL")


@contextmanager
def _store(*, write: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection to the key store; with ``write``, inside one transaction committed on leaving."""
    file = path()
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Made 0600 before SQLite opens it: SQLite gives the -wal and -shm files the main file's mode.
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT, 0o600))
    conn = sqlite3.connect(file, timeout=30, isolation_level=None)
    try:
        _configure(conn)
        if write:
            conn.execute("BEGIN IMMEDIATE")
        yield conn
        if write:
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _checkpoint(conn: sqlite3.Connection) -> None:
    # Copies the zeroed pages into the file and empties the write-ahead log, which may hold older frames.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def key_add(*, key_id: str, wrapped_key: str) -> None:
    """Store a new wrapped key (committed when this returns)."""
    with _store(write=True) as conn:
        conn.execute(
            "INSERT INTO person_key (key_id, wrapped_key, created_at) VALUES (?, ?, ?)",
            [key_id, wrapped_key, datetime.now(UTC).isoformat()],
        )


def key_get(key_id: str) -> str | None:
    """The wrapped key, or None when it was destroyed (or never stored here)."""
    with _store() as conn:
        row = conn.execute("SELECT wrapped_key FROM person_key WHERE key_id = ?", [key_id]).fetchone()
    return row[0] if row else None


def keys_destroy(key_ids: Iterable[str]) -> int:
    """Destroy these keys: overwritten in the file, gone from the write-ahead log. Returns how many there were."""
    key_ids = list(key_ids)
    if not key_ids:
        return 0
    with _store(write=True) as conn:
        destroyed = 0
        for key_id in key_ids:
            destroyed += conn.execute("DELETE FROM person_key WHERE key_id = ?", [key_id]).rowcount
            conn.execute("INSERT OR IGNORE INTO destroyed_key (key_id) VALUES (?)", [key_id])
    with _store() as conn:
        _checkpoint(conn)
    return destroyed


def keys_unreferenced_destroy(*, referenced: set[str], created_before: datetime) -> int:
    """Destroy keys that no person refers to any more and that were made before ``created_before``."""
    with _store() as conn:
        rows = conn.execute(
            "SELECT key_id FROM person_key WHERE created_at < ?", [created_before.astimezone(UTC).isoformat()]
        ).fetchall()
    return keys_destroy(key_id for (key_id,) in rows if key_id not in referenced)


def keys_known(key_ids: Iterable[str]) -> tuple[set[str], set[str]]:
    """Of these key ids: (those held here, those destroyed here)."""
    wanted = set(key_ids)
    with _store() as conn:
        held = {key_id for (key_id,) in conn.execute("SELECT key_id FROM person_key")}
        destroyed = {key_id for (key_id,) in conn.execute("SELECT key_id FROM destroyed_key")}
    return wanted & held, wanted & destroyed


@contextmanager
def keys_rewrapped(rewrap: Callable[[str], str]) -> Iterator[int]:
    """Re-wrap every key with ``rewrap``; committed when the ``with`` block ends without an error, so the
    caller's main transaction, run inside the block, commits first. Yields how many keys."""
    with _store(write=True) as conn:
        rows = conn.execute("SELECT key_id, wrapped_key FROM person_key").fetchall()
        for key_id, wrapped_key in rows:
            conn.execute("UPDATE person_key SET wrapped_key = ? WHERE key_id = ?", [rewrap(wrapped_key), key_id])
        yield len(rows)


def store_copy() -> bytes:
    """A consistent copy of the whole key store, as the bytes of a SQLite file (for a key backup)."""
    with tempfile.TemporaryDirectory() as folder:
        copy_path = Path(folder) / "keys.sqlite3"
        with _store() as conn, sqlite3.connect(copy_path) as copy:
            conn.backup(copy)
        return copy_path.read_bytes()


def store_merge(copy: bytes) -> tuple[int, int]:
    """Bring the keys of a key backup back, never a destroyed one; returns (keys added, keys destroyed).

    A key destroyed here or in the backup stays destroyed; a key held here is kept as it is.
    """
    with tempfile.TemporaryDirectory() as folder:
        copy_path = Path(folder) / "keys.sqlite3"
        fd = os.open(copy_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(copy)
        with sqlite3.connect(copy_path) as backup:
            if backup.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ValueError("the key backup's store failed its integrity check")
            keys = backup.execute("SELECT key_id, wrapped_key, created_at FROM person_key").fetchall()
            destroyed_there = {key_id for (key_id,) in backup.execute("SELECT key_id FROM destroyed_key")}
        with _store(write=True) as conn:
            destroyed_here = {key_id for (key_id,) in conn.execute("SELECT key_id FROM destroyed_key")}
            added = 0
            for key_id, wrapped_key, created_at in keys:
                if key_id in destroyed_here or key_id in destroyed_there:
                    continue
                added += conn.execute(
                    "INSERT OR IGNORE INTO person_key (key_id, wrapped_key, created_at) VALUES (?, ?, ?)",
                    [key_id, wrapped_key, created_at],
                ).rowcount
            conn.executemany(
                "INSERT OR IGNORE INTO destroyed_key (key_id) VALUES (?)", [(key_id,) for key_id in destroyed_there]
            )
        gone = keys_destroy(destroyed_there)
    return added, gone
