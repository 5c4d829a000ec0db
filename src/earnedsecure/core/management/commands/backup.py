from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.core.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Write an encrypted backup of the whole database (SQLite online backup, or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="the backup file to write (mode 0600)")

    def handle(self, *args, output, **options):
        try:
            size = backup_create(output=Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"wrote an encrypted backup of {size:,} bytes to {output}")
