"""Seed one person with three years of heavy diary use, for benchmarks/insights.py.

earnedsecure manage diary_seed_heavy --username heavy --password '...' [--activations 3000]
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from earnedsecure.diary.models import Activation, Protest, Response, SavouringEntry, Tool, ToolSession, Trigger


class Command(BaseCommand):
    help = "Create a person with years of heavy diary use (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="heavy")
        parser.add_argument("--password", required=True)
        parser.add_argument("--activations", type=int, default=3000)
        parser.add_argument("--sessions", type=int, default=1000)
        parser.add_argument("--moments", type=int, default=500)
        parser.add_argument("--years", type=float, default=3)

    @transaction.atomic
    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        from earnedsecure.accounts.services import consent_give

        rng = random.Random(3)
        now = timezone.now()
        span = timedelta(days=365 * options["years"])
        start = now - span
        user = get_user_model().objects.create_user(
            username=options["username"], password=options["password"], time_zone="Europe/London", country="GB"
        )
        consent_give(user=user)

        def when(i, n):
            return start + span * ((i + rng.random()) / n) - timedelta(hours=1)

        n = options["activations"]
        rows = []
        for i in range(n):
            occurred = when(i, n)
            p = i / n
            recovery = int(min(5000, max(2, rng.lognormvariate(6.5 - 4 * p, 0.8))))
            response = rng.choice(Response.values)
            rows.append(
                Activation(
                    owner=user,
                    occurred_at=occurred,
                    trigger=rng.choice(Trigger.values),
                    trigger_note="He didn't reply for hours",
                    intensity=max(0, min(10, round(8 - 4 * p + rng.uniform(-2, 2)))),
                    thought="He is pulling away",
                    urges=rng.sample(Protest.values, 2),
                    response=response,
                    protest_result=rng.choice(["worked", "backfired", "mixed"]) if response == Response.PROTEST else "",
                    outcome="He was busy at work" if rng.random() < 0.8 else "",
                    calm_at=occurred + timedelta(minutes=recovery),
                    recovery_minutes=recovery,
                )
            )
        Activation.objects.bulk_create(rows, batch_size=500)
        n = options["sessions"]
        ToolSession.objects.bulk_create(
            (
                ToolSession(
                    owner=user,
                    tool=rng.choice(Tool.values),
                    started_at=when(i, n),
                    duration_seconds=180,
                    distress_before=(before := rng.randint(4, 10)),
                    distress_after=min(10, max(0, before - rng.randint(-1, 5))),
                )
                for i in range(n)
            ),
            batch_size=500,
        )
        n = options["moments"]
        SavouringEntry.objects.bulk_create(
            (
                SavouringEntry(owner=user, occurred_at=when(i, n), what_happened="A lovely walk", feeling_minutes=60)
                for i in range(n)
            ),
            batch_size=500,
        )
        self.stdout.write(f"seeded {user.username}")
