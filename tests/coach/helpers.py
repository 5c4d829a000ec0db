"""Small builders for the coach tests: the person's diary history, written directly as rows."""

from datetime import timedelta

from django.utils import timezone

from earnedsecure.diary.models import Activation, SavouringEntry


def activation(owner, *, days_ago=1, trigger="unavailable", intensity=7, outcome="", minutes=60, **extra):
    occurred = timezone.now() - timedelta(days=days_ago)
    return Activation.objects.create(
        owner=owner,
        occurred_at=occurred,
        trigger=trigger,
        intensity=intensity,
        outcome=outcome,
        outcome_recorded_at=occurred + timedelta(hours=5) if outcome else None,
        calm_at=occurred + timedelta(minutes=minutes) if minutes is not None else None,
        **extra,
    )


def savouring(owner, *, days_ago=1, what="We cooked together and laughed", with_partner=True):
    return SavouringEntry.objects.create(
        owner=owner,
        occurred_at=timezone.now() - timedelta(days=days_ago),
        what_happened=what,
        with_partner=with_partner,
        feeling_minutes=30,
    )
