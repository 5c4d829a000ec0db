"""Writes about a person's account: consent, settings, export and deletion."""

import json
from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from earnedsecure import __version__
from earnedsecure.accounts import onboarding
from earnedsecure.accounts.models import Consent, SecurityEvent, User
from earnedsecure.core import crypto, personal_data, storage
from earnedsecure.core.logs import security_event_log


def has_core_consent(user) -> bool:
    return Consent.objects.filter(
        owner=user,
        purpose=Consent.Purpose.CORE,
        version=Consent.CURRENT_VERSION[Consent.Purpose.CORE],
        withdrawn_at__isnull=True,
    ).exists()


@transaction.atomic
def consent_give(*, user, purpose=Consent.Purpose.CORE) -> Consent:
    consent, _ = Consent.objects.get_or_create(
        owner=user, purpose=purpose, version=Consent.CURRENT_VERSION[purpose], withdrawn_at=None
    )
    return consent


@transaction.atomic
def consent_withdraw(*, user, purpose) -> int:
    return Consent.objects.filter(owner=user, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


@transaction.atomic
def user_signup_details_set(
    *, user, country: str, time_zone: str = "", adult_confirmed_at: datetime | None = None
) -> User:
    """Store what sign-up asked beyond the account itself: the crisis-lines country, if known the zone, and
    when the person confirmed being 18 or older; and start the new person's first steps."""
    user.country = country
    # Sign-up is where a new person's first steps begin (accounts/onboarding.py); other accounts never see them.
    user.onboarding = User.Onboarding.ABOUT
    fields = ["country", "onboarding"]
    if adult_confirmed_at is not None:
        user.adult_confirmed_at = adult_confirmed_at
        fields.append("adult_confirmed_at")
    if time_zone:
        user.time_zone = time_zone
        fields.append("time_zone")
    user.save(update_fields=fields)
    return user


@transaction.atomic
def onboarding_step_done(*, user, step) -> User:
    """The person finished ``step`` of their first steps: move them on to the next one.

    Never backwards: going Back and through a step again leaves them as far as they had come.
    """
    following = onboarding.step_after(step)
    if onboarding.reached(user, following):
        return user
    user.onboarding = following
    user.save(update_fields=["onboarding"])
    return user


def account_export(*, user) -> dict:
    """Everything a person has entered, as one JSON-ready document."""
    return {
        "format": "earnedsecure-export",
        "format_version": 1,
        "app_version": __version__,
        "exported_at": timezone.now(),
        "username": user.username,
        "data": personal_data.export_rows(user),
    }


def account_export_json(*, user) -> str:
    return json.dumps(account_export(user=user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove the person and everything of theirs: rows (by cascade), sessions and sign-in records.

    Their sessions are found through the keys recorded at each sign-in (allauth's usersessions), never by
    decoding everyone's: the cost does not grow with other people's sessions, and nobody else's is read. A
    session whose key was never recorded cannot sign anyone in once the account is gone (Django checks the
    password hash it holds against the account's), and expires with the cookie.
    """
    username = user.username
    held_rows = Session.objects.filter(session_key__in=user.usersession_set.values("session_key")).delete()[1]
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        held_rows |= model.objects.filter(username__iexact=username).delete()[1]
    # Their key in the key store is destroyed once this commits: every copy of their rows is then unreadable.
    crypto.person_key_destroy_on_commit(owner_id=user.pk)
    held_rows |= User.objects.filter(pk=user.pk).delete()[1]  # every row of theirs, by cascade
    tables = [apps.get_model(label)._meta.db_table for label, count in held_rows.items() if count]
    transaction.on_commit(lambda: storage.compact_after_deletion(tables=tables))


def security_event_record(*, user, kind: str, method: str = "") -> SecurityEvent:
    """Note a security event on the person's own log (``method``: the two-step method it is about, if any)."""
    if method not in SecurityEvent.Method.values:
        method = SecurityEvent.Method.NONE
    security_event_log(kind, actor_id=user.pk, object_kind="accounts.User")  # the server's log too (core/logs.py)
    return SecurityEvent.objects.create(owner=user, kind=kind, method=method, at=timezone.now())


def security_events_delete_before(*, cutoff) -> int:
    """Forget everyone's security events older than ``cutoff`` (the daily retention purge); returns how many."""
    return SecurityEvent.objects.filter(at__lt=cutoff).delete()[0]


# Where allauth keeps each two-step secret in an authenticator's data (passed through MFAAdapter.encrypt).
TWO_STEP_SECRETS = ("secret", "seed")
TWO_STEP_SECRET_LISTS = ("migrated_codes",)


@transaction.atomic
def two_step_secrets_reencrypt() -> int:
    """Re-encrypt every two-step secret under the first (newest) master key; returns how many values.

    They are encrypted with the master key (see accounts.adapter.MFAAdapter), so a key rotation must carry them
    over like any master-key value, or retiring the old key would lock everyone with two-step sign-in out.
    A secret still in the clear (written before the adapter) is encrypted on the way.
    """
    from allauth.mfa.models import Authenticator

    def moved(value: str) -> str:
        return crypto.rotate(value) if crypto.is_encrypted(value) else crypto.encrypt(value)

    total = 0
    for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
        data = dict(authenticator.data)
        for name in TWO_STEP_SECRETS:
            if isinstance(data.get(name), str):
                data[name] = moved(data[name])
                total += 1
        for name in TWO_STEP_SECRET_LISTS:
            if isinstance(data.get(name), list):
                data[name] = [moved(value) for value in data[name]]
                total += len(data[name])
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
    return total


def account_for_sign_in_name(name: str):
    """The one account a sign-in name (username or email address) points to, or None.

    For the failed-sign-in entry on that person's own log; the answer never reaches the one who typed it.
    """
    name = (name or "").strip()
    if not name:
        return None
    matches = list(User.objects.filter(username__iexact=name)[:2])
    if not matches and "@" in name:
        from allauth.account.models import EmailAddress

        owners = {address.user_id for address in EmailAddress.objects.filter(email__iexact=name)}
        owners |= set(User.objects.filter(email__iexact=name).values_list("pk", flat=True)[:2])
        matches = list(User.objects.filter(pk__in=owners)[:2])
    return matches[0] if len(matches) == 1 else None
