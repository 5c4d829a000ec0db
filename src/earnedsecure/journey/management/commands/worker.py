"""``earnedsecure worker``: schedule reminder scans and run the background task queue."""

import signal
import threading
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.journey import worker


class Command(BaseCommand):
    help = "Run the background worker: a reminder scan every few minutes, and every queued task."

    def add_arguments(self, parser):
        parser.add_argument("--scan-every", type=float, default=15, help="minutes between reminder scans (15)")
        parser.add_argument("--poll", type=float, default=5, help="seconds between looks at the queue (5)")
        parser.add_argument("--once", action="store_true", help="scan once, run everything queued, then exit")

    def handle(self, *, scan_every, poll, once, **options):
        if scan_every <= 0 or poll <= 0:
            raise CommandError("--scan-every and --poll must be positive")
        if once:
            worker.run_once()
            self.stdout.write("Reminders scanned and queued tasks run.")
            return
        # SIGTERM (systemd, compose, a deploy) and Ctrl+C ask the loop to stop after the batch of tasks it is
        # running: a task cut off half way stays marked running and is never retried (a reminder mail lost).
        stop = threading.Event()

        def finish_then_stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, finish_then_stop)
        signal.signal(signal.SIGINT, finish_then_stop)
        self.stdout.write(f"Worker running: reminder scan every {scan_every:g} minutes. Ctrl+C to stop.", ending="\n")
        self.stdout.flush()
        worker.run_forever(scan_every=timedelta(minutes=scan_every), poll_seconds=poll, stop=stop)
        self.stdout.write("Worker stopped.")
