"""Django's ``migrate``, waiting at most 5 seconds for a table's lock on PostgreSQL (``lock_timeout``).

A schema change takes an exclusive lock on its table. Held up by a long transaction on that table, it would wait,
and every request that comes after it would queue behind it: the whole app stalls. With the limit, the step fails
after 5 seconds instead (its transaction is rolled back, and the migration can simply be run again) and the app
goes on answering. This command is ``migrate`` for ``earnedsecure serve``, ``earnedsecure manage migrate`` and the
test database's setup alike. SQLite has no such setting: a migration there waits the busy timeout like any writer.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

LOCK_TIMEOUT = "5s"


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, false)", [LOCK_TIMEOUT])  # for this session
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")  # the connection may serve other work after
