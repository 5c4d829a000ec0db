"""Two people link, one shows a category, the other sees it, one asks for reassurance and the other answers,
the first takes the category back: at phone and desktop widths, axe clean. With EARNEDSECURE_SHOTS=<folder> the pages are also saved as screenshots to look at."""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import serious_axe_violations, sign_in
from tests.personas import PASSWORD

SHOTS = os.environ.get("EARNEDSECURE_SHOTS")


def _look(page, name, width):
    assert serious_axe_violations(page) == [], name
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def _password_again(page):
    """Linking asks for the password again unless it was typed in the last few minutes."""
    page.wait_for_load_state()
    if "/accounts/reauthenticate/" in page.url:
        _look(page, "password-again", page.viewport_size["width"])
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_load_state()


@pytest.mark.parametrize("width", [390, 1366])
def test_link_show_see_and_take_back(browser, live_server, alice, bob, width):
    def person(user):
        context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
        page = context.new_page()
        sign_in(page, user.username, PASSWORD)
        return page

    alice_page, bob_page = person(alice), person(bob)

    alice_page.goto("/together/")
    _look(alice_page, "together-not-linked", width)
    alice_page.click("text=Start: four private questions")
    for field in ("fear", "threats", "checking", "control"):
        alice_page.check(f"input[name={field}][value=no]")
    _look(alice_page, "safety-screen", width)
    alice_page.click("button:has-text('See what fits')")
    _look(alice_page, "safety-screen-answer", width)
    alice_page.click("a:has-text('Make a code')")
    _password_again(alice_page)
    alice_page.click("button:has-text('Make a code')")
    code = alice_page.inner_text(".together-code")
    _look(alice_page, "invite-code", width)

    bob_page.goto("/together/enter-code/")
    _password_again(bob_page)
    bob_page.fill("input[name=code]", code)
    _look(bob_page, "enter-code", width)
    bob_page.click("button:has-text('Link')")
    bob_page.wait_for_url("**/together/")
    assert "Nothing shown to you yet" in bob_page.inner_text("main")

    alice_page.goto("/together/")
    alice_page.check("input[name=status][value=reassurance]")
    alice_page.click("button:has-text('Save')")
    alice_page.check("input[name=categories][value=status]")
    alice_page.click("button:has-text('Save what I show')")
    _look(alice_page, "together-linked", width)

    bob_page.reload()
    assert "I could use some reassurance" in bob_page.inner_text("main")
    _look(bob_page, "together-partner-view", width)

    alice_page.check("input[name=request][value=okay]")
    alice_page.click("button:has-text('Ask')")
    bob_page.reload()
    bob_page.click("button:has-text('here, and I')")
    assert "answered" in bob_page.inner_text("main")
    _look(bob_page, "reassurance-answered", width)
    alice_page.goto("/together/")
    assert "I'm here, and I'm not going anywhere." in alice_page.inner_text("main")

    alice_page.goto("/together/safety-check/")
    assert "How I am" in alice_page.inner_text("main")
    _look(alice_page, "safety-check", width)

    alice_page.goto("/together/")
    alice_page.uncheck("input[name=categories][value=status]")
    alice_page.click("button:has-text('Save what I show')")
    bob_page.reload()
    shown_to_bob = bob_page.inner_text("section[aria-labelledby=partner-heading]")
    assert "I could use some reassurance" not in shown_to_bob and "Nothing shown to you yet" in shown_to_bob
    assert bob_page.evaluate("document.documentElement.scrollWidth") <= width
