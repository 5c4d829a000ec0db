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
    context = _context(browser, live_server, java_script_enabled=False)
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
    context = _context(browser, live_server, locale="en-US", timezone_id="Australia/Sydney")
    page = context.new_page()
    try:
        page.goto("/accounts/signup/")
        expect(page.locator("select[name=country]")).to_have_value("AU")
        assert page.input_value("input[name=time_zone]") == "Australia/Sydney"
    finally:
        context.close()


@pytest.fixture
def browser_with_back_forward_cache(browser):
    # Playwright turns Chromium's back/forward cache off; people's browsers have it on, and a page kept
    # there comes back on Back without asking the server. Test with it on, as a person would have it.
    from tests.browser.conftest import CHROMIUM

    real = browser.browser_type.launch(
        executable_path=CHROMIUM,
        ignore_default_args=["--disable-back-forward-cache"],
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    )
    yield real
    real.close()


def _context(browser, live_server, **options):
    """A context that answers anything outside the app with a blank page, like the page fixture."""
    context = browser.new_context(base_url=live_server.url, **options)
    context.route(
        "**/*",
        lambda route: route.continue_()
        if route.request.url.startswith(live_server.url)
        else route.fulfill(status=200, content_type="text/html", body="<title>elsewhere</title>elsewhere"),
    )
    return context


@pytest.mark.parametrize("javascript", [True, False])
def test_back_does_not_restore_the_diary_from_the_back_forward_cache(
    browser_with_back_forward_cache, live_server, alice, settings, javascript
):
    context = _context(browser_with_back_forward_cache, live_server, java_script_enabled=javascript)
    page = context.new_page()
    try:
        _open_an_entry(page, alice)
        # Leave by an ordinary navigation, so the diary page is right behind in history, where the cache
        # would keep it. The neutral site is a page of the app here: this browser's requests to elsewhere
        # are not all intercepted once the cache is on.
        settings.QUICK_EXIT_URL = f"{live_server.url}/privacy/"
        page.goto("/quick-exit/")
        page.wait_for_url("**/privacy/")
        _assert_back_shows_sign_in(page)
    finally:
        context.close()


def test_back_before_the_sign_out_reaches_the_server_still_shows_sign_in(page, alice):
    # The beacon that ends the session can arrive after Back has asked for the page again. Stand in for
    # that moment exactly: the tab has left by Quick exit, and the session is still alive on the server.
    _open_an_entry(page, alice)
    entry_url = page.url
    page.evaluate("sessionStorage.setItem('earnedsecure-quick-exit', '1')")
    page.goto(entry_url)
    page.wait_for_url("**/accounts/login/**")
    expect(page.locator("input[name=password]")).to_be_visible()
    assert page.get_by_text(SECRET).count() == 0
    # Once the sign-in page has been seen the exit is done: signing in again works as usual.
    sign_in(page, "alice", PASSWORD)
    page.goto(entry_url)
    expect(page.get_by_text(SECRET)).to_be_visible()
