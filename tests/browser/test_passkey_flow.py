"""A passkey as the second step at sign-in, walked in Chromium with its virtual authenticator (checklist item 15,
issue 11), at 390 and 1366 px.

Alice signs in with her password, adds a passkey (her password asked again first), signs out, signs in with her
password and is asked for the second step, uses the passkey and is in. The authenticator is Chromium's own
(DevTools WebAuthn domain: a CTAP2 platform authenticator with user verification), so the browser's real
WebAuthn code, allauth's scripts and ours run as they would on a phone. On every page: no serious or critical
axe finding, nothing scrolls sideways, nothing loads from elsewhere, and the CSP refuses nothing.
With EARNEDSECURE_SHOTS=<folder> every page is saved as a screenshot to look at.
"""

import os
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator

from tests.browser.conftest import guarded_context, serious_axe_violations, sign_in
from tests.personas import PASSWORD

SHOTS = os.environ.get("EARNEDSECURE_SHOTS", "")
WIDTHS = [(390, 844), (1366, 768)]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_person_adds_a_passkey_and_signs_in_with_it(browser, live_server, transactional_db, alice, width, height):
    outside: list[str] = []
    refused: list[str] = []
    context = guarded_context(
        browser, live_server.url, outside, viewport={"width": width, "height": height}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable", {"enableUI": False})
    authenticator_id = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    shot = 0

    def check(name: str) -> None:
        nonlocal shot
        sideways = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert sideways <= 0, f"{name} scrolls sideways by {sideways} px at {width} px"
        assert serious_axe_violations(page) == [], name
        shot += 1
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(Path(SHOTS) / f"passkey-{width}-{shot:02d}-{name}.png"), full_page=True)

    def stored_credentials() -> list[dict]:
        return devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]

    try:
        # Alice adds a passkey: her password again first, then the browser makes the key.
        sign_in(page, alice.username, PASSWORD)
        page.goto("/accounts/2fa/")
        check("two-step-none")
        page.get_by_role("link", name="Add one").click()
        page.wait_for_url("**/accounts/reauthenticate/**")
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Carry on").click()
        page.wait_for_url("**/accounts/2fa/webauthn/add/")
        check("add")
        page.get_by_label("A name, to tell it apart later").fill("This phone")
        page.get_by_role("button", name="Add it").click()
        page.wait_for_url("**/accounts/2fa/recovery-codes/")  # the first second step comes with recovery codes
        assert "Passkey or security key added" in page.inner_text("main")
        check("recovery-codes")
        (credential,) = stored_credentials()
        assert credential["rpId"] == "localhost"
        (added,) = Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN)
        assert added.wrap().name == "This phone"
        page.goto("/accounts/2fa/")
        check("two-step-on")
        page.get_by_role("link", name="Rename or remove").click()
        page.wait_for_url("**/accounts/2fa/webauthn/")
        assert "This phone" in page.inner_text("main")
        check("keys")
        page.get_by_role("link", name="Remove This phone").click()
        check("remove")
        page.get_by_role("link", name="Keep it").click()
        page.get_by_role("link", name="Rename This phone").click()
        check("rename")
        page.get_by_label("Its name").fill("My phone")
        page.get_by_role("button", name="Save").click()
        page.wait_for_url("**/accounts/2fa/webauthn/")
        assert "My phone" in page.inner_text("main")

        # She signs out; her password alone no longer opens the notebook: the passkey does.
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/accounts/login/")
        page.fill("input[name=login]", alice.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url("**/accounts/2fa/authenticate/")
        check("two-step-asked")
        page.get_by_role("button", name="Use my passkey or key").click()
        page.wait_for_url("**/home/")
        (credential,) = stored_credentials()
        assert credential["signCount"] >= 1  # the key itself answered the sign-in
        added.refresh_from_db()
        assert added.last_used_at is not None

        # Something that matters (adding another key) asks again: the passkey does instead of the password.
        page.goto("/accounts/2fa/webauthn/add/")
        page.wait_for_url("**/accounts/reauthenticate/**")
        page.get_by_role("link", name="Use your passkey or security key instead").click()
        page.wait_for_url("**/accounts/2fa/webauthn/reauthenticate/**")
        check("reauthenticate")
        page.get_by_role("button", name="Use my passkey or key").click()
        page.wait_for_url("**/accounts/2fa/webauthn/add/")
        assert page.get_by_label("A name, to tell it apart later").input_value() == "Key 2"
        # The same passkey again: the browser refuses it, and the page says so in words (not only in the console).
        page.get_by_role("button", name="Add it").click()
        problem = page.get_by_role("alert")
        problem.wait_for()
        assert problem.inner_text() == "That passkey or key is already added to your account."
        check("add-again")
        assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN).count() == 1

        assert outside == []
        assert refused == []
    finally:
        context.close()
