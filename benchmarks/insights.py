"""The insights page for a person with three years of heavy use, compared with the floor page.

Seeds a throwaway data folder with one person (3,000 activations, 1,000 tool sessions, 500 good moments),
runs the real server (waitress, SQLite) and measures GET /diary/insights/ and GET /still-here/ the same way
as benchmarks/floor.py, signed in as that person. Prints both, the ratio of the medians (the issue asks for
at most 3x) and the number of SQL queries the page makes (at most 10).

    .venv/bin/python benchmarks/insights.py [--clients 8] [--seconds 10]
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import earnedsecure, running_server
from floor import measure

USERNAME = "heavy"
PASSWORD = "a long benchmark passphrase"  # noqa: S105 - a throwaway account in a throwaway folder

COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from earnedsecure.accounts.models import User
client = Client()
client.force_login(User.objects.get(username="heavy"))
client.get("/still-here/")  # the first request of a minute also records session activity
counts = {}
for path in ("/still-here/", "/diary/insights/", "/diary/insights/?range=all"):
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    counts[path] = [status, len(queries)]
print(json.dumps(counts))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()

    def prepare(env):
        earnedsecure("manage", "diary_seed_heavy", "--username", USERNAME, "--password", PASSWORD, env=env)

    with running_server(prepare=prepare) as (port, env):
        counted = earnedsecure("manage", "shell", "-c", COUNT_QUERIES, env=env).stdout
        queries = json.loads(counted.strip().splitlines()[-1])
        results = {}
        for path in ("/still-here/", "/diary/insights/"):
            results[path] = measure(
                port, path, clients=args.clients, seconds=args.seconds, username=USERNAME, password=PASSWORD
            )
    floor, page = results["/still-here/"], results["/diary/insights/"]
    print(
        f"3 years of heavy use (3,000 activations, 1,000 tool sessions, 500 good moments), {args.clients} clients, {args.seconds:.0f}s each (waitress, SQLite)"
    )
    for path, result in results.items():
        print(
            f"  {path:<18} {result['rps']:6.0f} req/s  median {result['median_ms']:6.1f} ms  p95 {result['p95_ms']:6.1f} ms"
            f"  errors {result['errors']}  queries {queries[path][1]}"
        )
    print(f"  /diary/insights/?range=all queries {queries['/diary/insights/?range=all'][1]}")
    print(f"  ratio insights / floor (median latency): {page['median_ms'] / floor['median_ms']:.2f}x (limit 3x)")
    print(f"  ratio insights / floor (throughput):     {floor['rps'] / page['rps']:.2f}x")


if __name__ == "__main__":
    main()
