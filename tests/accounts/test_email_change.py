"""Finding 1 of issue 11: a moment at an unlocked device must not be enough to take the account over.

The old settings form changed the email address at once (no re-authentication, no verification, no notice), and
password reset then went to the new address. These tests walk that attack end to end with Django's mail outbox.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from earnedsecure.accounts.models import User
from tests.personas import PASSWORD

MALLORY = "mallory@evil.test"


@pytest.fixture
def real_mail(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]


@pytest.fixture
def verified_alice(alice):
    EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
    return alice


def _mail_to(address):
    return [m for m in mail.outbox if address in m.to]


def _reset_links_to(address):
    return [m for m in _mail_to(address) if "/accounts/password/reset/key/" in m.body]


def _ask_for_reset(client, address):
    response = client.post("/accounts/password/reset/", {"email": address})
    assert response.status_code == 302


def test_the_settings_form_no_longer_changes_the_email(alice_client, verified_alice):
    response = alice_client.post(
        "/account/settings/", {"country": "GB", "time_zone": "Europe/London", "email": MALLORY}
    )
    assert response.status_code == 302
    verified_alice.refresh_from_db()
    assert verified_alice.email == "alice@example.com"
    assert b'name="email"' not in alice_client.get("/account/settings/").content


def test_an_attacker_at_an_unlocked_device_cannot_change_the_email_then_reset_the_password(
    alice_client, verified_alice, real_mail
):
    from django.test import Client

    # 1. The settings form ignores an email field.
    alice_client.post("/account/settings/", {"country": "GB", "time_zone": "Europe/London", "email": MALLORY})
    # 2. The email page asks for the password first (the sign-in was more than a few minutes ago).
    response = alice_client.post("/accounts/email/", {"action_add": "", "email": MALLORY})
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert not EmailAddress.objects.filter(email=MALLORY).exists()
    # 3. So a password reset for the attacker's address finds no account.
    _ask_for_reset(Client(), MALLORY)
    assert _reset_links_to(MALLORY) == []
    verified_alice.refresh_from_db()
    assert verified_alice.email == "alice@example.com"


def test_even_with_the_password_the_new_address_must_be_verified_and_the_old_one_is_told(
    alice_client, verified_alice, real_mail
):
    from django.test import Client

    # A partner who knows the password re-authenticates and adds their own address.
    response = alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    response = alice_client.post("/accounts/email/", {"action_add": "", "email": MALLORY})
    assert response.status_code == 302
    verification = _mail_to(MALLORY)
    assert len(verification) == 1
    verified_alice.refresh_from_db()
    assert verified_alice.email == "alice@example.com"  # nothing changes until the new address is verified

    # Before verification, a reset for the new address sends no reset link anywhere near the attacker.
    _ask_for_reset(Client(), MALLORY)
    assert _reset_links_to(MALLORY) == []

    # Verification completes the change, and the old, verified address is told.
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", verification[0].body).group(1)
    alice_client.post(f"/accounts/confirm-email/{key}/")
    verified_alice.refresh_from_db()
    assert verified_alice.email == MALLORY
    notices = _mail_to("alice@example.com")
    assert len(notices) == 1 and MALLORY in notices[0].body
    assert notices[0].subject.startswith("Notebook")


def test_a_password_reset_goes_only_to_a_verified_address_when_mail_is_on(client, alice, real_mail):
    # Alice's address was never verified (as the old settings form left it).
    _ask_for_reset(client, "alice@example.com")
    assert _reset_links_to("alice@example.com") == []
    EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
    _ask_for_reset(client, "alice@example.com")
    assert len(_reset_links_to("alice@example.com")) == 1


def test_nobody_can_take_an_address_someone_else_has_verified(charlie_client, verified_alice, charlie, real_mail):
    charlie_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    charlie_client.post("/accounts/email/", {"action_add": "", "email": "alice@example.com"})
    # allauth answers as if it worked (so the page does not reveal that Alice has an account): the link goes to
    # the address's owner only, and even following it cannot attach her verified address to Charlie's account.
    assert {address for m in mail.outbox for address in m.to} <= {"alice@example.com"}
    for message in mail.outbox:
        key = re.search(r"/accounts/confirm-email/([^/\s]+)/", message.body).group(1)
        charlie_client.post(f"/accounts/confirm-email/{key}/")
    assert not EmailAddress.objects.filter(user=charlie, email__iexact="alice@example.com", verified=True).exists()
    assert EmailAddress.objects.get(email="alice@example.com", verified=True).user == verified_alice
    charlie.refresh_from_db()
    assert charlie.email.lower() != "alice@example.com"
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1


def test_security_notifications_are_on(settings):
    assert settings.ACCOUNT_EMAIL_NOTIFICATIONS is True
    assert settings.ACCOUNT_CHANGE_EMAIL is True
    assert settings.ACCOUNT_UNIQUE_EMAIL is True
    assert settings.ACCOUNT_REAUTHENTICATION_REQUIRED is True


def test_a_password_change_is_told_to_the_verified_address(alice_client, verified_alice):
    response = alice_client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a new and quiet sentence", "password2": "a new and quiet sentence"},
    )
    assert response.status_code == 302
    assert len(_mail_to("alice@example.com")) == 1
