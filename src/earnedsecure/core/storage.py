"""What the database files keep after a deletion.

SQLite runs with ``secure_delete`` on (settings), so a deleted row's bytes are overwritten with zeros in its
page; those pages reach the main file through the write-ahead log. A checkpoint with TRUNCATE copies them
into the main file and empties the WAL, so no old frame holding the person's rows stays beside it.
On PostgreSQL dead rows remain until VACUUM; what they hold is ciphertext whose key was deleted.
"""

from django.db import connection


def compact_after_deletion() -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
