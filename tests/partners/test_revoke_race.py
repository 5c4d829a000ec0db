"""Checklist item 77, a partner's read racing a revoke: while Bob reloads his Together page again and again in two
browsers, Alice unlinks, blocks, or stops showing her status (through the real pages). Every read of Bob's that
started after Alice's change was saved shows nothing of what she took back. A read already under way when it was
saved may show what it read just before (as if it had come a moment earlier); that is all it can show.

Why it holds: the page reads the link and the shares from the database on every request (no cache; the answer
is ``no-store``), each in its own statements: on PostgreSQL each statement sees what was saved before it began
(read committed); on SQLite a read sees the database as of its first statement. The change itself is one
transaction, so no read sees half of it."""

import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from earnedsecure.domain.together.sharing import CATEGORY_TEXT, STATUS_TEXT, Category, Status
from earnedsecure.partners import services
from tests.partners.helpers import link, partner_section
from tests.personas import make_person

READS_EACH_SIDE = 6  # per reader, before the change is made and after it is saved
READERS = 2  # Bob's two browsers


def _withdrawn_shown(page: str, withdrawn: list[str]) -> bool:
    if 'aria-labelledby="partner-heading"' not in page:
        return False  # not linked: no partner section at all
    section = partner_section(page)
    return any(words in section for words in withdrawn)


@contextmanager
def _as_installed(folder):
    """On SQLite, the threads use a copy of the test database in a file, as installed (WAL, a writer beside the
    readers): the test database lives in memory with a shared cache, where a write and a read of one table
    refuse each other (table-level locks), which no installation does. The main thread keeps the original; the
    copy goes with the test's folder. On PostgreSQL, the test database as it is."""
    if connection.vendor != "sqlite":
        yield
        return
    copy = folder / "as-installed.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    shared = connections.settings["default"]  # the one dict every thread's connection is made from
    original = shared["NAME"]
    shared["NAME"] = str(copy)
    try:
        yield
    finally:
        shared["NAME"] = original


def _race(alice_client, bob_clients, change, withdrawn):
    """Bob's readers read until the change is saved and then some more; Alice changes once each reader has read a
    few times. Returns every read as (started after the change was saved, showed something withdrawn)."""
    saved, gave_up = threading.Event(), threading.Event()
    read_enough = threading.Barrier(len(bob_clients) + 1, timeout=30)
    reads: list[tuple[bool, bool]] = []
    failures: list[BaseException] = []
    journal_modes: set[str] = set()

    def read(client):
        try:
            before = after = 0
            while after < READS_EACH_SIDE and not gave_up.is_set():
                started_after = saved.is_set()  # looked at before the read begins
                page = client.get("/together/").content.decode()
                reads.append((started_after, _withdrawn_shown(page, withdrawn)))
                if started_after:
                    after += 1
                else:
                    before += 1
                    if before == READS_EACH_SIDE:
                        read_enough.wait()
            if connection.vendor == "sqlite":
                journal_modes.add(connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
        except BaseException as failure:
            failures.append(failure)
            gave_up.set()
        finally:
            connections.close_all()

    def revoke():
        try:
            read_enough.wait()
            response = change(alice_client)
            assert response.status_code == 302, response.status_code
            saved.set()  # the view has returned: its transaction is committed
        except BaseException as failure:
            failures.append(failure)
            gave_up.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(client,)) for client in bob_clients]
    threads.append(threading.Thread(target=revoke))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert journal_modes == ({"wal"} if connection.vendor == "sqlite" else set()), journal_modes  # as installed
    return reads


def _unlink(client):
    return client.post("/together/unlink/")


def _block(client):
    return client.post("/together/block/")


def _stop_showing_status(client):
    return client.post("/together/choose/", {"categories": [Category.WEEK.value]})


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", [_unlink, _block, _stop_showing_status], ids=["unlink", "block", "narrow"])
def test_no_read_that_starts_after_a_revoke_shows_what_was_taken_back(change, tmp_path):
    name = change.__name__.strip("_")
    alice = make_person(f"alice-{name}", first_name="Alice")
    bob = make_person(f"bob-{name}", first_name="Bob")
    link(alice, bob)
    services.status_choose(owner=alice, status=Status.REASSURANCE, now=timezone.now())
    services.categories_choose(owner=alice, categories=set(Category))
    withdrawn = [STATUS_TEXT[Status.REASSURANCE], CATEGORY_TEXT[Category.STATUS][0]]
    if change is not _stop_showing_status:
        withdrawn += [CATEGORY_TEXT[Category.WEEK][0], CATEGORY_TEXT[Category.STAGE][0]]
    alice_client = Client()
    alice_client.force_login(alice)
    bob_clients = []
    for _ in range(READERS):
        bob_client = Client()
        bob_client.force_login(bob)
        bob_clients.append(bob_client)

    with _as_installed(tmp_path):
        reads = _race(alice_client, bob_clients, change, withdrawn)

    after = [shown for started_after, shown in reads if started_after]
    before = [shown for started_after, shown in reads if not started_after]
    assert len(after) == READERS * READS_EACH_SIDE
    assert not any(after), reads  # nothing taken back is shown by a read that began after it was saved
    assert before.count(True) >= READERS * (READS_EACH_SIDE - 1), reads  # it was shown before: the test can fail
