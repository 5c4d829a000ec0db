"""The reminder email goes out after its transaction commits, with no lock held, and only with consent."""

from datetime import UTC, datetime
from smtplib import SMTPException

import pytest
import time_machine
from django.db import connection

from earnedsecure.accounts.models import Consent
from earnedsecure.accounts.services import consent_withdraw
from earnedsecure.journey import services
from earnedsecure.journey.models import Reminder, ReminderPreference

NOW = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)  # a Wednesday, after the chosen hour in London


def _waiting_reminder(user) -> Reminder:
    ReminderPreference.objects.create(owner=user, frequency="daily", in_app=True, email=True, review_day=6, hour=18)
    return Reminder.objects.create(owner=user, kind=Reminder.Kind.CHECK_IN, key="check_in:2026-06-03", due_at=NOW)


@pytest.mark.django_db(transaction=True)
def test_it_sends_after_the_commit_outside_any_lock(alice, monkeypatch):
    reminder = _waiting_reminder(alice)
    seen = []

    def send_mail(subject, body, sender, to):
        marked = Reminder.objects.get(pk=reminder.pk).sent_email_at is not None
        seen.append((to, connection.in_atomic_block, marked))

    monkeypatch.setattr(services, "send_mail", send_mail)
    assert services.reminder_send_email(reminder_id=reminder.pk, now=NOW)
    assert seen == [(["alice@example.com"], False, True)]
    assert not services.reminder_send_email(reminder_id=reminder.pk, now=NOW)  # never twice
    assert len(seen) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_takes_the_mark_back(alice, monkeypatch):
    reminder = _waiting_reminder(alice)

    def send_mail(*args):
        raise SMTPException("mail server down")

    monkeypatch.setattr(services, "send_mail", send_mail)
    with pytest.raises(SMTPException):
        services.reminder_send_email(reminder_id=reminder.pk, now=NOW)
    assert Reminder.objects.get(pk=reminder.pk).sent_email_at is None


def test_nothing_is_made_or_sent_once_consent_is_withdrawn(alice, django_capture_on_commit_callbacks, mailoutbox):
    reminder = _waiting_reminder(alice)
    consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_scan(now=NOW) == 0
        assert not services.reminder_send_email(reminder_id=reminder.pk, now=NOW)
    assert mailoutbox == []
    assert Reminder.objects.filter(owner=alice).count() == 1
