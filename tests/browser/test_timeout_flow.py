"""A time-out walked by two people in two browsers at 390 and 1366 px (issue 14): terms proposed by one and
accepted by the other, a time-out started with a return time, seen by the other in their own time zone with a
soothing tool, and "Come back" pressed before the time; the one who waited then sees the return kept. A person
alone keeps their own plan. On every page: no serious axe finding, nothing scrolls sideways, and the time-out
card shows no time of day but the return time the one stepping away chose.

With EARNEDSECURE_SHOTS=<folder> every page is saved as a screenshot to look at.
"""

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import guarded_context, serious_axe_violations, sign_in
from tests.partners.helpers import link
from tests.personas import PASSWORD

SHOTS = os.environ.get("EARNEDSECURE_SHOTS", "")
# 18:00 UTC on a July evening: 19:00 for Alice in London (summer time), 14:00 for Bob in New York.
EVENING = datetime(2026, 7, 10, 18, 0, tzinfo=UTC)
WIDTHS = [(390, 844), (1366, 768)]
CARD = "section[aria-labelledby=timeout-heading]"
TERMS = "section[aria-labelledby=terms-heading]"  # the time-out page's form to propose terms
TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_time_out_agreed_started_seen_and_kept(
    browser, live_server, transactional_db, alice, bob, charlie, width, height
):
    bob.time_zone = "America/New_York"
    bob.save(update_fields=["time_zone"])
    link(alice, bob)
    contexts = []
    outside: list[str] = []
    shot = iter(range(1, 100))

    def person(user):
        context = guarded_context(browser, live_server.url, outside, viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, user.username, PASSWORD)
        page.goto("/together/")
        return page

    def check(page, name, times=frozenset()):
        sideways = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert sideways <= 0, f"{name} scrolls sideways by {sideways} px at {width} px"
        assert serious_axe_violations(page) == [], name
        # The card without one's own form to start a time-out (its choices are times of one's own evening).
        card = page.evaluate(
            """(selector) => {
                const card = document.querySelector(selector).cloneNode(true);
                card.querySelectorAll("form[action$='/time-out/start/']").forEach((form) => form.remove());
                return card.textContent;
            }""",
            CARD,
        )
        assert set(TIME_OF_DAY.findall(card)) <= set(times), f"{name}: {card!r}"
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(Path(SHOTS) / f"timeout-{width}-{next(shot):02d}-{name}.png"), full_page=True)

    with time_machine.travel(EVENING, tick=False) as traveller:
        try:
            alice_page, bob_page = person(alice), person(bob)
            card = alice_page.locator(CARD)
            check(alice_page, "alice-no-terms-yet")
            card.get_by_role("link", name="take a time-out, or agree its terms").click()  # the time-out page
            terms = alice_page.locator(TERMS)
            terms.get_by_label("1 hour").check()
            terms.get_by_label("At the kitchen table").check()
            check(alice_page, "alice-proposes")
            terms.get_by_role("button", name="Propose").click()
            expect(card).to_contain_text("It holds once Bob accepts")

            bob_page.goto("/together/time-out/terms/")
            expect(bob_page.locator(CARD)).to_contain_text("Alice proposes: at most 1 hour")
            check(bob_page, "bob-sees-the-proposal")
            bob_page.locator(CARD).get_by_role("button", name="Accept").click()
            expect(bob_page.locator(CARD)).to_contain_text("Agreed between you: at most 1 hour")

            alice_page.reload()
            card.get_by_label("20:00 (in 1 hour)").check()
            check(alice_page, "alice-chooses-a-return-time")
            card.get_by_role("button", name="Start a time-out").click()
            alice_page.wait_for_url("**/together/")
            expect(card).to_contain_text("You said you'd be back at 20:00")
            check(alice_page, "alice-stepped-away", {"20:00"})

            bob_page.goto("/together/")  # the one waiting sees it on the Together page
            waiting = bob_page.locator(CARD)
            expect(waiting).to_contain_text("Alice needs some space and isn't leaving. Let's talk at 15:00")
            expect(waiting.get_by_role("link", name="4-7-8 breathing")).to_have_attribute(
                "href", "/diary/tools/breathing/"
            )
            check(bob_page, "bob-waits-with-a-tool", {"15:00"})

            for _ in range(2):  # 50 minutes, in steps shorter than the idle sign-out
                traveller.shift(timedelta(minutes=25))
                alice_page.reload()
                bob_page.reload()
            card.get_by_role("button", name="Come back").click()
            expect(alice_page.get_by_role("status")).to_contain_text("Welcome back")
            check(alice_page, "alice-came-back")
            bob_page.goto("/together/time-out/terms/")
            expect(bob_page.locator(CARD)).to_contain_text(
                "Alice came back 1 of 1 time (on time or within 15 minutes)."
            )
            check(bob_page, "bob-sees-the-return-kept")

            charlie_page = person(charlie)
            charlie_card = charlie_page.locator(CARD)
            expect(charlie_card).to_contain_text("Planning it alone still helps")
            charlie_card.get_by_label("30 minutes").check()
            charlie_card.get_by_role("button", name="Save my plan").click()
            expect(charlie_card).to_contain_text("Your plan: a time-out lasts at most 30 minutes")
            check(charlie_page, "charlie-plans-alone")
        finally:
            for context in contexts:
                context.close()
    assert outside == []
