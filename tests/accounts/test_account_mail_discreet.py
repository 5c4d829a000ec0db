"""Checklist item 44, discreet surfaces: every mail the account side can send (address confirmation, password
reset and change, email change, two-step sign-in notices, an attempt to sign up with a taken address) is rendered
through the app's own mail adapter and checked, subject and body, against the sensitive lexicon the reminder
mails are held to: an inbox glance or a shared screen shows only the neutral name and generic words."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.core import mail
from django.test import RequestFactory

from tests.journey.test_reminders import SENSITIVE

TEMPLATES = Path(allauth.__file__).parent / "templates"
PREFIXES = sorted(
    f"{folder}/email/{path.name.removesuffix('_message.txt')}"
    for folder in ("account", "mfa")
    for path in (TEMPLATES / folder / "email").glob("*_message.txt")
    if not path.name.startswith("base_")  # the layout the others extend, not a mail of its own
)
# "activat" is in the lexicon for "I'm activated"; allauth's "Authenticator App (De)activated" is about the
# sign-in app, a generic security word that says nothing about the person, so only that phrase is let through.
GENERIC = re.compile(r"authenticator app (has been )?(de)?activated", re.IGNORECASE)


def test_every_account_mail_is_checked():
    assert "account/email/password_reset_key" in PREFIXES and "mfa/email/totp_deactivated" in PREFIXES
    assert len(PREFIXES) >= 15


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_account_mail_is_discreet(prefix, alice, settings):
    settings.NEUTRAL_NAME = "Notebook"
    request = RequestFactory().get("/accounts/email/", HTTP_HOST="127.0.0.1")
    request.user = alice
    context = {
        "request": request,
        "user": alice,
        "email": "alice@example.com",
        "activate_url": "http://127.0.0.1/accounts/confirm-email/abc/",
        "password_reset_url": "http://127.0.0.1/accounts/password/reset/key/1-abc/",
        "signup_url": "http://127.0.0.1/accounts/signup/",
        "code": "123456",
        "from_email": "old@example.com",
        "to_email": "alice@example.com",
        "deleted_email": "old@example.com",
        "ip": "127.0.0.1",
        "user_agent": "Firefox",
        "timestamp": "2026-11-30 10:00",
    }
    with allauth_context.request_context(request):
        get_adapter(request).send_mail(prefix, "alice@example.com", context)
    (message,) = mail.outbox
    assert message.subject.startswith("Notebook: "), message.subject
    for part in (message.subject, message.body):
        part = GENERIC.sub("", part)
        found = SENSITIVE.search(part)
        assert found is None, (prefix, found and found.group(0), part)
        assert "Earned Secure" not in part
