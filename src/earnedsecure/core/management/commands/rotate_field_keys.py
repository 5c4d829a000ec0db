from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from earnedsecure.core import crypto, keystore
from earnedsecure.core.fields import encrypted_fields

FROM_ENVIRONMENT = (
    "The field keys come from EARNEDSECURE_FIELD_KEYS, which this command cannot change, so nothing was "
    "rotated. To rotate: put a new key first in EARNEDSECURE_FIELD_KEYS (new,old), restart, run "
    "'earnedsecure manage rotate_field_keys --reencrypt-only', then remove the old key and restart; "
    "or unset EARNEDSECURE_FIELD_KEYS to let this command manage the key file."
)


class Command(BaseCommand):
    help = (
        "Add a new master key, re-wrap every person's data key and re-encrypt every master-key value with it, "
        "then retire the old keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep-old", action="store_true", help="keep the old keys too (staged rollout)")
        parser.add_argument(
            "--reencrypt-only",
            action="store_true",
            help="make no new key: re-encrypt under the first configured key (for keys from the environment)",
        )

    def handle(self, *args, keep_old, reencrypt_only, **options):
        if reencrypt_only:
            total = self._reencrypt()
            self.stdout.write(f"re-encrypted {total} values under the first configured key; no key was changed")
            return
        if crypto.keys_come_from_the_environment():
            raise CommandError(FROM_ENVIRONMENT)
        old_keys = crypto.current_keys()
        new_key = Fernet.generate_key().decode()
        crypto.write_keys([new_key, *old_keys])
        try:
            total = self._reencrypt()
        except Exception as error:
            # Both keys stay: whatever was committed (the main database, the key store, both or neither) opens
            # with one of them. Running the command again finishes the move.
            raise CommandError(
                f"rotation stopped ({error}); the new and the old keys are both kept, so everything still "
                "opens: run the command again"
            ) from error
        if not keep_old:
            crypto.write_keys([new_key])
        retired = "kept" if keep_old else "retired"
        self.stdout.write(f"re-encrypted {total} values; {retired} {len(old_keys)} old key(s)")

    def _reencrypt(self) -> int:
        from earnedsecure.accounts.services import two_step_secrets_reencrypt

        total = 0
        quote = connection.ops.quote_name
        # Each person's key is wrapped by the master key: re-wrapping it carries all of their rows over. The key
        # store's transaction commits after the main database's, so a failure in the main one changes neither.
        with keystore.keys_rewrapped(crypto.rewrap) as rewrapped, transaction.atomic(), connection.cursor() as cursor:
            total += rewrapped
            # Raw SQL on purpose: values stay ciphertext end to end and are never encrypted twice.
            for model, field in encrypted_fields():
                table, column, pk = (
                    quote(model._meta.db_table),
                    quote(field.column),
                    quote(model._meta.pk.column),
                )
                cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} LIKE %s", [crypto.PREFIX + "%"])  # noqa: S608
                for row_pk, stored in cursor.fetchall():
                    cursor.execute(
                        f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                        [crypto.rotate(stored), row_pk],
                    )
                    total += 1
            # Two-step sign-in secrets live inside allauth's JSON data, not in an encrypted field.
            total += two_step_secrets_reencrypt()
        crypto.person_keys_forget()
        return total
