"""/readyz: ready when the database answers and every migration is applied; 503 otherwise, naming nobody."""

import json
import os
import subprocess
import sys

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper


def test_it_works_anonymously(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "migrations_missing": 0}


def test_it_answers_503_when_the_database_is_down(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "not ready", "database": "unreachable"}


def test_it_says_nothing_about_anyone(alice_client):
    body = alice_client.get("/readyz").content.decode().lower()
    assert "alice" not in body
    assert not alice_client.get("/readyz").cookies


ASK_TWICE = """
import json
from django.core.management import call_command
from django.test import Client
before = Client().get("/readyz")
call_command("migrate", verbosity=0)
after = Client().get("/readyz")
print(json.dumps([before.status_code, before.json(), after.status_code, after.json()]))
"""


def test_it_answers_503_until_the_migrations_are_applied(tmp_path):
    # A real, fresh database in its own process: nothing migrated yet, then everything.
    env = {**os.environ, "EARNEDSECURE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "earnedsecure", "manage", "shell", "-c", ASK_TWICE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    before_status, before, after_status, after = json.loads(result.stdout.strip().splitlines()[-1])
    assert before_status == 503
    assert before["status"] == "not ready"
    assert before["database"] == "ok"
    assert before["migrations_missing"] > 0
    assert after_status == 200
    assert after == {"status": "ready", "database": "ok", "migrations_missing": 0}
