"""The floor of the stack: a trivial signed-in page through the real server (waitress), SQLite by default.

Prints requests per second and median / p95 latency for GET /still-here/ with N concurrent keep-alive
clients. Later benchmarks compare their pages with this figure.

    .venv/bin/python benchmarks/floor.py [--clients 8] [--seconds 10]
"""

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import Session, earnedsecure, running_server

DEMO_PASSWORD = "calm-harbour-demo"  # noqa: S105 - the documented local demo account


def measure(port: int, path: str, *, clients: int, seconds: float, username: str, password: str) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    # Sign everyone in first (the password hash is slow on purpose); the clock starts when all are ready.
    sessions = [Session(port).sign_in(username, password) for _ in range(clients)]
    for session in sessions:
        session.get(path)  # warm up: first visit of the minute records session activity
    stop = time.perf_counter() + seconds

    def worker(session):
        nonlocal errors
        local, local_errors = [], 0
        while time.perf_counter() < stop:
            start = time.perf_counter()
            status, _ = session.get(path)
            local.append(time.perf_counter() - start)
            local_errors += status != 200
        with lock:
            latencies.extend(local)
            errors += local_errors

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(session,)) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with running_server(prepare=lambda env: earnedsecure("demo", "--months", "1", env=env)) as (port, _):
        result = measure(
            port,
            "/still-here/",
            clients=args.clients,
            seconds=args.seconds,
            username="demo",
            password=DEMO_PASSWORD,
        )
    print(f"floor page /still-here/ with {args.clients} clients for {args.seconds:.0f}s (waitress, SQLite)")
    print(f"  requests: {result['requests']}  errors: {result['errors']}")
    print(f"  throughput: {result['rps']:.0f} requests/s")
    print(f"  latency: median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")


if __name__ == "__main__":
    main()
