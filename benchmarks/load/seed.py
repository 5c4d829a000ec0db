"""Seed thousands of people with histories of varied length, for the load test and tests/deploy.

    .venv/bin/python benchmarks/load/seed.py --people 2000 [--seed 16] [--history varied|none] [--reminders]

Runs against whatever database the environment names (DATABASE_URL, EARNEDSECURE_DATA_DIR), like the app.
People are named load00000, load00001, ... with one password (LOAD_PASSWORD), their consent given and their
first steps done. History lengths follow a long tail, as real use does: most people wrote a little, a few
wrote every day for a year (activations 0 to 600, thought records 0 to 80, a few check-ins). Rows go in with
bulk_create through the models, so the free text is encrypted under each person's own key as the app does it.
The password is hashed once (Argon2, the production hasher) and shared, so seeding costs no hashing per person.
With --reminders each person wants a daily reminder by email from midnight on, so one is due for all at once.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

LOAD_PASSWORD = "calm-harbour-load-test-2026"  # noqa: S105 (a throwaway password for seeded test people)
PREFIX = "load"


def username(number: int) -> str:
    return f"{PREFIX}{number:05d}"


def _history_lengths(rng: random.Random) -> tuple[int, int, int]:
    """(activations, thought records, check-ins) for one person: a long tail, most short, a few long."""
    days_used = min(365, int(rng.paretovariate(1.2) * 6) - 6)
    activations = min(600, int(days_used * rng.uniform(0.3, 1.6)))
    thoughts = min(80, int(activations * rng.uniform(0.0, 0.15)))
    check_ins = min(8, days_used // 30)
    return activations, thoughts, check_ins


def seed(*, people: int, rng_seed: int, history: bool, reminders: bool) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from earnedsecure.accounts.services import consent_give
    from earnedsecure.assessments.services import response_submit
    from earnedsecure.coach.models import ThoughtRecord
    from earnedsecure.diary.models import Activation, Protest, Response, Trigger
    from earnedsecure.domain.instruments.registry import get_instrument
    from earnedsecure.journey.models import ReminderPreference

    rng = random.Random(rng_seed)
    User = get_user_model()
    password_hash = make_password(LOAD_PASSWORD)
    now = timezone.now()
    gad7 = get_instrument("gad-7")
    totals = {"people": 0, "activations": 0, "thoughts": 0, "check_ins": 0}
    first = User.objects.filter(username__startswith=PREFIX).count()
    for start in range(first, first + people, 200):
        with transaction.atomic():
            batch = [
                User(
                    username=username(n),
                    email=f"{username(n)}@example.org",
                    password=password_hash,
                    time_zone="Europe/London",
                    country="GB",
                )
                for n in range(start, min(start + 200, first + people))
            ]
            User.objects.bulk_create(batch)
            batch = list(User.objects.filter(username__in=[u.username for u in batch]))
            for user in batch:
                consent_give(user=user)
                if reminders:
                    ReminderPreference.objects.create(
                        owner=user, frequency=ReminderPreference.Frequency.DAILY, email=True, in_app=True, hour=0
                    )
                totals["people"] += 1
                if not history:
                    continue
                activations, thoughts, check_ins = _history_lengths(rng)
                span = timedelta(days=max(1, activations))
                rows = []
                for i in range(activations):
                    occurred = now - span + span * (i / max(1, activations)) - timedelta(hours=2)
                    recovery = int(min(3000, rng.lognormvariate(4.5, 0.9))) + 2
                    rows.append(
                        Activation(
                            owner=user,
                            occurred_at=occurred,
                            trigger=rng.choice(Trigger.values),
                            trigger_note="No reply since this morning",
                            intensity=rng.randint(2, 10),
                            thought="They are losing interest in me",
                            urges=rng.sample(Protest.values, 2),
                            response=rng.choice(Response.values),
                            outcome="They were in a meeting" if rng.random() < 0.7 else "",
                            calm_at=occurred + timedelta(minutes=recovery),
                            recovery_minutes=recovery,
                        )
                    )
                Activation.objects.bulk_create(rows, batch_size=500)
                ThoughtRecord.objects.bulk_create(
                    (
                        ThoughtRecord(
                            owner=user,
                            automatic_thought="If they loved me they would have called",
                            situation="Waiting for a message",
                            emotion="worried",
                            intensity_before=rng.randint(4, 10),
                            balanced_thought="They have been busy before and it meant nothing",
                            intensity_after=rng.randint(1, 6),
                            created_at=now - timedelta(days=rng.randint(0, max(1, activations))),
                        )
                        for _ in range(thoughts)
                    ),
                    batch_size=500,
                )
                for _ in range(check_ins):
                    response_submit(
                        user=user, instrument=gad7.slug, answers={item.id: rng.randint(0, 3) for item in gad7.items}
                    )
                totals["activations"] += activations
                totals["thoughts"] += thoughts
                totals["check_ins"] += check_ins
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--history", choices=["varied", "none"], default="varied")
    parser.add_argument("--reminders", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earnedsecure.settings")
    import django

    django.setup()
    started = time.perf_counter()
    totals = seed(people=args.people, rng_seed=args.seed, history=args.history == "varied", reminders=args.reminders)
    print(f"seeded {totals} in {time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    main()
