"""core/retention.py: the daily purge removes what is past its retention period, and nothing a person wrote."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django_tasks_db.models import DBTaskResult

from earnedsecure.core.mail import deliver_email
from earnedsecure.core.retention import (
    ACCESS_LOG_DAYS,
    FINISHED_TASK_DAYS,
    SECURITY_EVENT_DAYS,
    UNVERIFIED_ACCOUNT_DAYS,
    retention_purge,
)
from earnedsecure.diary.services import activation_create
from tests.personas import make_person

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def _access_rows(model, *, days_old: float, username: str):
    row = model.objects.create(
        username=username,
        ip_address="192.0.2.7",
        user_agent="Firefox",
        **({"failures_since_start": 1} if model is AccessAttempt else {}),
    )
    model.objects.filter(pk=row.pk).update(attempt_time=NOW - timedelta(days=days_old))
    return row


@pytest.mark.parametrize("model", [AccessLog, AccessFailureLog, AccessAttempt])
def test_it_forgets_addresses_and_browsers_after_the_retention_period(db, model):
    old = _access_rows(model, days_old=ACCESS_LOG_DAYS + 1, username="old")
    recent = _access_rows(model, days_old=ACCESS_LOG_DAYS - 1, username="recent")
    retention_purge(now=NOW)
    assert not model.objects.filter(pk=old.pk).exists()
    assert model.objects.filter(pk=recent.pk).exists()


def test_it_deletes_expired_sessions_and_their_sign_in_records(alice):
    expired, current = SessionStore(), SessionStore()
    for store in (expired, current):
        store.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=NOW - timedelta(minutes=1))
    Session.objects.filter(session_key=current.session_key).update(expire_date=NOW + timedelta(hours=1))
    for store in (expired, current):
        UserSession.objects.create(user=alice, session_key=store.session_key, ip="192.0.2.7", user_agent="Firefox")

    retention_purge(now=NOW)

    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [current.session_key]


def test_it_deletes_finished_tasks_and_the_mail_they_held(db):
    message = {
        "subject": "Reset",
        "body": "https://example.com/reset/secret-token",
        "from_email": "a@example.com",
        "to": ["b@example.com"],
        "cc": [],
        "bcc": [],
        "reply_to": [],
        "headers": {},
        "alternatives": [],
    }
    finished, waiting = (deliver_email.enqueue(message, 0).id for _ in range(2))
    DBTaskResult.objects.filter(pk=finished).update(
        status="SUCCESSFUL", finished_at=NOW - timedelta(days=FINISHED_TASK_DAYS, minutes=1)
    )

    retention_purge(now=NOW)

    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [str(waiting)]


def _joined(username, *, days_ago, verified=None, signed_in=False):
    person = make_person(username)
    get_user_model().objects.filter(pk=person.pk).update(
        date_joined=NOW - timedelta(days=days_ago), last_login=NOW if signed_in else None
    )
    if verified is not None:
        EmailAddress.objects.create(user=person, email=person.email, verified=verified, primary=True)
    return person


def test_it_deletes_accounts_never_verified_where_verification_is_required(db, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    stale = _joined("stale", days_ago=UNVERIFIED_ACCOUNT_DAYS + 1, verified=False)
    activation_create(owner=stale, trigger="unavailable", intensity=3)
    _joined("verified", days_ago=UNVERIFIED_ACCOUNT_DAYS + 30, verified=True)
    _joined("new", days_ago=UNVERIFIED_ACCOUNT_DAYS - 1, verified=False)
    _joined("signed-in", days_ago=UNVERIFIED_ACCOUNT_DAYS + 1, signed_in=True)

    counts = retention_purge(now=NOW)

    assert counts["unverified accounts"] == 1
    assert set(get_user_model().objects.values_list("username", flat=True)) == {"verified", "new", "signed-in"}


def test_without_real_mail_nobody_counts_as_unverified(db, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"
    _joined("local", days_ago=400)
    retention_purge(now=NOW)
    assert get_user_model().objects.filter(username="local").exists()


def test_it_forgets_security_events_after_a_year(alice, bob):
    from earnedsecure.accounts.selectors import security_events_for
    from earnedsecure.accounts.services import security_event_record

    kept_for = timedelta(days=SECURITY_EVENT_DAYS)
    for person, age in (
        (alice, kept_for + timedelta(minutes=1)),
        (alice, kept_for - timedelta(minutes=1)),
        (bob, kept_for * 2),
    ):
        with time_machine.travel(NOW - age, tick=False):
            security_event_record(user=person, kind="signed_in")

    counts = retention_purge(now=NOW)

    assert counts["accounts.securityevent"] == 2
    assert [event.at for event in security_events_for(user=alice)] == [NOW - kept_for + timedelta(minutes=1)]
    assert security_events_for(user=bob) == []


def test_it_forgets_export_links_once_they_stopped_working(alice, bob):
    from earnedsecure.accounts.exports import LINK_WORKS_FOR, export_link_create
    from earnedsecure.accounts.models import ExportLink

    export_link_create(user=alice, now=NOW - LINK_WORKS_FOR - timedelta(seconds=1))
    export_link_create(user=bob, now=NOW - LINK_WORKS_FOR + timedelta(seconds=1))
    assert retention_purge(now=NOW)["accounts.exportlink"] == 1
    assert list(ExportLink.objects.values_list("owner", flat=True)) == [bob.pk]


def test_it_never_touches_what_a_person_wrote(alice):
    entry = activation_create(owner=alice, trigger="unavailable", intensity=3, thought="mine")
    get_user_model().objects.filter(pk=alice.pk).update(date_joined=NOW - timedelta(days=900))
    retention_purge(now=NOW + timedelta(days=900))
    assert type(entry).objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections between tasks
def test_the_worker_runs_the_purge(alice):
    from earnedsecure.journey.worker import run_once

    old = _access_rows(AccessLog, days_old=ACCESS_LOG_DAYS + 1, username="alice")
    run_once()
    assert DBTaskResult.objects.filter(task_path__endswith="purge_expired", status="SUCCESSFUL").count() == 1
    assert not AccessLog.objects.filter(pk=old.pk).exists()
