"""Two real worker processes share the database queue: each person's due reminder is made once and mailed once.

Both workers scan for due reminders every second or so (each scan queues the emails it finds due), so the same
reminder is found and queued many times over; the claim under a row lock (journey/services.py) and the
queue's SKIP LOCKED (django-tasks-db) must still let exactly one mail per person reach a real SMTP server.
"""

import json
import socket
import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller
from seed import username
from servers import earnedsecure, stop

from tests.deploy.conftest import seed

PEOPLE = 40

COUNT = """
import json
from collections import Counter
from earnedsecure.journey.models import Reminder
rows = list(Reminder.objects.filter(owner__username__startswith="load").values_list("owner__username", "key", "sent_email_at"))
print(json.dumps({
    "reminders": len(rows),
    "same_key_twice": sum(1 for n in Counter((u, k) for u, k, _ in rows).values() if n > 1),
    "marked_sent": sorted(u for u, _, sent in rows if sent is not None),
}))
"""


class Inbox:
    def __init__(self):
        self.recipients: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
        return "250 accepted"


def _start_worker(env):
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "earnedsecure", "worker", "--scan-every", "0.02", "--poll", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def test_two_workers_deliver_each_reminder_exactly_once(server_env):
    seed(server_env, people=PEOPLE, reminders=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {
        **server_env,
        "EARNEDSECURE_EMAIL_HOST": "127.0.0.1",
        "EARNEDSECURE_EMAIL_PORT": str(port),
        "EARNEDSECURE_EMAIL_TLS": "0",
    }
    workers = [_start_worker(env), _start_worker(env)]
    try:
        deadline = time.monotonic() + 60
        while len(inbox.recipients) < PEOPLE and time.monotonic() < deadline:
            assert all(worker.poll() is None for worker in workers), workers[0].stderr.read().decode()[-2000:]
            time.sleep(0.5)
        time.sleep(4)  # both workers scan again several times: a second mail would come now
    finally:
        codes = [stop(worker) for worker in workers]
        smtp.stop()

    received = Counter(inbox.recipients)
    expected = {f"{username(n)}@example.org" for n in range(PEOPLE)}
    assert set(received) == expected
    assert max(received.values()) == 1, [who for who, times in received.items() if times > 1]
    stored = json.loads(earnedsecure("manage", "shell", "-c", COUNT, env=env).stdout.splitlines()[-1])
    assert stored["same_key_twice"] == 0
    assert stored["reminders"] >= PEOPLE
    assert stored["marked_sent"] == sorted(username(n) for n in range(PEOPLE))
    assert len(codes) == 2  # both were still running when told to stop: neither crashed on the other's claims
