"""Therapist access walked in two browsers (issue 15, done-when), at 390 and 1366 px.

Alice lets Theo see her figures for 30 days (her password asked again if her sign-in is older than five
minutes); Theo, signed in with his authenticator code, sees her on his caseload and opens her report; Alice
sees his looks in her access log (and his homework suggestion on home, which she declines, and the grant on her
Safety Check); she stops it, and Theo's very next request finds nothing (404).
On every page: no serious or critical axe finding, nothing scrolls sideways, nothing loads from elsewhere.
With EARNEDSECURE_SHOTS=<folder> every page is saved as a screenshot to look at.
"""

import os
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from earnedsecure.care import services
from tests.browser.conftest import guarded_context, serious_axe_violations, sign_in
from tests.care.data import DIARY_WORDS, history
from tests.personas import PASSWORD
from tests.totp import fresh_code

SHOTS = os.environ.get("EARNEDSECURE_SHOTS", "")
WIDTHS = [(390, 844), (1366, 768)]


class Walk:
    def __init__(self, browser, live_server, width, height):
        self.browser, self.live_server, self.width, self.height = browser, live_server, width, height
        self.outside: list[str] = []
        self.contexts = []
        self.shot = 0

    def browser_for(self):
        context = guarded_context(
            self.browser,
            self.live_server.url,
            self.outside,
            viewport={"width": self.width, "height": self.height},
            locale="en-GB",
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    def check(self, page, name: str) -> None:
        sideways = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert sideways <= 0, f"{name} scrolls sideways by {sideways} px at {self.width} px"
        assert serious_axe_violations(page) == [], name
        assert DIARY_WORDS not in page.content(), name
        self.shot += 1
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(Path(SHOTS) / f"care-{self.width}-{self.shot:02d}-{name}.png"), full_page=True)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_person_grants_a_therapist_looks_and_the_person_stops_it(
    browser, live_server, transactional_db, alice, theo, width, height
):
    history(alice, worse=True)
    services.therapist_add(user=theo, display_name="Theo Hart", now=timezone.now())
    secret = generate_totp_secret()
    TOTP.activate(theo, secret)
    walk = Walk(browser, live_server, width, height)
    try:
        # Alice lets Theo see her figures for 30 days.
        alice_page = walk.browser_for()
        sign_in(alice_page, alice.username, PASSWORD)
        alice_page.goto("/account/therapist/")
        walk.check(alice_page, "access-none")
        alice_page.get_by_role("link", name="Let a therapist see some of it").click()
        if "/accounts/reauthenticate/" in alice_page.url:
            alice_page.fill("input[name=password]", PASSWORD)
            alice_page.get_by_role("button", name="Carry on").click()
        alice_page.wait_for_url("**/account/therapist/grant/")
        assert alice_page.locator("input[name=days][value='30']").is_checked()  # 30 days unless changed
        for label in ("Check-ins", "Activation summary", "Pathway stage", "Safety alerts"):
            alice_page.get_by_label(label, exact=False).check()
        walk.check(alice_page, "grant")
        alice_page.get_by_role("button", name="Let them see this").click()
        alice_page.wait_for_url("**/account/therapist/")
        assert "Theo Hart" in alice_page.inner_text("section[aria-labelledby=grants-heading]")
        walk.check(alice_page, "access-granted")

        # Theo signs in with his authenticator code and sees her on his caseload, then her report.
        theo_page = walk.browser_for()
        theo_page.goto("/accounts/login/")
        theo_page.fill("input[name=login]", theo.username)
        theo_page.fill("input[name=password]", PASSWORD)
        theo_page.click("form button[type=submit]")
        theo_page.wait_for_url("**/accounts/2fa/authenticate/")
        theo_page.fill("input[name=code]", fresh_code(secret))
        theo_page.click("form button[type=submit]")
        theo_page.wait_for_url("**/home/")
        theo_page.goto("/clinician/")
        caseload = theo_page.inner_text("main")
        assert "Alice" in caseload and "Reliably worse" in caseload
        walk.check(theo_page, "caseload")
        theo_page.get_by_role("link", name="Alice").click()
        theo_page.wait_for_url(f"**/clinician/client/{alice.pk}/")
        report = theo_page.inner_text("main")
        assert "Between-session report" in report and "worse" in report and "Noticing the pattern" in report
        walk.check(theo_page, "report")

        # Theo suggests a calming tool; Alice sees it on home and declines it; he sees only "declined".
        theo_page.select_option("select[name=suggestion]", "tool:breathing")
        theo_page.get_by_role("button", name="Suggest").click()
        theo_page.wait_for_url(f"**/clinician/client/{alice.pk}/")
        alice_page.goto("/home/")
        assert "homework from theo hart" in alice_page.inner_text("main").lower()
        walk.check(alice_page, "home-homework")
        alice_page.get_by_role("button", name="Not for me").click()
        alice_page.wait_for_url("**/home/")
        assert "homework from" not in alice_page.inner_text("main").lower()
        theo_page.reload()
        assert "declined" in theo_page.inner_text("section[aria-labelledby=homework-heading]")

        # Her Safety Check lists the grant.
        alice_page.goto("/together/safety-check/")
        assert "Theo Hart" in alice_page.inner_text("section[aria-labelledby=therapists-heading]")
        walk.check(alice_page, "safety-check")

        # Alice sees who looked at what, and when.
        alice_page.goto("/account/therapist/")
        log = alice_page.inner_text("section[aria-labelledby=log-heading]")
        assert "Theo Hart: saw on the caseload" in log and "Theo Hart: opened the report" in log
        walk.check(alice_page, "access-log")

        # She stops it; his very next request finds nothing.
        alice_page.get_by_role("button", name="Stop now").click()
        alice_page.wait_for_url("**/account/therapist/")
        assert "Stopped" in alice_page.inner_text("section[aria-labelledby=grants-heading]")
        walk.check(alice_page, "access-stopped")
        response = theo_page.reload()
        assert response.status == 404
        theo_page.goto("/clinician/")
        assert "Alice" not in theo_page.inner_text("main")
        walk.check(theo_page, "caseload-empty")
    finally:
        walk.close()
    assert walk.outside == []
