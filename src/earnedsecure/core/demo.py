"""The demo person: one account with months of realistic history, for newcomers and screenshots.

Each app adds its own history by registering a seeder with ``register_seeder``. A seeder gets the demo user,
the number of months, a seeded random generator and ``now``; it must be deterministic for a given seed so
the demo tells the same story every time.

The demo person has a partner with their own account and login (``DEMO_PARTNER_USERNAME``), made here with the
demo person and refreshed with them; the partners app's seeder links the two and gives them months of Together.
"""

import random
from collections.abc import Callable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "calm-harbour-demo"  # noqa: S105 - a local demo account; the server listens on 127.0.0.1 by default
DEMO_PARTNER_USERNAME = "demo-partner"
DEMO_PARTNER_PASSWORD = "steady-lighthouse-partner"  # noqa: S105 - the demo person's partner, as local as the demo

Seeder = Callable[..., None]
_SEEDERS: list[tuple[int, Seeder]] = []


def register_seeder(seeder: Seeder, *, order: int = 50) -> None:
    if all(existing is not seeder for _, existing in _SEEDERS):
        _SEEDERS.append((order, seeder))


@transaction.atomic
def demo_create(*, months: int = 6, now: datetime | None = None):
    from allauth.account.models import EmailAddress

    from earnedsecure.accounts.services import account_delete, consent_give

    User = get_user_model()
    now = now or timezone.now()
    for existing in User.objects.filter(username__in=[DEMO_USERNAME, DEMO_PARTNER_USERNAME]):
        account_delete(user=existing)

    def person(username, password, first_name, days):
        made = User.objects.create_user(
            username=username,
            password=password,
            email=f"{username}@example.invalid",
            first_name=first_name,
            country="GB",
            time_zone="Europe/London",
        )
        made.date_joined = now - timezone.timedelta(days=days)
        made.save(update_fields=["date_joined"])
        # As sign-up would have recorded it; without it allauth's email page writes the row on a GET.
        EmailAddress.objects.create(user=made, email=made.email, verified=True, primary=True)
        consent_give(user=made)
        return made

    user = person(DEMO_USERNAME, DEMO_PASSWORD, "Sam", months * 30 + 3)
    person(DEMO_PARTNER_USERNAME, DEMO_PARTNER_PASSWORD, "Alex", months * 30)
    rng = random.Random(20261128)
    for _, seeder in sorted(_SEEDERS, key=lambda pair: pair[0]):
        seeder(user=user, months=months, rng=rng, now=now)
    return user


def demo_partner():
    """The demo person's partner (made by ``demo_create``), for the seeder that links them."""
    return get_user_model().objects.get(username=DEMO_PARTNER_USERNAME)
