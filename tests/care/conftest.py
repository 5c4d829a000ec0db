"""Theo the therapist (role given, authenticator app set up), and Alice's grant to him."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from earnedsecure.care import services
from earnedsecure.care.models import Category


@pytest.fixture
def therapist(theo):
    return services.therapist_add(user=theo, display_name="Theo Hart", now=timezone.now() - timedelta(days=60))


@pytest.fixture
def theo_totp(therapist, theo):
    TOTP.activate(theo, generate_totp_secret())
    return therapist


@pytest.fixture
def theo_client(theo_totp, theo):
    client = Client()
    client.force_login(theo)
    return client


def grant(owner, therapist, categories=tuple(Category.values), days=30, now=None):
    return services.grant_create(
        owner=owner, therapist=therapist, categories=set(categories), days=days, now=now or timezone.now()
    )
