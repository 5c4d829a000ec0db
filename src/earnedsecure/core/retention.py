"""Retention: what the app keeps about people's visits, and for how long. One daily purge on the worker.

The privacy notice promises each period below; the purge (:func:`retention_purge`, queued once a day by
journey/worker.py, and by every ``earnedsecure worker --once``) keeps it. Nothing a person wrote is touched:
their own entries stay until they delete them or their account.

1. django-axes's records of failed sign-ins (the name typed, the network of the address, the browser in words;
   accounts/failed_sign_ins.py): :data:`ACCESS_LOG_DAYS`.
2. Sessions past their expiry, and allauth's list of sign-ins (the network and the browser in words,
   accounts/session_records.py) for sessions that no longer exist: at once.
3. Finished background tasks (a queued mail keeps its text, a reset link included, until it is sent):
   :data:`FINISHED_TASK_DAYS` after they finished.
4. Accounts whose email address was never verified, where verification is required (real mail is set up):
   :data:`UNVERIFIED_ACCOUNT_DAYS` after sign-up, deleted like any account (accounts.services.account_delete).
5. The person's security log (accounts.SecurityEvent: kind, two-step method and time of sign-ins, refused codes,
   password and email changes, downloads): :data:`SECURITY_EVENT_DAYS`. A year shows a person a pattern of
   attempts at their account without keeping a record of their life with the app for ever.
6. Key backups (core/backups.py): ``KEY_BACKUP_DAYS`` (a setting, 7 days by default) after they were made.
7. Keys in the key store that no person refers to (a deletion that stopped half-way, a sign-up rolled back):
   a day after they were made (core/crypto.py, ``UNREFERENCED_KEY_GRACE``).
8. Forms sent after a session ended, kept for their writer to send after signing in (accounts/kept_forms.py):
   ``KEPT_FOR`` (an hour) after they were sent. The kept page gives them back to no one after that hour, and
   this purge deletes them (within a day, as it runs daily).
9. Partner invite codes (their hash) a day after they stopped working, and codes entered that did not link an
   hour after (partners/services.py, ``limits_expire``): kept only as long as the limits on them need.
10. Links to download one's own export (their hash) that were never opened: once their 15 minutes are over
    (accounts/exports.py). Opening one deletes it at once.
11. The tokens that make a form count once however often it is sent (core/submissions.py: a random token and
    the address the first send led to): :data:`SUBMISSION_DAYS` after the form was sent.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task

from earnedsecure.core import backups, crypto, submissions

ACCESS_LOG_DAYS = 30
FINISHED_TASK_DAYS = 1
UNVERIFIED_ACCOUNT_DAYS = 7
SECURITY_EVENT_DAYS = 365
SUBMISSION_DAYS = 1  # a retry comes within minutes; a day covers a phone that was offline overnight
PURGE_EVERY = timedelta(days=1)


def retention_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Delete everything past its retention period; returns how many rows of each kind went."""
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    from earnedsecure.accounts.exports import export_links_expire
    from earnedsecure.accounts.kept_forms import kept_forms_expire
    from earnedsecure.accounts.services import account_delete, security_events_delete_before
    from earnedsecure.partners.services import limits_expire as partner_limits_expire
    from earnedsecure.research.releases import releases_expire

    now = now or timezone.now()
    counts: dict[str, int] = {}
    access_cutoff = now - timedelta(days=ACCESS_LOG_DAYS)
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        counts[model._meta.label_lower] = model.objects.filter(attempt_time__lt=access_cutoff).delete()[0]

    counts["sessions.session"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    orphaned = UserSession.objects.exclude(session_key__in=Session.objects.values("session_key"))
    counts["usersessions.usersession"] = orphaned.delete()[0]

    finished = DBTaskResult.objects.filter(finished_at__lt=now - timedelta(days=FINISHED_TASK_DAYS))
    counts["django_tasks_db.dbtaskresult"] = finished.delete()[0]

    counts["accounts.securityevent"] = security_events_delete_before(cutoff=now - timedelta(days=SECURITY_EVENT_DAYS))
    counts["accounts.keptform"] = kept_forms_expire(now=now)
    counts["accounts.exportlink"] = export_links_expire(now=now)
    counts["research.release"] = releases_expire(now=now)
    counts["core.submission"] = submissions.forget_before(cutoff=now - timedelta(days=SUBMISSION_DAYS))
    counts["key backups"] = backups.key_backups_expire(now=now)
    counts["keys nobody refers to"] = crypto.person_keys_unreferenced_destroy(now=now)
    counts.update(partner_limits_expire(now=now))

    counts["unverified accounts"] = 0
    if settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory":
        # Without real mail nobody can verify an address, so nobody is "unverified" and nothing is deleted.
        verified = EmailAddress.objects.filter(verified=True).values("user_id")
        never_verified = (
            get_user_model()
            .objects.filter(date_joined__lt=now - timedelta(days=UNVERIFIED_ACCOUNT_DAYS), last_login__isnull=True)
            .exclude(pk__in=verified)
        )
        for user in never_verified:
            account_delete(user=user)
            counts["unverified accounts"] += 1
    return counts


@task()
def purge_expired() -> dict[str, int]:
    """The daily retention purge (core/retention.py). Idempotent."""
    return retention_purge()
