"""A read racing a revoke (checklist item 77), for the partner and the therapist tests: readers read again and
again in threads while one change is made, and each read is kept as (it began after the change was saved, it
showed what the change takes back).

On PostgreSQL the threads use the test database. On SQLite they use a copy of it in a file, as installed (WAL, a
writer beside the readers): the test database lives in memory with a shared cache, where a write and a read of
one table refuse each other (table-level locks), which no installation does.

The checklist asks for 100 threads: the tests run 99 readers and the change. At most ``READS_AT_ONCE`` of the
readers read at the same moment, as an app server's threads would take requests in turn, and the others wait: with
all 99 at once on two shared cores the change itself waits seconds for its turn. On PostgreSQL each read also
gives its connection back when done: the server allows 100 connections in all (``max_connections``), shared by the
two test workers and every other test they run meanwhile."""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection, connections

READS_AT_ONCE = 30  # with the change's connection and the test's own, 32 of PostgreSQL's 100


@contextmanager
def as_installed(folder):
    """On SQLite, every connection opened inside (by another thread) reaches a file copy of the test database; the
    main thread keeps the original. The copy goes with ``folder``."""
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


def read_while_revoking(
    readers: list[Callable[[], bool]], revoke: Callable[[], None], *, reads_each_side: int
) -> list[tuple[bool, bool]]:
    """Each reader reads ``reads_each_side`` times; then ``revoke`` runs (and commits) while they go on reading
    until each has read ``reads_each_side`` times after it was saved. A reader answers whether it was shown what
    the revoke takes back."""
    saved, gave_up = threading.Event(), threading.Event()
    read_enough = threading.Barrier(len(readers) + 1, timeout=60)
    on_postgresql = connection.vendor == "postgresql"
    at_once = threading.BoundedSemaphore(READS_AT_ONCE)
    reads: list[tuple[bool, bool]] = []
    failures: list[BaseException] = []
    journal_modes: set[str] = set()

    def read(shown):
        try:
            before = after = 0
            while after < reads_each_side and not gave_up.is_set():
                with at_once:
                    started_after = saved.is_set()  # looked at before the read begins
                    reads.append((started_after, shown()))
                    if on_postgresql:
                        connections.close_all()  # the connection goes back for the next reader
                if started_after:
                    after += 1
                else:
                    before += 1
                    if before == reads_each_side:
                        read_enough.wait()
            if connection.vendor == "sqlite":
                journal_modes.add(connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
        except BaseException as failure:
            failures.append(failure)
            gave_up.set()
        finally:
            connections.close_all()

    def change():
        try:
            read_enough.wait()
            revoke()
            saved.set()  # revoke has returned: its transaction is committed
        except BaseException as failure:
            failures.append(failure)
            gave_up.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(shown,)) for shown in readers]
    threads.append(threading.Thread(target=change))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert journal_modes == ({"wal"} if connection.vendor == "sqlite" else set()), journal_modes  # as installed
    return reads
