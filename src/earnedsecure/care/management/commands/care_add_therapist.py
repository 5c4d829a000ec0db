"""Give an existing account the therapist role (an operator's step; the account then needs two-step sign-in)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from earnedsecure.care.services import therapist_add


class Command(BaseCommand):
    help = "Make an existing account a therapist's. Two-step sign-in (app or passkey) comes before any client."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--name", default="", help="The name clients see (default: the account's name)")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        display = name or user.get_full_name() or user.get_username()
        therapist = therapist_add(user=user, display_name=display, now=timezone.now())
        self.stdout.write(f"{user.get_username()} is a therapist, shown to clients as {therapist.display_name!r}.")
