"""Checklist item 82: on PostgreSQL every step of a migration waits at most 5 seconds for a table's lock
(``lock_timeout``, set by the project's ``migrate`` command), then fails, rather than stall every request queued
behind it. SQLite has no such setting: there the command must send nothing of it and migrate as before."""

import pytest
from django.core.management import call_command
from django.db import connection

# The newest care migration: it adds a column (and taking it back drops it), an ALTER TABLE each way.
STEP_BACK = ("care", "0002_access_log_refuses_change")


def _lock_timeout() -> str:
    with connection.connection.cursor() as cursor:  # the driver's own cursor, past Django's wrappers
        cursor.execute("SELECT current_setting('lock_timeout')")
        return cursor.fetchone()[0]


def _lock_timeout_is_the_servers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting = reset_val FROM pg_settings WHERE name = 'lock_timeout'")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)  # a migration runs here, back and forth
def test_a_migration_waits_at_most_5_seconds_for_a_lock():
    on_postgresql = connection.vendor == "postgresql"
    seen = []
    sent = []

    def note_the_setting(execute, sql, params, many, context):
        sent.append(sql)
        if on_postgresql and sql.lstrip().upper().startswith("ALTER TABLE"):
            seen.append(_lock_timeout())  # in the migration's own transaction, just before its change
        return execute(sql, params, many, context)

    connection.ensure_connection()
    try:
        with connection.execute_wrapper(note_the_setting):
            call_command("migrate", *STEP_BACK, verbosity=0)
    finally:
        with connection.execute_wrapper(note_the_setting):
            call_command("migrate", verbosity=0)
    if not on_postgresql:
        # SQLite: the step went back and forth (its tables rebuilt) and nothing about lock_timeout was sent.
        assert any("care_accesslogentry" in sql for sql in sent)
        assert not any("lock_timeout" in sql for sql in sent)
        return
    assert len(seen) >= 2, seen  # the column was dropped and added again
    assert set(seen) == {"5s"}, seen
    assert _lock_timeout_is_the_servers()  # only for the migration: the connection goes on as the server set it
