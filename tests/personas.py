"""The cast every test uses: Alice (the person), Bob (her partner), Theo (her therapist), Charlie (a stranger
who must see nothing). Fixtures are exported through tests/conftest.py."""

import pytest

from earnedsecure.accounts.models import User
from earnedsecure.accounts.services import consent_give

PASSWORD = "a long and calm passphrase"


def make_person(username: str, *, consent: bool = True, **extra) -> User:
    user = User.objects.create_user(username=username, email=f"{username}@example.com", password=PASSWORD, **extra)
    if consent:
        consent_give(user=user)
    return user


@pytest.fixture
def alice(db):
    return make_person("alice", first_name="Alice", country="GB", time_zone="Europe/London")


@pytest.fixture
def bob(db):
    return make_person("bob", first_name="Bob", country="GB")


@pytest.fixture
def theo(db):
    return make_person("theo", first_name="Theo", country="GB")


@pytest.fixture
def charlie(db):
    return make_person("charlie", first_name="Charlie", country="US")


def _signed_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice):
    """Alice's own browser: a separate client, so a test can hold Alice's and Charlie's at once."""
    return _signed_in_client(alice)


@pytest.fixture
def charlie_client(charlie):
    return _signed_in_client(charlie)
