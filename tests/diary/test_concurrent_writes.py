"""Several people (or tabs) saving at once lose nothing: each write is one atomic transaction.

On SQLite this relies on the settings tested in tests/core/test_settings.py (WAL, IMMEDIATE transactions,
a busy timeout). The test database there is in memory with a shared cache, where a second writer fails
with "table is locked" instead of waiting, so on SQLite the writers run in a fresh process against a real
database file with the app's own settings. benchmarks/concurrent_writes.py does 8 x 1,000 through the server.
"""

import json
import os
import subprocess
import sys
import threading

import pytest
from django.db import connection, connections

from earnedsecure.diary.models import Activation
from earnedsecure.diary.services import activation_create
from tests.personas import make_person

WRITERS = 6
EACH = 30

FILE_DATABASE_RUN = f"""
import json, os, threading
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "earnedsecure.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connection, connections
call_command("migrate", verbosity=0)
from earnedsecure.accounts.models import User
from earnedsecure.diary.models import Activation
from earnedsecure.diary.services import activation_create
alice = User.objects.create_user(username="alice", password="x" * 20)
connections.close_all()
errors = []
start_line = threading.Barrier({WRITERS})
def writer(number):
    try:
        start_line.wait()
        for i in range({EACH}):
            activation_create(owner=alice, trigger="threat", intensity=i % 11, thought=f"writer {{number}} entry {{i}}")
    except BaseException:
        import traceback
        errors.append(traceback.format_exc(limit=-6))
    finally:
        connections.close_all()
threads = [threading.Thread(target=writer, args=(n,)) for n in range({WRITERS})]
[t.start() for t in threads]
[t.join() for t in threads]
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
print(json.dumps({{"errors": errors, "rows": Activation.objects.count(), "vendor": connection.vendor, "journal": journal}}))
"""


def _threads_in_this_process():
    alice = make_person("alice")
    errors: list[BaseException] = []
    start_line = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        try:
            start_line.wait()
            for i in range(EACH):
                activation_create(owner=alice, trigger="threat", intensity=i % 11, thought=f"writer {number} entry {i}")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, Activation.objects.filter(owner=alice).count()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_lose_nothing(tmp_path):
    if connection.vendor == "sqlite":
        env = {**os.environ, "EARNEDSECURE_DATA_DIR": str(tmp_path)}
        env.pop("DATABASE_URL", None)
        result = subprocess.run(
            [sys.executable, "-c", FILE_DATABASE_RUN], env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-2000:]
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
        assert (outcome["vendor"], outcome["journal"]) == ("sqlite", "wal")
        errors, rows = outcome["errors"], outcome["rows"]
    else:
        errors, rows = _threads_in_this_process()
    assert errors == []
    assert rows == WRITERS * EACH
