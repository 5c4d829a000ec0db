"""Reads of a person's account records."""

from earnedsecure.accounts.models import SecurityEvent

SECURITY_LOG_LENGTH = 100


def security_events_for(*, user, limit: int = SECURITY_LOG_LENGTH) -> list[SecurityEvent]:
    """The person's own security events, newest first. Only ever the requesting person's."""
    return list(SecurityEvent.objects.filter(owner=user).order_by("-at", "-pk")[:limit])
