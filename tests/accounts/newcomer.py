"""A brand-new person, made the way a person makes an account: through the sign-up page (their first steps
begin there). For the onboarding tests; Alice and the rest of the cast (tests/personas.py) are long onboarded."""

import pytest

from earnedsecure.accounts.models import User

PASSPHRASE = "quiet river at dawn"


def sign_up(client, username: str = "newcomer", **fields):
    data = {
        "username": username,
        "password1": PASSPHRASE,
        "password2": PASSPHRASE,
        "country": "GB",
        "adult": "on",
        **fields,
    }
    return client.post("/accounts/signup/", data)


@pytest.fixture
def newcomer_client(client, db):
    """A browser that has just signed up: the person is signed in, at the first of their first steps."""
    assert sign_up(client).status_code == 302
    return client


def newcomer() -> User:
    return User.objects.get(username="newcomer")
