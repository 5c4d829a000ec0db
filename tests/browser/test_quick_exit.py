"""Quick exit in a real browser: after it, Back shows the sign-in page, never the diary.

The neutral site is answered by the page fixture's guard (nothing leaves this machine); its title is
"elsewhere".
"""

import pytest
from playwright.sync_api import expect

from earnedsecure.diary.services import activation_create
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD

SECRET = "Waited all evening for a reply and kept checking my phone"


def _open_an_entry(page, alice):
    entry = activation_create(owner=alice, trigger="uncertainty", intensity=7, trigger_note=SECRET)
    sign_in(page, "alice", PASSWORD)
    page.goto("/diary/")
    page.goto(f"/diary/{entry.pk}/")
    expect(page.get_by_text(SECRET)).to_be_visible()


def _assert_back_shows_sign_in(page):
    page.go_back()
    page.wait_for_url("**/accounts/login/**")
    expect(page.locator("input[name=password]")).to_be_visible()
    assert page.get_by_text(SECRET).count() == 0
    assert "/diary/" not in page.url.split("?")[0]


@pytest.mark.parametrize("how", ["click", "escape twice"])
def test_back_after_quick_exit_shows_sign_in_not_the_diary(page, alice, how):
    _open_an_entry(page, alice)
    entries = page.evaluate("history.length")
    if how == "click":
        page.click("[data-quick-exit]")
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url("https://www.bbc.com/**")
    assert page.title() == "elsewhere"
    assert page.evaluate("history.length") == entries  # the diary's entry was replaced, not added to
    _assert_back_shows_sign_in(page)


def test_without_javascript_quick_exit_still_signs_out(browser, live_server, alice):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    context.route(
        "**/*",
        lambda route: route.continue_()
        if route.request.url.startswith(live_server.url)
        else route.fulfill(status=200, content_type="text/html", body="<title>elsewhere</title>elsewhere"),
    )
    page = context.new_page()
    try:
        _open_an_entry(page, alice)
        page.click("[data-quick-exit]")
        page.wait_for_url("https://www.bbc.com/**")
        # Without JavaScript the exit is an ordinary link, so the entry is the page right behind it:
        # only no-store and the ended session keep it from showing again.
        _assert_back_shows_sign_in(page)
    finally:
        context.close()


def test_sign_up_preselects_the_country_from_the_time_zone(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url, locale="en-US", timezone_id="Australia/Sydney")
    page = context.new_page()
    try:
        page.goto("/accounts/signup/")
        expect(page.locator("select[name=country]")).to_have_value("AU")
        assert page.input_value("input[name=time_zone]") == "Australia/Sydney"
    finally:
        context.close()
