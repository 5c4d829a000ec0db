"""What the database files keep after a deletion, and how the app makes them keep less.

SQLite runs with ``secure_delete`` on (settings), so a deleted row's bytes are overwritten with zeros in its
page; those pages reach the main file through the write-ahead log. A checkpoint with TRUNCATE copies them
into the main file and empties the WAL, so no old frame holding the person's rows stays beside it.

PostgreSQL keeps a deleted row (a dead tuple) in its page until VACUUM marks the space free, and may keep its
bytes there until a later row is written over them; it has no secure delete, and its own write-ahead log
(``pg_wal``) holds the rows' records until it recycles its segments, which the app does not control. After a deletion the background
worker runs ``VACUUM`` on each table that held the person's rows (:func:`vacuum_after_deletion`): VACUUM cannot
run inside a transaction, so not in the request that deleted, and on a large table it takes a while. It makes
the space reusable soon; it does not overwrite it. What stays readable there until overwritten is what is
plaintext by design (a username, an email address, dates, numbers); the person's words are ciphertext whose
key was destroyed in the key store (core/keystore.py). ``VACUUM FULL`` would rewrite the files, but it locks
each table against every read and write for as long as it runs, so the app does not run it.
"""

from django.db import connection
from django_tasks import task


def compact_after_deletion(*, tables: list[str]) -> None:
    """Run once a deletion has committed: a checkpoint on SQLite; on PostgreSQL, VACUUM queued for ``tables``."""
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            return  # a checkpoint cannot empty the log inside a transaction (after a real deletion this runs once it has committed; a test may run it inside its own)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    elif connection.vendor == "postgresql" and tables:
        vacuum_after_deletion.enqueue(tables=sorted(set(tables)))


@task()
def vacuum_after_deletion(*, tables: list[str]) -> list[str]:
    """VACUUM each of ``tables`` that exists (PostgreSQL; outside a transaction, as the worker runs tasks)."""
    if connection.vendor != "postgresql":
        return []
    existing = set(connection.introspection.table_names())
    vacuumed = []
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:  # only a real table's name ever reaches the SQL
                cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
                vacuumed.append(table)
    return vacuumed
