from django.core.management.base import BaseCommand, CommandError

from earnedsecure.core.demo import (
    DEMO_PARTNER_PASSWORD,
    DEMO_PARTNER_USERNAME,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    demo_create,
)


class Command(BaseCommand):
    help = "Create (or refresh) the demo person with months of realistic history."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=6)

    def handle(self, *args, months, **options):
        if not 1 <= months <= 36:
            raise CommandError("--months must be between 1 and 36")
        demo_create(months=months)
        self.stdout.write(f"username: {DEMO_USERNAME}")
        self.stdout.write(f"password: {DEMO_PASSWORD}")
        # The partner's own login: Together seen from the other side (sign in in a private window).
        self.stdout.write(f"partner username: {DEMO_PARTNER_USERNAME}")
        self.stdout.write(f"partner password: {DEMO_PARTNER_PASSWORD}")
