"""Reads of a person's account records."""

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
