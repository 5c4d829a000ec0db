"""Eight clients writing 1,000 activations each through the real server on SQLite: nothing lost, no errors.

Starts `earnedsecure serve` (waitress, 8 threads) on a throwaway data folder, signs 8 clients in as the
demo person and has each POST 1,000 activations to /api/v1/diary/activations at the same time. Then
counts the rows in the database, the non-201 answers, and runs PRAGMA integrity_check.

    .venv/bin/python benchmarks/concurrent_writes.py [--clients 8] [--each 1000]
"""

import argparse
import json
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import Session, earnedsecure, running_server

COUNT = """
import json
from django.db import connection
from earnedsecure.diary.models import Activation
with connection.cursor() as cursor:
    cursor.execute("PRAGMA integrity_check")
    integrity = cursor.fetchone()[0]
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
print(json.dumps({"rows": Activation.objects.filter(owner__username="demo").count(), "integrity": integrity, "journal": journal}))
"""


def count(env) -> dict:
    return json.loads(earnedsecure("manage", "shell", "-c", COUNT, env=env).stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--each", type=int, default=1000)
    args = parser.parse_args()
    with running_server(prepare=lambda env: earnedsecure("demo", "--months", "1", env=env)) as (port, env):
        before = count(env)["rows"]
        statuses: Counter = Counter()
        failures: list[str] = []
        lock = threading.Lock()
        sessions = [Session(port).sign_in("demo", "calm-harbour-demo") for _ in range(args.clients)]
        start_line = threading.Barrier(args.clients)

        def client(number: int, session: Session) -> None:
            local: Counter = Counter()
            start_line.wait()
            for i in range(args.each):
                payload = {
                    "trigger": ["unavailable", "threat", "need_unmet", "uncertainty", "other"][i % 5],
                    "intensity": i % 11,
                    "thought": f"client {number} entry {i}",
                    "urges": ["excessive_contact"],
                    "response": "waited",
                }
                try:
                    status, body = session.post_json("/api/v1/diary/activations", payload)
                except Exception as error:  # a dropped connection is an error too
                    status, body = 0, repr(error).encode()
                    session = Session(port).sign_in("demo", "calm-harbour-demo")
                local[status] += 1
                if status != 201 and len(failures) < 5:
                    with lock:
                        failures.append(f"{status}: {body[:200]!r}")
            with lock:
                statuses.update(local)

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n, s)) for n, s in enumerate(sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        after = count(env)
    sent = args.clients * args.each
    written = after["rows"] - before
    errors = sent - statuses[201]
    print(f"{args.clients} clients x {args.each} activations through POST /api/v1/diary/activations (waitress, SQLite)")
    print(f"  sent {sent}, answered 201: {statuses[201]}, errors: {errors} {dict(statuses)}")
    print(f"  rows written: {written} (lost: {sent - written})")
    print(f"  {sent / elapsed:.0f} writes/s over {elapsed:.1f}s")
    print(f"  journal_mode: {after['journal']}, integrity_check: {after['integrity']}")
    for failure in failures:
        print(f"  e.g. {failure}")
    if errors or written != sent or after["integrity"] != "ok":
        sys.exit(1)


if __name__ == "__main__":
    main()
