from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.core.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the whole database with an encrypted backup made by 'earnedsecure backup'."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup file")

    def handle(self, *args, source, **options):
        if not Path(source).is_file():
            raise CommandError(f"{source} does not exist")
        try:
            backup_restore(source=Path(source))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"restored the database from {source}")
