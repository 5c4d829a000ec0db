"""Reads of a person's account records."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from earnedsecure.accounts.models import Consent, SecurityEvent

SECURITY_LOG_LENGTH = 100


def security_events_for(*, user, limit: int = SECURITY_LOG_LENGTH) -> list[SecurityEvent]:
    """The person's own security events, newest first. Only ever the requesting person's."""
    return list(SecurityEvent.objects.filter(owner=user).order_by("-at", "-pk")[:limit])


def _agreeing(purpose: str):
    return Consent.objects.filter(purpose=purpose, version=Consent.CURRENT_VERSION[purpose], withdrawn_at__isnull=True)


def has_consent(*, user, purpose: str) -> bool:
    """Whether ``user`` agrees, now, to the current version of ``purpose`` ("core", "research")."""
    return _agreeing(purpose).filter(owner=user).exists()


def consenting_owner_ids(*, purpose: str):
    """The ids of everyone who agrees, now, to the current version of ``purpose``, as a subquery."""
    return _agreeing(purpose).values("owner_id")


# What counts as a second step at sign-in: a code from an authenticator app, or a passkey or security key.
# Recovery codes are a way back in when those are lost, not a second step of their own.
SECOND_STEPS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def two_step_on(*, user) -> bool:
    """Whether signing in asks ``user`` for a second step, of either kind (checklist item 15: therapists and
    researchers may not go on without one)."""
    return is_mfa_enabled(user, list(SECOND_STEPS))


def two_step_kinds(*, user) -> set[str]:
    """The kinds of second step ``user`` has ("totp", "webauthn", "recovery_codes"), to word the sign-in pages."""
    return set(Authenticator.objects.filter(user_id=user.pk).values_list("type", flat=True))
