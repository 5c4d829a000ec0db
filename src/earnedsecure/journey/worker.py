"""The background worker: schedules the reminder and pathway scans and the daily retention purge, and runs
the task queue, in one loop.

``earnedsecure worker`` runs it in the foreground; ``start_background_worker()`` runs the same loop in a
daemon thread, for ``earnedsecure serve`` on a single machine. The queue itself is django-tasks-db's: its
``Worker`` claims rows with ``SELECT ... FOR UPDATE SKIP LOCKED`` (an exclusive transaction on SQLite), so
several workers never run the same task twice.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.db import close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)

DEFAULT_SCAN_EVERY = timedelta(minutes=15)
DEFAULT_POLL_SECONDS = 5.0


def _queue_worker() -> Worker:
    # batch=True: run every ready task, then return to our loop (which decides when to scan and when to sleep).
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"journey-{get_random_string(12)}",
        excluded_queue_names=[],
    )


def run_once() -> None:
    """Scan once, then run everything queued (including the emails the scan queued), then return."""
    from earnedsecure.core.retention import purge_expired
    from earnedsecure.journey.tasks import scan_pathways, scan_reminders

    scan_reminders.enqueue()
    scan_pathways.enqueue()
    purge_expired.enqueue()
    _queue_worker().run()


def run_forever(
    *,
    scan_every: timedelta = DEFAULT_SCAN_EVERY,
    poll_seconds: float = DEFAULT_POLL_SECONDS,
    stop: threading.Event | None = None,
) -> None:
    """Queue the reminder and pathway scans every ``scan_every`` and run queued tasks, checking every
    ``poll_seconds``."""
    from earnedsecure.core.retention import PURGE_EVERY, purge_expired
    from earnedsecure.journey.tasks import scan_pathways, scan_reminders

    stop = stop or threading.Event()
    next_scan = next_purge = time.monotonic()
    while not stop.is_set():
        try:
            if time.monotonic() >= next_scan:
                scan_reminders.enqueue()
                scan_pathways.enqueue()
                next_scan = time.monotonic() + scan_every.total_seconds()
            if time.monotonic() >= next_purge:  # retention (core/retention.py): once a day, and at start
                purge_expired.enqueue()
                next_purge = time.monotonic() + PURGE_EVERY.total_seconds()
            _queue_worker().run()
        except Exception:
            # A database hiccup must not kill the worker of a running server; try again after a pause.
            logger.exception("background worker loop failed; retrying")
        finally:
            close_old_connections()
        stop.wait(poll_seconds)
    connections.close_all()  # this thread's connections; a stopped worker holds nothing open


_started: threading.Thread | None = None
_lock = threading.Lock()


def start_background_worker(
    *, scan_every: timedelta = DEFAULT_SCAN_EVERY, poll_seconds: float = DEFAULT_POLL_SECONDS
) -> threading.Thread:
    """Start the worker loop in a daemon thread (once per process) and return the thread. Django must be set up."""
    global _started
    with _lock:
        if _started is None or not _started.is_alive():
            _started = threading.Thread(
                target=run_forever,
                kwargs={"scan_every": scan_every, "poll_seconds": poll_seconds},
                name="earnedsecure-worker",
                daemon=True,
            )
            _started.start()
        return _started
