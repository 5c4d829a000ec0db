import sys

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.accounts.models import User
from earnedsecure.accounts.services import account_export_json


class Command(BaseCommand):
    help = "Write all of one person's data as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--output", default="-")

    def handle(self, *args, username, output, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no person with username {username!r}")
        body = account_export_json(user=user)
        if output == "-":
            sys.stdout.write(body + "\n")
        else:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(body + "\n")
