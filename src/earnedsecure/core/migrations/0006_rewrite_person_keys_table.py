"""PostgreSQL keeps a dropped column's bytes in the table's pages until the rows are rewritten; VACUUM FULL
rewrites this small table now, so the wrapped keys that were in it are not left in its file. SQLite needs
nothing: with secure_delete on, the old table's pages were overwritten when the column was dropped (the table
is copied and the old one dropped), and a checkpoint takes them out of the write-ahead log.

Not atomic: VACUUM cannot run inside a transaction.
"""

from django.db import migrations


def rewrite(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM FULL core_personkey")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("core", "0005_remove_personkey_wrapped_key")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
