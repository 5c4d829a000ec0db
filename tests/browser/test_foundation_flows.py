import pytest

from tests.browser.conftest import serious_axe_violations, sign_in
from tests.personas import PASSWORD

PUBLIC_PAGES = ["/", "/help/crisis/", "/privacy/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
SIGNED_IN_PAGES = [
    "/home/",
    "/still-here/",
    "/help/plan/",
    "/account/settings/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/accounts/password/change/",
]


def test_public_pages_are_accessible_and_load_nothing_from_elsewhere(page, db):
    problems = {}
    for path in PUBLIC_PAGES:
        page.goto(path)
        found = serious_axe_violations(page)
        if found:
            problems[path] = found
    assert problems == {}
    assert page.outside_requests == []


def test_signed_in_pages_are_accessible(page, alice):
    sign_in(page, "alice", PASSWORD)
    problems = {}
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        found = serious_axe_violations(page)
        if found:
            problems[path] = found
    assert problems == {}
    assert page.outside_requests == []


def test_quick_exit_is_the_first_thing_the_keyboard_reaches(page, db):
    page.goto("/help/crisis/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")


def test_pressing_escape_twice_leaves_for_a_neutral_site(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/account/settings/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.bbc.com/**")
    assert page.title() == "elsewhere"
    page.go_back()
    # replace() left no entry for the settings page: Back does not return to it.
    assert "/account/settings/" not in page.url


def test_the_crisis_page_is_one_tap_from_every_page(page, alice):
    sign_in(page, "alice", PASSWORD)
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        page.get_by_role("link", name="Get help now").first.click()
        page.wait_for_url("**/help/crisis/")
        assert page.get_by_text("116 123").first.is_visible()


def test_a_newcomer_signs_up_walks_the_first_steps_and_reaches_home(page, db):
    page.goto("/accounts/signup/")
    page.fill("input[name=username]", "newcomer")
    page.fill("input[name=password1]", "short")
    page.fill("input[name=password2]", "short")
    with page.expect_navigation():  # the form posts back to the same address: wait for the new page
        page.click("form button[type=submit]")
    # A clear message next to the field, and the username is still there.
    assert page.locator(".errorlist, [role=alert], .error").first.is_visible()
    assert page.input_value("input[name=username]") == "newcomer"
    page.fill("input[name=password1]", "a calm walk by the sea")
    page.fill("input[name=password2]", "a calm walk by the sea")
    page.select_option("select[name=country]", "GB")
    page.check("input[name=adult]")
    page.click("form button[type=submit]")
    # The first steps, in order: what this is and is not, the agreement, where you are, one first step.
    page.wait_for_url("**/welcome/")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/account/consent/")
    page.check("input[name=agree]")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/welcome/place/")
    # This browser's zone is UTC, which names no place: the person chooses where they are.
    page.select_option("select[name=time_zone]", "Europe/London")
    page.get_by_role("button", name="This is right, continue").click()
    page.wait_for_url("**/welcome/first-step/")
    page.get_by_role("button", name="I'll look around first").click()
    page.wait_for_url("**/home/")


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_overflows_sideways(page, alice, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "alice", PASSWORD)
    for path in ["/home/", "/account/settings/", "/help/crisis/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
