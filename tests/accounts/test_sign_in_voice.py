"""One voice at sign-in (issue 13): allauth's pages and messages speak as the rest of the app does, in plain
sentence case, with none of its stock phrases ("Sign Up", "Please reauthenticate", "Successfully signed in as
river.", "Forgot your password?").

Every page is reached the way a person reaches it, rendered by allauth's own views with the project's templates,
forms and messages.
"""

import re
from html import unescape

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from tests.personas import PASSWORD

STOCK = [
    "Sign In",
    "Sign Up",
    "Sign Out",
    "sign up",
    "Please reauthenticate",
    "reauthenticate to safeguard",
    "Confirm Access",
    "Successfully signed in",
    "If you have not created an account yet",
    "Forgot your password",
    "Password Reset",
    "Reset My Password",
    "Please contact us",
    "Change Password",
    "Current Password",
    "New Password",
    "Password (again)",
    "Bad Token",
    "Two-Factor",
    "two-factor",
    "Authenticator App",
    "Recovery Codes",
    "Sign Out Other Sessions",
    "Started At",
    "Email Address",
    "Re-send Verification",
    "Make Primary",
    "Request Code",
    "Enter Sign-In Code",
    "Login:",
    "Username or email",
    "and/or",
    "You have signed out",
    "Password successfully",
    "Be patient",
    "Incorrect code",
    "Security Key",
    "Use a security key",
    "Master key",
    "This functionality requires JavaScript",
]
# Headings, buttons, labels and titles in which every word is capitalised ("Sign Up", "Change Password").
TEXTS = re.compile(r"<(title|h1|h2|button|label|a)\b[^>]*>(.*?)</\1>", re.S)
BRAND = {"Earned Secure"}

ANONYMOUS = [
    "/accounts/login/",
    "/accounts/login/?timeout=1&kept=1",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-set-password/",
]
SIGNED_IN = [
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/sessions/",
    "/accounts/2fa/",
    "/accounts/2fa/webauthn/",
]
AFTER_REAUTHENTICATION = ["/accounts/2fa/totp/activate/", "/accounts/2fa/webauthn/add/"]
WITH_TWO_STEP = ["/accounts/2fa/", "/accounts/2fa/reauthenticate/", "/accounts/2fa/recovery-codes/"]


def _title_case(html: str) -> list[str]:
    found = []
    for _, inner in TEXTS.findall(html):
        text = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        words = re.findall(r"[A-Za-z][\w'’-]*", text)
        if len(words) >= 2 and all(word[0].isupper() for word in words) and text not in BRAND:
            found.append(text)
    return found


def _assert_our_voice(response, path):
    assert response.status_code == 200, path
    html = unescape(response.content.decode())
    assert [phrase for phrase in STOCK if phrase in html] == [], path
    assert _title_case(html) == [], path


@pytest.mark.parametrize("path", ANONYMOUS)
def test_the_pages_before_signing_in_speak_in_the_apps_voice(client, db, path):
    _assert_our_voice(client.get(path, follow=True), path)


@pytest.mark.parametrize("path", SIGNED_IN + AFTER_REAUTHENTICATION)
def test_the_account_pages_speak_in_the_apps_voice(alice_client, path):
    if path in AFTER_REAUTHENTICATION:
        alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    _assert_our_voice(alice_client.get(path), path)


@pytest.mark.parametrize("path", WITH_TWO_STEP)
def test_the_two_step_pages_speak_in_the_apps_voice(alice, alice_client, path):
    TOTP.activate(alice, generate_totp_secret())
    RecoveryCodes.activate(alice)
    alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    _assert_our_voice(alice_client.get(path), path)


def test_the_passkey_pages_speak_in_the_apps_voice(client, alice):
    from allauth.mfa.models import Authenticator

    from tests.accounts.software_key import SoftwareKey, add_passkey

    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    add_passkey(client, SoftwareKey())
    key = Authenticator.objects.get(user=alice, type=Authenticator.Type.WEBAUTHN)
    for path in (
        "/accounts/2fa/",
        "/accounts/2fa/webauthn/",
        f"/accounts/2fa/webauthn/keys/{key.pk}/edit/",
        f"/accounts/2fa/webauthn/keys/{key.pk}/remove/",
        "/accounts/2fa/webauthn/reauthenticate/",
        "/accounts/2fa/reauthenticate/",
    ):
        _assert_our_voice(client.get(path), path)
    browser = Client()
    browser.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    _assert_our_voice(browser.get("/accounts/2fa/authenticate/"), "/accounts/2fa/authenticate/")


def test_signing_in_and_out_says_so_plainly(client, alice):
    home = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD}, follow=True)
    html = unescape(home.content.decode())
    assert "You're signed in. Welcome." in html and "Successfully" not in html and "alice." not in html
    after = unescape(client.post("/accounts/logout/", follow=True).content.decode())
    assert "You're signed out. Everything you saved stays here, locked." in after


def test_a_wrong_password_is_refused_in_plain_words(client, alice):
    html = unescape(client.post("/accounts/login/", {"login": "alice", "password": "not it at all"}).content.decode())
    assert "That username and password don't go together. Check both and try again." in html
    _assert_our_voice(client.get("/accounts/login/"), "/accounts/login/")


def test_the_second_step_at_sign_in_speaks_in_the_apps_voice(client, alice):
    TOTP.activate(alice, generate_totp_secret())
    response = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].endswith("/accounts/2fa/authenticate/")
    _assert_our_voice(response, "/accounts/2fa/authenticate/")
    refused = unescape(client.post("/accounts/2fa/authenticate/", {"code": "000000"}).content.decode())
    assert "That code didn't work" in refused
