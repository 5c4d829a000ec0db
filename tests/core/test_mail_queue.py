"""core/mail.py: with the mail server down, sign-up and password reset still answer, the account is whole, and
the mail is queued, retried, and delivered once the server is back (a real local SMTP server)."""

import socket
import threading
from datetime import timedelta
from email import message_from_bytes

import pytest
import time_machine
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from earnedsecure.journey.worker import _queue_worker

PASSPHRASE = "quiet river at dawn"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collect:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_down(settings):
    """Real mail settings pointing at a port where nothing listens: every connection is refused."""
    settings.EMAIL_BACKEND = "earnedsecure.core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = 5
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
    return settings


def _mail_back_up(settings):
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    return handler, controller


def _run_queue():
    _queue_worker().run()


def _sign_up(client, email="newperson@example.com"):
    data = {
        "username": "newperson",
        "email": email,
        "password1": PASSPHRASE,
        "password2": PASSPHRASE,
        "country": "GB",
        "adult": "on",
    }
    return client.post("/accounts/signup/", data)


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections between tasks
def test_sign_up_with_the_mail_server_down_answers_and_the_mail_arrives_later(mail_down):
    browser = Client(raise_request_exception=False)
    response = _sign_up(browser)
    assert response.status_code == 302, response.content[:500]  # to "check your inbox", not a 500
    person = get_user_model().objects.get(username="newperson")
    assert person.check_password(PASSPHRASE)  # the whole account, not half of one

    _run_queue()  # the server is still down: the try fails and the next one is queued
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_email", status="READY").count() == 1

    handler, controller = _mail_back_up(mail_down)
    try:
        with time_machine.travel(timezone.now() + timedelta(minutes=2)):
            _run_queue()
    finally:
        controller.stop()
    assert [recipients for recipients, _ in handler.messages] == [["newperson@example.com"]]
    assert "/accounts/confirm-email/" in handler.messages[0][1].get_payload(decode=True).decode()


@pytest.mark.django_db(transaction=True)
def test_password_reset_with_the_mail_server_down_answers_and_the_mail_arrives_later(mail_down, alice):
    EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
    browser = Client(raise_request_exception=False)
    response = browser.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert response.status_code == 302, response.content[:500]

    handler, controller = _mail_back_up(mail_down)
    try:
        _run_queue()
    finally:
        controller.stop()
    assert [recipients for recipients, _ in handler.messages] == [["alice@example.com"]]


@pytest.mark.django_db(transaction=True)
def test_a_mail_that_never_goes_through_is_given_up_after_the_last_try(mail_down, caplog):
    from earnedsecure.core.mail import RETRY_AFTER, deliver_email

    deliver_email.enqueue(
        {
            "subject": "s",
            "body": "b",
            "from_email": "a@example.com",
            "to": ["b@example.com"],
            "cc": [],
            "bcc": [],
            "reply_to": [],
            "headers": {},
            "alternatives": [],
        },
        0,
    )
    moment = timezone.now()
    for pause in (timedelta(0), *RETRY_AFTER):
        moment += pause + timedelta(seconds=1)
        with time_machine.travel(moment):
            _run_queue()
    tries = DBTaskResult.objects.filter(task_path__endswith="deliver_email")
    assert tries.count() == len(RETRY_AFTER) + 1
    assert not tries.filter(status="READY").exists()
    assert "given up" in caplog.text


def test_the_app_queues_every_mail():
    # The test runner swaps EMAIL_BACKEND for its outbox, so the project's own setting is read from its module.
    from earnedsecure import settings as project_settings

    assert project_settings.EMAIL_BACKEND == "earnedsecure.core.mail.QueuedEmailBackend"
    assert project_settings.EMAIL_DELIVERY_BACKEND.endswith((".console.EmailBackend", ".smtp.EmailBackend"))
