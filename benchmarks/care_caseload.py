"""A therapist's caseload at 1, 10 and 50 clients (each with a year of check-ins and 150 activations): SQL queries
and time of GET /clinician/ in-process (Django test client, SQLite), median of several runs.

    .venv/bin/python benchmarks/care_caseload.py [--runs 15]

The queries should not grow with the caseload; the time grows with the rows read (figures only, no words).
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import earnedsecure

SCRIPT = """
import random, statistics, time
from datetime import timedelta
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from contextlib import ExitStack
from django.db import connections
from django.test import Client
from django.utils import timezone
from earnedsecure.accounts.models import User
from earnedsecure.accounts.services import consent_give
from earnedsecure.assessments.services import response_submit
from earnedsecure.care import services
from earnedsecure.diary.models import Activation, Response, ToolSession
from earnedsecure.domain.instruments import get_instrument

rng = random.Random(15)
now = timezone.now()
theo = User.objects.create_user(username="theo", password="x" * 20, email="theo@example.invalid")
consent_give(user=theo)
TOTP.activate(theo, generate_totp_secret())
therapist = services.therapist_add(user=theo, display_name="Theo", now=now)
phq = [item.id for item in get_instrument("phq-9").items]
made = 0


def add_clients(count):
    global made
    for _ in range(count):
        made += 1
        person = User.objects.create_user(username=f"client{made}", password="x" * 20, email=f"c{made}@example.invalid")
        consent_give(user=person)
        for month in range(12, 0, -1):
            answers = {item: rng.randint(0, 2) for item in phq}
            response_submit(user=person, instrument="phq-9", answers=answers, completed_at=now - timedelta(days=30 * month))
        Activation.objects.bulk_create(
            Activation(
                owner=person, occurred_at=now - timedelta(hours=rng.randint(1, 24 * 365)), trigger="uncertainty",
                intensity=rng.randint(2, 10), response=rng.choice([Response.PROTEST, Response.DIRECT, ""]),
                recovery_minutes=rng.randint(5, 300),
            )
            for _ in range(150)
        )
        ToolSession.objects.bulk_create(
            ToolSession(owner=person, tool="breathing_478", started_at=now - timedelta(days=rng.randint(1, 50)),
                        distress_before=8, distress_after=rng.randint(2, 7))
            for _ in range(20)
        )
        services.grant_create(owner=person, therapist=therapist, categories={"check_ins", "activation", "pathway", "safety"},
                              days=30, now=now)


client = Client(HTTP_HOST="127.0.0.1")
client.force_login(theo)
for size in (1, 10, 50):
    add_clients(size - made)
    client.get("/clinician/")
    executed = []
    with ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(lambda run, sql, *rest: executed.append(sql) or run(sql, *rest)))
        assert client.get("/clinician/").status_code == 200
    import cProfile, pstats
    if size == 50 and PROFILE:
        profile = cProfile.Profile(); profile.enable(); client.get("/clinician/"); profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get("/clinician/")
        times.append((time.perf_counter() - start) * 1000)
    print(f"  {size:>3} clients: {len(executed)} queries, median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="print a profile of one 50-client request")
    args = parser.parse_args()
    import os

    env = {**os.environ, "EARNEDSECURE_DATA_DIR": tempfile.mkdtemp(prefix="es-bench-care-")}
    env.pop("DATABASE_URL", None)
    earnedsecure("manage", "migrate", "--verbosity", "0", env=env)
    result = earnedsecure("manage", "shell", "-c", f"RUNS = {args.runs}\nPROFILE = {args.profile}\n" + SCRIPT, env=env)
    print("GET /clinician/ (in-process, SQLite), each client: 12 PHQ-9s, 150 activations, 20 tool sessions")
    print(result.stdout.rstrip())


if __name__ == "__main__":
    main()
