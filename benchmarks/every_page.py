"""Every page the 36-month demo person can reach, against a trivial signed-in page: time and SQL queries.

1. A throwaway data folder (SQLite, the default setup) gets the demo person of ``earnedsecure demo --months 36``.
2. The URL conf is walked: every route without parameters is a page to visit. Routes with parameters
   (an entry, a lesson, a check-in) get their values from the links on the pages visited, so only pages the
   person can actually reach are measured, one address per route.
3. Each page is fetched signed in, with Django's test client in this process (no network in the figure):
   once to warm up, then ``--repeats`` times; the median is compared with the floor page /still-here/.
4. It prints one line per page (median ms, queries, ratio) and the worst ratio; the issue asks for at most 3x.

Left out: routes that sign out or change data on GET (quick exit, sign out), the admin, and pages that are
not HTML or JSON answers for this person (a 404 or redirect is listed, not timed). Files to save (an answer with
``Content-Disposition: attachment``: the FHIR file, the PDF report, the data export) are timed and listed but not
in the worst ratio: they are exports a person asks for now and then, not pages, and their cost grows with what
they hold.

    .venv/bin/python benchmarks/every_page.py [--repeats 15] [--months 36]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the URL-conf walk is shared with the GET-writes-nothing test

from tests.routes import HREF, addresses, route_of, walk  # noqa: E402

FLOOR = "/still-here/"
SKIP = re.compile(
    r"^/(quick-exit|accounts/(logout|login|signup|password|email|confirm|3rdparty|social|inactive)|admin)"
)


def _setup(data_dir: str) -> None:
    os.environ["EARNEDSECURE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earnedsecure.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # a 404 is listed, not logged seven times
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _timed(client, path: str, repeats: int) -> tuple[float, float, int, int, bool]:
    """(median seconds, ratio to the floor page, SQL queries, status, whether it is a download) for GET ``path``.

    The floor page is fetched between the page's fetches, so both medians see the same load on the machine.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm up: templates, caches and the first visit's bookkeeping
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    status = response.status_code
    download = "attachment" in response.get("Content-Disposition", "")
    count = len(queries.captured_queries)  # now: the next request resets the log
    times, floor_times = [], []
    for _ in range(repeats):
        for address, into in ((FLOOR, floor_times), (path, times)):
            started = time.perf_counter()
            client.get(address)
            into.append(time.perf_counter() - started)
    median = statistics.median(times)
    return median, median / statistics.median(floor_times), count, status, download


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--only", default="", help="measure only addresses containing this text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="es-every-page-") as data_dir:
        _setup(data_dir)
        from django.test import Client

        from earnedsecure.core.demo import demo_create

        person = demo_create(months=args.months)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(person)

        _, templated = addresses()

        def visit(path: str) -> list[str]:
            response = client.get(path)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                return HREF.findall(response.content.decode())
            return []

        pages = walk(visit, skip=SKIP.match, first=lambda path: not path.startswith("/api/"))

        floor, _, floor_queries, _, _ = _timed(client, FLOOR, args.repeats)
        print(f"every page of the {args.months}-month demo person, median of {args.repeats} GETs (test client, SQLite)")
        print(f"  floor {FLOOR}: {floor * 1000:.1f} ms, {floor_queries} queries")
        print(f"  {'page':<48} {'ms':>7} {'queries':>7} {'ratio':>6}")
        worst = (0.0, "")
        for path in pages:
            if args.only and args.only not in path:
                continue
            median, ratio, queries, status, download = _timed(client, path, args.repeats)
            counted = status == 200 and not download
            note = (
                ""
                if counted
                else "  (a file to save, not a page: not counted)"
                if download
                else f"  (status {status}, not counted)"
            )
            print(f"  {path:<48} {median * 1000:7.1f} {queries:7d} {ratio:5.1f}x{note}")
            if counted and ratio > worst[0]:
                worst = (ratio, path)
        unreached = [pattern for pattern in templated if not pattern.startswith("/api/") and not SKIP.match(pattern)]
        unreached = [p for p in unreached if not any(route_of(page) == p.lstrip("/") for page in pages)]
        if unreached:
            print(f"  routes with parameters no link led to: {', '.join(unreached)}")
        print(f"worst ratio: {worst[0]:.1f}x ({worst[1]})")


if __name__ == "__main__":
    main()
