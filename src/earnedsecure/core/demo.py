"""The demo person: one account with months of realistic history, for newcomers and screenshots.

Each app adds its own history by registering a seeder with ``register_seeder``. A seeder gets the demo user,
the number of months, a seeded random generator and ``now``; it must be deterministic for a given seed so
the demo tells the same story every time.
"""

import random
from collections.abc import Callable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "calm-harbour-demo"  # noqa: S105 - a local demo account; the server listens on 127.0.0.1 by default

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
    existing = User.objects.filter(username=DEMO_USERNAME).first()
    if existing:
        account_delete(user=existing)
    user = User.objects.create_user(
        username=DEMO_USERNAME,
        password=DEMO_PASSWORD,
        email="demo@example.invalid",
        first_name="Sam",
        country="GB",
        time_zone="Europe/London",
    )
    user.date_joined = now - timezone.timedelta(days=months * 30 + 3)
    user.save(update_fields=["date_joined"])
    # As sign-up would have recorded it; without it allauth's email page writes the row on a GET.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    consent_give(user=user)
    rng = random.Random(20261128)
    for _, seeder in sorted(_SEEDERS, key=lambda pair: pair[0]):
        seeder(user=user, months=months, rng=rng, now=now)
    return user
