from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from earnedsecure.core.backups import BackupError, backup_create, key_backup_create


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the whole database (SQLite online backup, or pg_dump), and one of the key "
        "store into the key backup folder, where key backups older than EARNEDSECURE_KEY_BACKUP_DAYS are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="the backup file to write (mode 0600)")

    def handle(self, *args, output, **options):
        try:
            size = backup_create(output=Path(output))
            keys = key_backup_create()
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"wrote an encrypted backup of {size:,} bytes to {output}")
        self.stdout.write(
            f"wrote the key store's backup to {keys}; key backups are kept {settings.KEY_BACKUP_DAYS} days "
            "(keep any copy of them no longer: a deleted person's key is in them until then)"
        )
