from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.core.backups import BackupError, backup_restore, deletions_reapply, key_backup_restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with an encrypted backup made by 'earnedsecure backup', and/or bring back the "
        "keys of a key backup (--keys). People deleted since the backup was made are deleted again."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="the database backup file")
        parser.add_argument("--keys", help="a key backup (from the key backup folder) to bring keys back from")

    def handle(self, *args, source, keys, **options):
        if not source and not keys:
            raise CommandError("name a database backup, a key backup (--keys FILE), or both")
        for path in (source, keys):
            if path and not Path(path).is_file():
                raise CommandError(f"{path} does not exist")
        try:
            # Keys first: the database restored next is then checked against the key store as it will be.
            if keys:
                added, destroyed = key_backup_restore(source=Path(keys))
                self.stdout.write(f"brought back {added} keys from {keys} ({destroyed} known as destroyed stay so)")
            if source:
                backup_restore(source=Path(source))
                self.stdout.write(f"restored the database from {source}")
        except BackupError as error:
            raise CommandError(str(error)) from None
        deleted, missing = deletions_reapply()
        if deleted:
            self.stdout.write(f"deleted again {deleted} people who had deleted their account since the backup")
        if missing:
            self.stdout.write(
                f"warning: {missing} people's keys are not in the key store, so their words cannot be read: "
                "restore a key backup made after the database backup (--keys FILE)"
            )
