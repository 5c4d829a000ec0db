"""Walk every person's access-log chain and fail if any row was changed, removed or inserted out of the app."""

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.care.models import AccessLogEntry
from earnedsecure.care.services import access_log_verify


class Command(BaseCommand):
    help = "Check the therapists' access log: each row's hash and its link to the row before."

    def handle(self, *args, **options):
        broken = access_log_verify()
        if broken:
            raise CommandError(f"The access log does not verify: rows {', '.join(map(str, broken))} were altered.")
        self.stdout.write(f"The access log verifies: {AccessLogEntry.objects.count()} rows, every chain intact.")
