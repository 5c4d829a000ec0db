from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from earnedsecure.core import crypto
from earnedsecure.core.fields import encrypted_fields


class Command(BaseCommand):
    help = "Add a new field encryption key, re-encrypt every encrypted column with it, then retire the old keys."

    def add_arguments(self, parser):
        parser.add_argument("--keep-old", action="store_true", help="keep the old keys too (staged rollout)")

    def handle(self, *args, keep_old, **options):
        old_keys = crypto.current_keys()
        new_key = Fernet.generate_key().decode()
        crypto.write_keys([new_key, *old_keys])
        total = 0
        quote = connection.ops.quote_name
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # Raw SQL on purpose: values stay ciphertext end to end and are never encrypted twice.
                for model, field in encrypted_fields():
                    table, column, pk = (
                        quote(model._meta.db_table),
                        quote(field.column),
                        quote(model._meta.pk.column),
                    )
                    cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                    for row_pk, stored in cursor.fetchall():
                        cursor.execute(
                            f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                            [crypto.rotate(stored), row_pk],
                        )
                        total += 1
        except Exception:
            crypto.write_keys(old_keys)  # nothing was committed: the old keys are still the right ones
            raise
        if not keep_old:
            crypto.write_keys([new_key])
        retired = "kept" if keep_old else "retired"
        self.stdout.write(f"re-encrypted {total} values; {retired} {len(old_keys)} old key(s)")
