"""Passkeys and security keys as the second step at sign-in (checklist item 15, issue 11), through allauth's own
WebAuthn support. A software key (tests/accounts/software_key.py) answers as a browser would; the server checks
its answers for real. The browser walk with Chromium's virtual authenticator is tests/browser/test_passkey_flow.py.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from tests.accounts.software_key import ADD, SoftwareKey, add_passkey, page_data
from tests.personas import PASSWORD

KEYS = "/accounts/2fa/webauthn/"
TWO_STEP = "/accounts/2fa/authenticate/"


def sign_in(client, username="alice"):
    return client.post("/accounts/login/", {"login": username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")


def signed_in_with_passkey(username, key, **sign) -> Client:
    """A new browser: the password, then the passkey on the two-step page."""
    browser = Client()
    assert sign_in(browser, username)["Location"] == TWO_STEP
    page = browser.get(TWO_STEP).content.decode()
    browser.post(TWO_STEP, {"credential": key.sign(page_data(page)["request_options"], **sign)})
    return browser


def test_it_works(client, alice):
    key = SoftwareKey()
    sign_in(client)
    response = add_passkey(client, key)
    # The first second step comes with recovery codes, shown at once.
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/recovery-codes/"
    (added,) = Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN)
    assert added.wrap().name == "my phone"
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.RECOVERY_CODES).exists()

    browser = Client()
    assert sign_in(browser)["Location"] == TWO_STEP
    assert browser.get("/home/").status_code == 302  # the password alone is not enough
    page = browser.get(TWO_STEP).content.decode()
    response = browser.post(TWO_STEP, {"credential": key.sign(page_data(page)["request_options"])})
    assert response.status_code == 302
    assert browser.get("/home/").status_code == 200


def test_the_two_step_page_offers_the_passkey(client, alice):
    sign_in(client)
    add_passkey(client, SoftwareKey())
    browser = Client()
    sign_in(browser)
    page = browser.get(TWO_STEP).content.decode()
    assert 'data-passkey="authenticate"' in page and "Use my passkey or key" in page
    # Only the key allowed is hers, and no authenticator app: the code box takes a recovery code.
    (allowed,) = page_data(page)["request_options"]["publicKey"]["allowCredentials"]
    assert allowed["type"] == "public-key"
    assert "One of your recovery codes" in page and "6-digit" not in page


def test_the_two_step_page_offers_no_passkey_to_someone_without_one(client, alice):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(alice, generate_totp_secret())
    sign_in(client)
    page = client.get(TWO_STEP).content.decode()
    assert "6-digit code" in page and "data-passkey" not in page and "passkey" not in page.lower()


@pytest.mark.parametrize("origin", ["https://elsewhere.example", "http://testserver"])
def test_an_answer_made_for_another_site_is_refused(client, alice, origin):
    """A page elsewhere (or the same name without https) cannot use her key: red with
    MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN on, which stops allauth checking the origin at all."""
    key = SoftwareKey()
    sign_in(client)
    assert add_passkey(client, key, origin=origin).status_code == 200  # the add form again, nothing added
    assert not Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN).exists()

    assert add_passkey(client, key).status_code == 302
    browser = signed_in_with_passkey("alice", key, origin=origin)
    assert browser.get("/home/").status_code == 302
    assert signed_in_with_passkey("alice", key).get("/home/").status_code == 200


def test_another_persons_key_does_not_open_her_account(client, alice, charlie):
    """Charlie's own key, added to his account, is no second step for Alice's."""
    charlies_key = SoftwareKey()
    sign_in(client, "charlie")
    assert add_passkey(client, charlies_key).status_code == 302
    alice_client = Client()
    sign_in(alice_client)
    assert add_passkey(alice_client, SoftwareKey()).status_code == 302
    assert signed_in_with_passkey("alice", charlies_key).get("/home/").status_code == 302


def test_it_requires_login(client):
    for path in (KEYS, ADD):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_keys(client, alice, charlie_client):
    sign_in(client)
    add_passkey(client, SoftwareKey(), name="alice's phone")
    (key,) = Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN)
    assert "alice's phone" not in charlie_client.get(KEYS).content.decode()
    for action in ("edit", "remove"):
        assert charlie_client.get(f"{KEYS}keys/{key.pk}/{action}/").status_code in (302, 404)
        charlie_client.post(f"{KEYS}keys/{key.pk}/{action}/", {"name": "mine now"})
    key.refresh_from_db()
    assert key.wrap().name == "alice's phone"


def test_keys_are_listed_renamed_and_removed(client, alice):
    sign_in(client)
    add_passkey(client, SoftwareKey(), name="blue key")
    (key,) = Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN)
    listed = client.get(KEYS).content.decode()
    assert "blue key" in listed and "not used yet" in listed
    assert client.post(f"{KEYS}keys/{key.pk}/edit/", {"name": "red key"}).status_code == 302
    key.refresh_from_db()
    assert key.wrap().name == "red key"
    assert client.post(f"{KEYS}keys/{key.pk}/remove/").status_code == 302
    # The last second step gone, the recovery codes go with it: the password alone again.
    assert not Authenticator.objects.filter(user=alice).exists()


def test_its_pages_run_only_the_apps_own_scripts(client, alice):
    """The CSP allows scripts from the app only, never inline: the pages load allauth's WebAuthn scripts and
    ours from /static/, and their one inline block is JSON data, which a browser never runs."""
    sign_in(client)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    pages = [client.get(ADD)]
    key = SoftwareKey()
    add_passkey(client, key)
    browser = Client()
    sign_in(browser)
    pages.append(browser.get(TWO_STEP))
    for response in pages:
        html = response.content.decode()
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        sources = re.findall(r'<script src="([^"]+)"', html)
        assert "/static/earnedsecure/passkey.js" in sources and "/static/mfa/js/webauthn.js" in sources
        assert all(src.startswith("/static/") for src in sources)
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert inline == [' id="js_data" type="application/json"'], inline
        assert "data-allauth-onload" not in html
