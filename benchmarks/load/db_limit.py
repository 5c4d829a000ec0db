"""The database's own limit on this machine, without the app: how many diary-sized writes and per-person reads
PostgreSQL answers a second, from 1 to 32 connections at once.

    .venv/bin/python benchmarks/load/db_limit.py [--postgres postgres://postgres@127.0.0.1:5432] [--seconds 8]

Works in a scratch database ``es_limit`` (made and dropped here). The table is shaped like the diary: an owner,
a time, and ~700 bytes of ciphertext-sized text, indexed by (owner, time) as the app's tables are. A write is
one INSERT and its COMMIT (the app commits each entry on its own); a read is one person's latest 20 rows.
docs/scaling.md compares these with what one request of the load mix asks of the database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import threading
import time

import psycopg

ROW_TEXT = "x" * 700  # the size of an encrypted diary thought with its envelope


def _setup(admin: str, url: str, people: int) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS es_limit")
        conn.execute("CREATE DATABASE es_limit")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE entry (id bigserial PRIMARY KEY, owner_id bigint NOT NULL, at timestamptz NOT NULL, "
            "thought text NOT NULL)"
        )
        conn.execute("CREATE INDEX entry_owner_at ON entry (owner_id, at)")
        conn.execute(
            "INSERT INTO entry (owner_id, at, thought) SELECT g %% %s, now() - (g || ' minutes')::interval, %s "
            "FROM generate_series(1, 200000) AS g",
            (people, ROW_TEXT),
        )
        conn.execute("VACUUM ANALYZE entry")


def _run(url: str, *, connections: int, seconds: float, kind: str, people: int) -> float:
    done = [0] * connections
    stop_at = time.monotonic() + seconds
    start_line = threading.Barrier(connections)

    def worker(n: int) -> None:
        rng = random.Random(n)
        with psycopg.connect(url) as conn:
            start_line.wait()
            while time.monotonic() < stop_at:
                owner = rng.randrange(people)
                if kind == "write":
                    conn.execute("INSERT INTO entry (owner_id, at, thought) VALUES (%s, now(), %s)", (owner, ROW_TEXT))
                else:
                    conn.execute(
                        "SELECT id, at, thought FROM entry WHERE owner_id = %s ORDER BY at DESC LIMIT 20", (owner,)
                    ).fetchall()
                conn.commit()
                done[n] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--out", help="also write the figures to this JSON file")
    args = parser.parse_args()
    base = args.postgres.rstrip("/")
    url = f"{base}/es_limit"
    _setup(f"{base}/postgres", url, args.people)
    results: dict[str, dict[int, float]] = {"write": {}, "read": {}}
    try:
        for kind in ("write", "read"):
            for connections in (1, 4, 16, 32):
                rate = _run(url, connections=connections, seconds=args.seconds, kind=kind, people=args.people)
                results[kind][connections] = round(rate)
                print(f"{kind:5} {connections:2} connections: {rate:8.0f}/s", flush=True)
        with psycopg.connect(url) as conn:
            settings = dict(
                conn.execute(
                    "SELECT name, setting FROM pg_settings WHERE name IN "
                    "('max_connections', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_level')"
                ).fetchall()
            )
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS es_limit")
    summary = {"per_second": results, "settings": settings, "load_average": os.getloadavg()[0]}
    print(json.dumps(summary))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(summary, out, indent=2)


if __name__ == "__main__":
    main()
