"""Real app servers and workers as child processes on loopback, against a database they share with the test.

On PostgreSQL (DATABASE_URL set, as in CI's second run) the servers use the test run's own database, with its
rows committed (transactional tests, emptied afterwards). On SQLite the test database is in memory, which no
other process can open, so the servers get a fresh database file in a folder of their own, migrated first.
Either way the servers share one data folder: the secret key, the field keys and the key store, as the app
servers of one installation do (deploy/README.md).
"""

import os
import sys
from pathlib import Path

import pytest
from django.db import connection

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "load"))

from servers import earnedsecure


def _database_url(settings_dict) -> str:
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def server_env(transactional_db, tmp_path) -> dict:
    """The environment of an installation's app servers and workers, its database ready and empty of people."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EARNEDSECURE_")}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "EARNEDSECURE_DATA_DIR": str(tmp_path / "data"),
            "EARNEDSECURE_CACHE": "database",
            "EARNEDSECURE_LOG_FORMAT": "json",
        }
    )
    # transactional_db, named in the signature (pytest-django makes the test databases for the fixtures it sees
    # there): on PostgreSQL the servers' rows are committed where the test reads them, and emptied afterwards.
    if connection.vendor == "postgresql":
        assert connection.settings_dict["NAME"].startswith("test_"), "never the real database"
        env["DATABASE_URL"] = _database_url(connection.settings_dict)
    else:
        earnedsecure("manage", "migrate", "--verbosity", "0", env=env)
    earnedsecure("manage", "createcachetable", env=env)
    return env


def seed(env: dict, *, people: int, history: str = "none", reminders: bool = False) -> None:
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "load" / "seed.py"
    import subprocess

    args = [sys.executable, str(script), "--people", str(people), "--history", history]
    result = subprocess.run(
        [*args, *(["--reminders"] if reminders else [])], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
