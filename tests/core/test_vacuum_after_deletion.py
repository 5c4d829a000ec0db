"""After an account deletion, what the database keeps (core/storage.py): on PostgreSQL the worker runs VACUUM on
each table that held the person's rows, outside any transaction; SQLite needs no task (secure_delete and a
checkpoint: tests/core/test_data_at_rest.py)."""

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from earnedsecure.accounts.services import account_delete
from earnedsecure.diary.services import activation_create
from tests.personas import make_person


def _vacuum_counts(tables) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT relname, vacuum_count FROM pg_stat_user_tables WHERE relname = ANY(%s)", [list(tables)])
        return dict(cursor.fetchall())


def _queued():
    return DBTaskResult.objects.filter(task_path__endswith="storage.vacuum_after_deletion")


@pytest.mark.django_db(transaction=True)  # VACUUM cannot run inside the test's transaction
def test_after_a_deletion_the_worker_vacuums_the_tables_that_held_the_persons_rows():
    from earnedsecure.journey.worker import run_once

    person = make_person("leaving")
    activation_create(owner=person, trigger="unavailable", intensity=5, thought="gone soon")
    make_person("staying")
    account_delete(user=person)

    if connection.vendor != "postgresql":
        assert not _queued().exists()  # SQLite: the checkpoint has already run; nothing is queued
        return
    (task,) = _queued()
    tables = task.args_kwargs["kwargs"]["tables"]
    assert {"accounts_user", "diary_activation", "core_personkey", "accounts_consent"} <= set(tables)
    assert "journey_lesson" not in tables and "django_tasks_db_dbtaskresult" not in tables  # only theirs
    before = _vacuum_counts(tables)
    run_once()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL", task.traceback
    after = _vacuum_counts(tables)
    assert all(after[table] > before.get(table, 0) for table in tables), (before, after)
