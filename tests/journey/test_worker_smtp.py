"""A real email through a real (local) SMTP server, sent by the real worker loop."""

import socket
import threading
from datetime import UTC, datetime
from email import message_from_bytes

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command

from earnedsecure.journey.models import Reminder, ReminderPreference

NOW = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)


class Collect:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections between tasks
@time_machine.travel(NOW, tick=False)
def test_the_worker_sends_a_discreet_email_through_smtp(alice, smtp_server, settings):
    handler, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.NEUTRAL_NAME = "Notebook"
    ReminderPreference.objects.create(owner=alice, frequency="daily", email=True, hour=18, review_day=6)

    call_command("worker", "--once")

    assert len(handler.messages) == 1
    recipients, message = handler.messages[0]
    assert recipients == ["alice@example.com"]
    assert message["Subject"] == "Notebook: a gentle reminder"
    body = message.get_payload(decode=True).decode()
    assert "/home/" in body
    assert "anxi" not in body.lower() and "attach" not in body.lower()
    assert Reminder.objects.filter(owner=alice, sent_email_at__isnull=False).count() == len(handler.messages)


@pytest.mark.django_db(transaction=True)
def test_the_background_loop_scans_and_stops_cleanly(alice, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from earnedsecure.journey import worker

    # The test thread waits on an event instead of polling the database, so the two threads never
    # touch SQLite at once (the in-memory test database would refuse with "schema is locked").
    ran = threading.Event()
    real_queue_worker = worker._queue_worker

    class Signalling:
        def run(self):
            real_queue_worker().run()
            ran.set()

    monkeypatch.setattr(worker, "_queue_worker", Signalling)
    stop = threading.Event()
    thread = threading.Thread(target=worker.run_forever, kwargs={"poll_seconds": 0.05, "stop": stop}, daemon=True)
    thread.start()
    try:
        assert ran.wait(timeout=30)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert DBTaskResult.objects.filter(task_path__endswith="scan_reminders", status="SUCCESSFUL").count() == 1
