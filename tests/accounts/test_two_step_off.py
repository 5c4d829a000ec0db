"""Turning two-step sign-in off (checklist item 24): like every change that weakens an account, it asks for the
password (or a two-step code) again when the last was more than five minutes ago, and changes nothing until then.
allauth's own view does this; these tests show it holds in this project's settings and forms."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.personas import PASSWORD
from tests.totp import fresh_code

OFF = "/accounts/2fa/totp/deactivate/"


def _two_step_on(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _has_two_step(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_turning_it_off_without_a_recent_password_asks_for_it_and_changes_nothing(alice, alice_client):
    _two_step_on(alice)  # signed in by force_login: nothing typed in this session
    response = alice_client.post(OFF)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    assert _has_two_step(alice)


def test_after_the_password_it_is_off(alice, alice_client):
    _two_step_on(alice)
    asked = alice_client.post(OFF)
    assert alice_client.post(asked["Location"], {"password": "not the password"}).status_code == 200
    assert _has_two_step(alice)
    alice_client.post(asked["Location"], {"password": PASSWORD})  # allauth then replays the form sent
    assert not _has_two_step(alice)


def test_a_two_step_code_counts_as_well(alice, alice_client):
    secret = _two_step_on(alice)
    code = fresh_code(secret)
    alice_client.post("/accounts/2fa/reauthenticate/", {"code": code})
    assert alice_client.post(OFF).status_code == 302
    assert not _has_two_step(alice)
