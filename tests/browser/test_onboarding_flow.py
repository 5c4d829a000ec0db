"""A brand-new person's first steps in a real browser, at phone and desktop widths (issue 13): sign-up, what
this is and is not, the agreement, where you are, one first step. Back works, each step is axe clean and
nothing scrolls sideways. With EARNEDSECURE_SHOTS=<folder> each step is also saved as a screenshot to look at.
"""

import os
from pathlib import Path

import pytest

from earnedsecure.accounts.models import User
from tests.browser.conftest import serious_axe_violations
from tests.personas import PASSWORD, make_person

SHOTS = os.environ.get("EARNEDSECURE_SHOTS", "")


def _context(browser, live_server, width, **options):
    return browser.new_context(
        viewport={"width": width, "height": 844 if width < 600 else 900}, base_url=live_server.url, **options
    )


def _check(page, name: str, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), f"{name} scrolls sideways"
    assert serious_axe_violations(page) == [], name
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"onboarding-{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_new_person_walks_the_first_steps(browser, live_server, db, width):
    context = _context(browser, live_server, width, timezone_id="Pacific/Auckland", locale="en-NZ")
    page = context.new_page()
    try:
        page.goto("/accounts/signup/")
        page.fill("input[name=username]", "newcomer")
        page.fill("input[name=password1]", "a calm walk by the sea")
        page.fill("input[name=password2]", "a calm walk by the sea")
        page.check("input[name=adult]")
        page.get_by_role("button", name="Create my account").click()

        page.wait_for_url("**/welcome/")
        assert page.get_by_text("Step 1 of 4").is_visible()
        assert page.get_by_role("link", name="Get help now").first.is_visible()
        assert page.get_by_role("link", name="Quick exit").is_visible()
        _check(page, "1-about", width)
        page.get_by_role("button", name="Continue").click()

        page.wait_for_url("**/account/consent/")
        assert page.get_by_text("Step 2 of 4").is_visible()
        _check(page, "2-consent", width)
        page.get_by_role("link", name="Back").click()  # Back, and forward again, loses nothing
        page.wait_for_url("**/welcome/")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/account/consent/")
        page.check("input[name=agree]")
        page.get_by_role("button", name="Continue").click()

        page.wait_for_url("**/welcome/place/")
        assert page.get_by_text("Step 3 of 4").is_visible()
        # Country and zone from sign-up, where the browser said where it is.
        assert page.input_value("select[name=country]") == "NZ"
        assert page.input_value("select[name=time_zone]") == "Pacific/Auckland"
        assert not page.get_by_text("Filled in from your browser").is_visible()  # sign-up's answer, not a guess
        _check(page, "3-place", width)
        page.get_by_role("button", name="This is right, continue").click()

        page.wait_for_url("**/welcome/first-step/")
        assert page.get_by_text("Step 4 of 4").is_visible()
        _check(page, "4-first-step", width)
        page.get_by_role("button", name="How you feel in close relationships").click()
        page.wait_for_url("**/check-ins/ecr-r/")

        person = User.objects.get(username="newcomer")
        assert (person.onboarding, person.country, person.time_zone) == ("done", "NZ", "Pacific/Auckland")
    finally:
        context.close()


def test_without_javascript_the_zone_is_chosen_from_the_list(browser, live_server, db):
    context = _context(browser, live_server, 390, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/accounts/signup/")
        page.fill("input[name=username]", "newcomer")
        page.fill("input[name=password1]", "a calm walk by the sea")
        page.fill("input[name=password2]", "a calm walk by the sea")
        page.select_option("select[name=country]", "CA")
        page.check("input[name=adult]")
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url("**/welcome/")
        page.get_by_role("button", name="Continue").click()
        page.check("input[name=agree]")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/welcome/place/")
        page.select_option("select[name=time_zone]", "America/Toronto")
        page.get_by_role("button", name="This is right, continue").click()
        page.wait_for_url("**/welcome/first-step/")
        page.get_by_role("button", name="I'll look around first").click()
        page.wait_for_url("**/home/")
        assert User.objects.get(username="newcomer").time_zone == "America/Toronto"
    finally:
        context.close()


def test_a_zone_nobody_chose_is_filled_in_from_the_browser(browser, live_server, db):
    from earnedsecure.accounts.services import consent_give

    person = make_person("newcomer", consent=False, onboarding=User.Onboarding.CONSENT)
    consent_give(user=person)
    User.objects.filter(pk=person.pk).update(onboarding=User.Onboarding.PLACE)
    context = _context(browser, live_server, 390, timezone_id="America/Chicago")
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("input[name=login]", "newcomer")
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url("**/welcome/place/")  # signing in again resumes the unfinished step
        assert page.input_value("select[name=time_zone]") == "America/Chicago"
        assert page.get_by_text("Filled in from your browser").is_visible()
    finally:
        context.close()
