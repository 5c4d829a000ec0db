"""A GET writes nothing: every page and API read a signed-in person with months of history can reach, walked
from the URL conf (routes with parameters get their values from the links on the pages visited), answers
without a single INSERT, UPDATE or DELETE.

Writes belong to POST services and to the background worker's scan (issue 10: "GET pages insert rows").
The one table left out is the session store: the idle timeout notes the last request in the session at most
once a minute, which is the session's own bookkeeping, not a page's.

One page write is a known exception, named in ``KNOWN_EXCEPTIONS`` with its reason and allowed on that page
only: any other write on any GET still fails.

The walk never reaches the export's single-use link (/account/export/<token>/): its address is only in the answer
to a POST. Opening it writes by design: it spends the link (deletes its row) and notes the download on the
person's security log; tests/accounts/test_export_link.py pins those two writes and no other.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.routes import HREF, addresses, route_of, walk

# Quick exit signs out on GET by design (it must be one click away); signing out ends the session.
SIGNS_OUT = re.compile(r"^/(quick-exit/|accounts/logout/)")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
SESSION_STORE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?django_session"?', re.I)

# path -> (the one write allowed there, why)
KNOWN_EXCEPTIONS = {
    "/together/": (
        re.compile(r'^\s*INSERT INTO\s+"?partners_accessrecord"?', re.I),
        "the partner's access log (checklist item 45): the day on which a person's partner was shown each of "
        "their categories is written when the partner's page shows it, because being shown is the event the "
        "person must be able to see; a worker could not know it. One row per category and day, never a count.",
    ),
    "/together/check-in/": (
        re.compile(r'^\s*INSERT INTO\s+"?partners_accessrecord"?', re.I),
        "the same access log: the day on which a person's partner read the weekly check-ins that person chose to "
        "show, written when the page shows them, one row a day.",
    ),
}


def _writes(queries, path=""):
    allowed = KNOWN_EXCEPTIONS.get(path, (None, ""))[0]
    return [
        q["sql"]
        for q in queries
        if WRITE.match(q["sql"])
        and not SESSION_STORE.match(q["sql"])
        and not (allowed is not None and allowed.match(q["sql"]))
    ]


@pytest.fixture
def person_with_history(db):
    """The demo person (six months of diary, check-ins, thoughts, lessons, programs, reminders), with the
    pathway's records taken away: the stages are met in the data but not yet written down, as between a
    person's entry and the worker's next scan."""
    from django.test import Client

    from earnedsecure.core.demo import demo_create
    from earnedsecure.journey.models import PathwayStageReached

    person = demo_create(months=6)
    PathwayStageReached.objects.filter(owner=person).delete()
    client = Client()
    client.force_login(person)
    client.get("/still-here/")  # the session's first-visit bookkeeping
    return client


def test_it_writes_nothing_on_any_get(person_with_history):
    client = person_with_history
    _, templated = addresses()
    writes = {}
    excepted = set()

    def visit(path):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if found := _writes(queries.captured_queries, path):
            writes[path] = found
        if len(_writes(queries.captured_queries)) > len(found):
            excepted.add(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            return HREF.findall(response.content.decode())
        return []

    visited = walk(visit, skip=SIGNS_OUT.match, first=lambda path: not path.startswith("/admin"))
    # The known exception is live (the demo person's partner shows them how they are), so it is exercised here.
    assert excepted == set(KNOWN_EXCEPTIONS), excepted
    seen_routes = {route_of(path) for path in visited}

    # The API's single-item reads: the id (or slug) of the first item its list answers with.
    for pattern in templated:
        listed, _, rest = pattern.partition("/<")
        if not listed.startswith("/api/") or "<" in rest or route_of(listed) is None:
            continue
        items = client.get(listed).json()
        key = "slug" if "<slug>" in pattern else "id"
        path = re.sub(r"<\w+>", str(items[0][key]), pattern)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        if found := _writes(queries.captured_queries):
            writes[path] = found
        visited.append(path)

    assert not writes, "GET wrote rows:\n" + "\n".join(
        f"{path}: {sql[:160]}" for path, sqls in writes.items() for sql in sqls
    )
    # The walk must reach the pages that matter, or it proves nothing.
    for page in ("/home/", "/learn/", "/learn/pathway/", "/diary/", "/diary/insights/", "/think/", "/check-ins/"):
        assert page in visited
    reached_with_parameters = {route for route in seen_routes if "<" in route}
    assert len(reached_with_parameters) >= 10, sorted(reached_with_parameters)
    assert "/api/v1/diary/activations/" in " ".join(visited)
