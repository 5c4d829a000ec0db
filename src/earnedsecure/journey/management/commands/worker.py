"""``earnedsecure worker``: schedule reminder scans and run the background task queue."""

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
        self.stdout.write(f"Worker running: reminder scan every {scan_every:g} minutes. Ctrl+C to stop.")
        try:
            worker.run_forever(scan_every=timedelta(minutes=scan_every), poll_seconds=poll)
        except KeyboardInterrupt:
            self.stdout.write("Worker stopped.")
