"""The research export's peak memory and time at 1x, 10x and 100x the rows: flat memory, linear time.

For each size, a throwaway data folder (SQLite) is seeded with N people in one study, each with the same number
of activations, check-ins and tool sessions (tests/research/population.py), in one process; a fresh process then
runs the export alone and reports its own peak resident memory (getrusage), the peak of Python's allocations
during the export (tracemalloc is off: it would slow the export; the RSS is what an operator sees) and the time.
A fresh process that only starts Django and reads one row gives the floor.

    .venv/bin/python benchmarks/research_export_memory.py [--people 100] [--rows-each 12] [--format csv|parquet]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django(data_dir: str) -> None:
    os.environ["EARNEDSECURE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earnedsecure.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child_seed(data_dir: str, people: int, rows_each: int) -> dict:
    _django(data_dir)
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", interactive=False, verbosity=0)
    from tests.research import population

    started = time.perf_counter()
    study = population.study_with_text("bench")
    made = 0
    while made < people:  # in slices, so seeding itself stays small
        size = min(5000, people - made)
        with transaction.atomic():
            persons = population.people(size, prefix=f"b{made}-", rows_each=rows_each, seed=made)
            population.join(study, persons, seed=made)
        made += size
    return {"seed_seconds": time.perf_counter() - started}


def child_floor(data_dir: str) -> dict:
    _django(data_dir)
    from earnedsecure.research.models import Study

    Study.objects.first()
    return {"floor_rss_mb": _peak_rss_mb()}


def child_export(data_dir: str, file_format: str) -> dict:
    _django(data_dir)
    from django.utils import timezone

    from earnedsecure.research.export import export_study
    from earnedsecure.research.models import Study

    study = Study.objects.get(slug="bench")
    started = time.perf_counter()
    record = export_study(
        study=study,
        out_dir=Path(data_dir) / "out",
        file_format=file_format,
        run_by="benchmark",
        recipient="benchmark",
        data_use_agreement="none",
        now=timezone.now(),
    )
    seconds = time.perf_counter() - started
    return {
        "export_seconds": seconds,
        "export_rss_mb": _peak_rss_mb(),
        "rows": sum(record.rows.values()),
        "people": record.people_released,
        "suppressed": record.people_suppressed,
    }


def _run(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100, help="people at 1x")
    parser.add_argument(
        "--rows-each", type=int, default=12, help="activations per person (a third as many check-ins and tool sessions)"
    )
    parser.add_argument("--format", default="csv", choices=["csv", "parquet"])
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, data_dir, *rest = args.child
        if kind == "seed":
            result = child_seed(data_dir, int(rest[0]), int(rest[1]))
        elif kind == "floor":
            result = child_floor(data_dir)
        else:
            result = child_export(data_dir, rest[0])
        print(json.dumps(result))
        return
    print(
        f"{'size':>5} {'people':>8} {'rows':>10} {'seed s':>8} {'export s':>9} {'rows/s':>9} {'peak RSS MB':>12} {'over floor MB':>14}"
    )
    for factor in (int(f) for f in args.factors.split(",")):
        with tempfile.TemporaryDirectory(prefix="research-bench-") as data_dir:
            seeded = _run("seed", data_dir, str(args.people * factor), str(args.rows_each))
            floor = _run("floor", data_dir)
            exported = _run("export", data_dir, args.format)
        print(
            f"{factor:>4}x {exported['people']:>8,} {exported['rows']:>10,} {seeded['seed_seconds']:>8.1f} "
            f"{exported['export_seconds']:>9.1f} {exported['rows'] / exported['export_seconds']:>9,.0f} "
            f"{exported['export_rss_mb']:>12.1f} {exported['export_rss_mb'] - floor['floor_rss_mb']:>14.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
