"""The home page for the heavy person (3 years: 3,000 activations, 1,000 tool sessions, 500 good moments),
through the real server (waitress, SQLite), against the floor page /still-here/; plus its SQL query count.

    .venv/bin/python benchmarks/home.py [--clients 4] [--seconds 10]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import earnedsecure, running_server
from floor import measure

USERNAME, PASSWORD = "heavy", "a heavy but calm benchmark passphrase"

SEED = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from django.utils import timezone
from benchmarks._heavy import seed_heavy_person
from earnedsecure.accounts.models import User
from earnedsecure.accounts.services import consent_give
from earnedsecure.journey.models import ReminderPreference
user = User.objects.create_user(username={USERNAME!r}, password={PASSWORD!r}, email="heavy@example.invalid",
                                time_zone="Europe/London")
consent_give(user=user)
seed_heavy_person(user=user, now=timezone.now())
ReminderPreference.objects.create(owner=user, frequency="daily")
"""

COUNT = f"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from earnedsecure.accounts.models import User
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(User.objects.get(username={USERNAME!r}))
client.get("/home/")  # the first visit may record stages reached
with CaptureQueriesContext(connection) as queries:
    status = client.get("/home/").status_code
print(status, len(queries.captured_queries))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with running_server(prepare=lambda env: earnedsecure("manage", "shell", "-c", SEED, env=env)) as (port, env):
        status, queries = earnedsecure("manage", "shell", "-c", COUNT, env=env).stdout.split()[-2:]
        options = {"clients": args.clients, "seconds": args.seconds, "username": USERNAME, "password": PASSWORD}
        floor = measure(port, "/still-here/", **options)
        home = measure(port, "/home/", **options)
    print(f"home page for the heavy person, {args.clients} clients for {args.seconds:.0f}s (waitress, SQLite)")
    print(f"  SQL queries for GET /home/: {queries} (status {status})")
    for name, result in (("floor /still-here/", floor), ("home  /home/", home)):
        print(
            f"  {name}: median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
            f"{result['rps']:.0f} requests/s, errors {result['errors']}"
        )
    print(f"  home median is {home['median_ms'] / floor['median_ms']:.1f}x the floor")


if __name__ == "__main__":
    main()
