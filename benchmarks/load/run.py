"""Measure the load mix on 1, 2 and 4 app-server processes on PostgreSQL and on the SQLite one-person default.

    .venv/bin/pip install -e ".[load]"
    .venv/bin/python benchmarks/load/run.py prepare [--people 2000]     # databases, migrations, seeded people
    .venv/bin/python benchmarks/load/run.py measure [--users 16 --time 60 --configs pg1,pg2,pg4,sqlite]

Loopback only. PostgreSQL: the database ``es_load`` on the server in ``--postgres`` (dropped and made again by
``prepare``); SQLite: a data folder under ``--work``. Each configuration starts its servers (gunicorn with
deploy/gunicorn.conf.py, N processes x 4 threads, or ``earnedsecure serve``: waitress, 8 threads), runs locust
headless (benchmarks/load/locustfile.py) for ``--time`` seconds with ``--users`` people sending the mix without
pause, then stops the servers. Besides locust's figures it reads the CPU seconds the app servers and the
database's backends used, and the database's transactions and rows, so each request's cost can be told apart.
Prints a Markdown table and writes everything to ``<work>/results.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import ROOT, earnedsecure, free_port, start_gunicorn, start_waitress, stop, wait_ready

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _envs(args) -> dict[str, dict]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("EARNEDSECURE_") and k != "DATABASE_URL"}
    work = Path(args.work)
    return {
        "pg": {
            **base,
            "DATABASE_URL": f"{args.postgres.rstrip('/')}/es_load",
            "EARNEDSECURE_DATA_DIR": str(work / "pg-data"),
            "EARNEDSECURE_CACHE": "database",
            "EARNEDSECURE_LOG_FORMAT": "json",
        },
        "sqlite": {**base, "EARNEDSECURE_DATA_DIR": str(work / "sqlite-data")},
    }


def _psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", url, "-Atc", sql], check=True, capture_output=True, text=True).stdout.strip()


def prepare(args) -> None:
    envs = _envs(args)
    admin = f"{args.postgres.rstrip('/')}/postgres"
    _psql(admin, "DROP DATABASE IF EXISTS es_load")
    _psql(admin, "CREATE DATABASE es_load")
    for name, env in envs.items():
        started = time.perf_counter()
        earnedsecure("manage", "migrate", "--verbosity", "0", env=env, timeout=900)
        earnedsecure("manage", "createcachetable", env=env)
        seeded = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks/load/seed.py"), "--people", str(args.people)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"{name}: {seeded.stdout.strip()} ({time.perf_counter() - started:.0f} s with migrations)", flush=True)
    _psql(envs["pg"]["DATABASE_URL"], "VACUUM ANALYZE")


def _cpu_seconds_of_session(session_id: int) -> float:
    """User + system CPU seconds of every live process in a session (a server and the workers it forked)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session_id:  # field 6 of /proc/PID/stat, the session id
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def _rss_mb_of_session(session_id: int) -> list[float]:
    """Resident memory (MB) of each live process in a session: the server's master and its workers."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session_id:
            sizes.append(round(int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1))  # field 24, rss in pages
    return sorted(sizes)


def _db_sizes(url: str) -> dict:
    """Rows and bytes (table, indexes and TOAST) of the biggest per-person tables."""
    sizes = {}
    for table in ("diary_activation", "coach_thoughtrecord", "assessments_instrumentresponse", "django_session"):
        rows, size = _psql(url, f"SELECT count(*), pg_total_relation_size('{table}') FROM {table}").split("|")  # noqa: S608
        sizes[table] = {"rows": int(rows), "bytes": int(size), "bytes_per_row": round(int(size) / max(1, int(rows)))}
    sizes["people"] = int(_psql(url, "SELECT count(*) FROM accounts_user"))
    return sizes


def _db_backend_cpu(url: str) -> float:
    pids = _psql(url, "SELECT pid FROM pg_stat_activity WHERE datname = 'es_load' AND pid <> pg_backend_pid()")
    total = 0
    for pid in pids.split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def _db_counters(url: str) -> dict[str, int]:
    row = _psql(
        url,
        "SELECT xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated, blks_read, blks_hit "
        "FROM pg_stat_database WHERE datname = 'es_load'",
    )
    names = ("commits", "rows_returned", "rows_fetched", "rows_inserted", "rows_updated", "blocks_read", "blocks_hit")
    counters = dict(zip(names, (int(v) for v in row.split("|")), strict=True))
    # The shared state's own share: the session row (read, and saved when the idle clock moves) and the cache.
    for table in ("django_session", "earnedsecure_cache"):
        counted = "coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_ins + n_tup_upd + n_tup_del"
        row = _psql(url, f"SELECT {counted} FROM pg_stat_user_tables WHERE relname = '{table}'")  # noqa: S608
        scans, writes = (int(v) for v in row.split("|"))
        counters[f"{table}_scans"], counters[f"{table}_writes"] = scans, writes
    return counters


def _warm_up(port: int, *, processes: int) -> None:
    """Send the mix for a while before measuring: every process loads its models and fills its caches once."""
    import random
    import threading

    from mix import Browser, run_person
    from seed import LOAD_PASSWORD, username

    def one(n: int) -> None:
        browser = Browser("127.0.0.1", port).sign_in(username(n), LOAD_PASSWORD)
        run_person(browser, rng=random.Random(n), requests=25, serial_prefix=f"warm-{n}")

    threads = [threading.Thread(target=one, args=(n,)) for n in range(4 * processes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _locust(args, port: int, csv_prefix: Path) -> None:
    locust = Path(sys.executable).with_name("locust")
    finished = subprocess.run(
        [
            str(locust),
            "-f",
            str(ROOT / "benchmarks/load/locustfile.py"),
            "--headless",
            "--host",
            f"http://127.0.0.1:{port}",
            "-u",
            str(args.users),
            "-r",
            str(args.users),  # everyone at once: the sign-ins (not recorded) are over in the first seconds
            "-t",
            f"{args.time}s",
            "--only-summary",
            "--csv",
            str(csv_prefix),
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "LOAD_PEOPLE": str(args.people)},
        check=False,  # locust exits 1 when any request failed: the figures still count, failures included
        capture_output=True,
        text=True,
        timeout=args.time + 120,
    )
    (csv_prefix.parent / f"{csv_prefix.name}.log").write_text(finished.stdout + finished.stderr)


def _read_stats(csv_prefix: Path) -> dict:
    with open(f"{csv_prefix}_stats.csv", encoding="utf-8") as stats_file:
        rows = {row["Name"]: row for row in csv.DictReader(stats_file)}
    with open(f"{csv_prefix}_failures.csv", encoding="utf-8") as failures_file:
        failures = list(csv.DictReader(failures_file))

    def figures(row) -> dict:
        row = {key: ("0" if value == "N/A" else value) for key, value in row.items()}
        return {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
        }

    return {
        "all": figures(rows["Aggregated"]),
        "by_name": {name: figures(row) for name, row in rows.items() if name not in {"Aggregated", "sign in"}},
        "failures": [f"{f['Name']}: {f['Error']} x{f['Occurrences']}" for f in failures],
    }


def measure(args) -> None:
    envs = _envs(args)
    work = Path(args.work)
    results = json.loads((work / "results.json").read_text()) if (work / "results.json").exists() else {}
    for config in args.configs.split(","):
        backend = "sqlite" if config == "sqlite" else "pg"
        env = envs[backend]
        earnedsecure("manage", "migrate", "--verbosity", "0", env=env, timeout=900)  # the code may be newer
        port = free_port()
        if backend == "pg":
            server = start_gunicorn(env, port=port, workers=int(config[2:]), threads=4)
        else:
            server = start_waitress(env, port=port, threads=8)
        try:
            wait_ready(port, server)
            _warm_up(port, processes=1 if backend == "sqlite" else int(config[2:]))
            before_cpu = _cpu_seconds_of_session(server.pid)
            before_db = _db_counters(env["DATABASE_URL"]) if backend == "pg" else {}
            started = time.perf_counter()
            _locust(args, port, work / f"locust-{config}")
            elapsed = time.perf_counter() - started
            app_cpu = _cpu_seconds_of_session(server.pid) - before_cpu
            rss = _rss_mb_of_session(server.pid)
            db_cpu = _db_backend_cpu(env["DATABASE_URL"]) if backend == "pg" else None
            after_db = _db_counters(env["DATABASE_URL"]) if backend == "pg" else {}
        finally:
            stop(server)
        stats = _read_stats(work / f"locust-{config}")
        requests = max(1, stats["all"]["requests"])
        results[config] = {
            **stats,
            "users": args.users,
            "seconds": args.time,
            "wall_seconds": round(elapsed, 1),
            "app_cpu_ms_per_request": round(app_cpu * 1000 / requests, 1),
            "db_backend_cpu_ms_per_request": round(db_cpu * 1000 / requests, 2) if db_cpu is not None else None,
            "db_per_request": {k: round((after_db[k] - before_db[k]) / requests, 2) for k in after_db},
            "load_average_after": os.getloadavg()[0],
            "server_rss_mb": rss,
            "db_sizes": _db_sizes(env["DATABASE_URL"]) if backend == "pg" else None,
        }
        print(config, json.dumps(results[config]["all"]), flush=True)
        (work / "results.json").write_text(json.dumps(results, indent=2))
    print(table(results))


LABELS = {
    "pg1": "PostgreSQL, 1 process",
    "pg2": "PostgreSQL, 2 processes",
    "pg4": "PostgreSQL, 4 processes",
    "sqlite": "SQLite default (waitress)",
}


def table(results: dict) -> str:
    lines = [
        "| setup | requests/s | p50 ms | p95 ms | p99 ms | errors | floor p95 ms | app CPU ms/request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for config, label in LABELS.items():
        if config not in results:
            continue
        result, figures = results[config], results[config]["all"]
        floor = result["by_name"].get("GET /still-here/", {}).get("p95", 0)
        lines.append(
            f"| {label} | {figures['rps']} | {figures['p50']:.0f} | {figures['p95']:.0f} | {figures['p99']:.0f} | "
            f"{figures['failures']} of {figures['requests']} | {floor:.0f} | {result['app_cpu_ms_per_request']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["prepare", "measure", "table"])
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "es-load"))
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--time", type=int, default=60)
    parser.add_argument("--configs", default="pg1,pg2,pg4,sqlite")
    args = parser.parse_args()
    Path(args.work).mkdir(parents=True, exist_ok=True)
    if args.step == "prepare":
        prepare(args)
    elif args.step == "measure":
        measure(args)
    else:
        print(table(json.loads((Path(args.work) / "results.json").read_text())))


if __name__ == "__main__":
    main()
