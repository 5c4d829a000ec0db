"""From the measured figures to 10k, 100k and 1M people: the arithmetic of docs/scaling.md, section 6.

    .venv/bin/python benchmarks/load/arithmetic.py [--work /tmp/es-load]

Reads ``results.json`` (benchmarks/load/run.py) and ``db_limit.json`` (benchmarks/load/db_limit.py --out) from
the work folder. The measured inputs come from there; the assumptions about how people use the app are the
constants below, each a guess to replace with a real installation's own figures.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
from pathlib import Path

# Assumptions (not measured): how many enrolled people use it on a given day, how many requests a day of use
# sends (a check-in is five or six pages, a diary entry two or three, reading home and insights a few more),
# how much of a day falls in its busiest hour (evenings; reminders default to 18:00), how often a person signs
# in (a session ends after 30 idle minutes), and how hard a machine should run at its busiest.
ACTIVE_SHARE = 0.30
REQUESTS_PER_ACTIVE_DAY = 30
BUSIEST_HOUR_SHARE = 0.15
SIGN_INS_PER_ACTIVE_DAY = 2
DIARY_ENTRIES_PER_ACTIVE_DAY = 1
UTILISATION = 0.6
THREADS_PER_PROCESS = 4
# Measured apart (docs/scaling.md section 2): one Argon2 check, CPU seconds and memory (Django's parameters).
ARGON2_CPU_SECONDS = 0.207
ARGON2_MEMORY_MB = 100


def plan(people: int, *, cost: dict, limit: dict) -> dict:
    peak_rps = people * ACTIVE_SHARE * REQUESTS_PER_ACTIVE_DAY * BUSIEST_HOUR_SHARE / 3600
    app_cores = peak_rps * cost["app_cpu_ms"] / 1000 / UTILISATION
    db_cores = peak_rps * cost["db_cpu_ms"] / 1000 / UTILISATION
    sign_ins_per_second = people * ACTIVE_SHARE * SIGN_INS_PER_ACTIVE_DAY * BUSIEST_HOUR_SHARE / 3600
    argon2_cores = sign_ins_per_second * ARGON2_CPU_SECONDS / UTILISATION
    processes = max(2, math.ceil(app_cores + argon2_cores))  # one process a core; sign-ins run in them too
    commits = peak_rps * cost["commits_per_request"]
    diary_rows_per_year = people * ACTIVE_SHARE * DIARY_ENTRIES_PER_ACTIVE_DAY * 365
    return {
        "people": people,
        "peak_requests_per_second": round(peak_rps, 1),
        "app_cores": round(app_cores, 1),
        "app_processes": processes,
        "db_connections": processes * THREADS_PER_PROCESS + 2,  # and two workers
        "db_cores_for_the_mix": round(db_cores, 2),
        "db_commits_per_second": round(commits),
        "share_of_measured_commit_limit": round(commits / limit["write_per_second"], 3),
        "sign_ins_per_second": round(sign_ins_per_second, 2),
        "argon2_cores": round(argon2_cores, 2),
        "diary_rows_per_year_millions": round(diary_rows_per_year / 1e6, 1),
        "diary_gb_per_year": round(diary_rows_per_year * cost["diary_bytes_per_row"] / 1e9, 1),
        "research_export_core_hours": round(people * cost["export_seconds"] / 3600, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "es-load"))
    args = parser.parse_args()
    work = Path(args.work)
    results = json.loads((work / "results.json").read_text())
    limit_figures = json.loads((work / "db_limit.json").read_text())
    measured = results["pg4"] if "pg4" in results else results["pg2"]
    cost = {
        "app_cpu_ms": measured["app_cpu_ms_per_request"],
        "db_cpu_ms": measured["db_backend_cpu_ms_per_request"],
        "commits_per_request": measured["db_per_request"]["commits"],
        "diary_bytes_per_row": measured["db_sizes"]["diary_activation"]["bytes_per_row"],
        # One person's export, as requests of the mix (wall time at p50: an upper bound on its CPU). Since the
        # single-use link, locust reports preparing it ("POST export") and opening it ("GET export link") apart.
        "export_seconds": sum(
            measured["by_name"].get(name, {}).get("p50", 0) for name in ("POST export", "GET export link")
        )
        / 1000,
    }
    limit = {"write_per_second": max(limit_figures["per_second"]["write"].values())}
    print(json.dumps({"cost": cost, "limit": limit}, indent=2))
    for people in (10_000, 100_000, 1_000_000):
        print(json.dumps(plan(people, cost=cost, limit=limit)))


if __name__ == "__main__":
    main()
