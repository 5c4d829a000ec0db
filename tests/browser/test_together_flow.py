"""Together, walked by two people in two browsers (issue 14's "Done when"), at phone and desktop widths.

Alice and Bob each sign in in their own browser context (their own session). Alice answers the four private
questions, makes a code and, since her sign-in is more than five minutes old, types her password again; Bob
types his password again in his own session and enters the code. Alice shows one category (her status, "I
could use some reassurance"): six minutes on, showing more asks for her password again, and what she ticked is
saved once she has typed it; Bob sees exactly that and nothing else. Alice asks for reassurance, Bob answers
with one tap, and both read it in their history. Alice takes the category back: what Bob is shown is
byte-equal to what he was shown before anything was shared. Alice answers the weekly check-in and shows it;
Bob reads it with its week and no time; Alice reads the repair ritual and chooses to see the couple's pattern,
which neither sees while Bob has not chosen it. Alice unlinks: Bob's page is byte-equal to his
page from before he was ever linked.

On every page: no serious or critical axe finding and nothing scrolls sideways. On the Together pages, what
one person reads of the other carries no time of day and no "last seen", "online", "read" or "delivered".
With EARNEDSECURE_SHOTS=<folder> every page is saved as a screenshot to look at.

Time-outs are walked in test_timeout_flow.py.
"""

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from earnedsecure.domain.together.sharing import ANSWERS, CATEGORY_TEXT, REQUESTS, STATUS_TEXT, Category, Status
from tests.browser.conftest import guarded_context, serious_axe_violations, sign_in
from tests.partners.helpers import without_form_tokens
from tests.personas import PASSWORD

SHOTS = os.environ.get("EARNEDSECURE_SHOTS", "")
LONDON = ZoneInfo("Europe/London")
WEDNESDAY_EVENING = datetime(2026, 12, 9, 19, 0, tzinfo=LONDON)
WIDTHS = [(390, 844), (1366, 768)]
PARTNER = "section[aria-labelledby=partner-heading]"
REASSURANCE = "section[aria-labelledby=reassurance-heading]"
THEIR_CHECK_IN = "section[aria-labelledby=theirs-heading]"
# What would let one partner watch the other: a time of day, how long ago, presence, receipts.
WATCHING = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b|\bago\b|last (seen|active|visit)|\bonline\b|"
    r"\b(read|seen|opened|delivered|typing)\b",
    re.IGNORECASE,
)


class Walk:
    """Two browsers, one server clock, and the checks made on every page."""

    def __init__(self, browser, live_server, traveller, width, height):
        self.browser, self.live_server, self.traveller = browser, live_server, traveller
        self.width, self.height = width, height
        self.shot = 0
        self.outside: list[str] = []
        self.contexts = []

    def person(self, username: str):
        context = guarded_context(
            self.browser,
            self.live_server.url,
            self.outside,
            viewport={"width": self.width, "height": self.height},
            timezone_id="Europe/London",
            locale="en-GB",
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, username, PASSWORD)
        return page

    def later(self, minutes: int) -> None:
        self.traveller.shift(timedelta(minutes=minutes))

    def check(self, page, name: str) -> None:
        sideways = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert sideways <= 0, f"{name} scrolls sideways by {sideways} px at {self.width} px"
        assert serious_axe_violations(page) == [], name
        for section in (PARTNER, REASSURANCE, THEIR_CHECK_IN):
            if page.locator(section).count():
                words = page.inner_text(section)
                assert not WATCHING.search(words), f"{name}: {section} reads like watching: {words!r}"
        self.shot += 1
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")  # else the floating Quick exit is drawn mid-page
            page.screenshot(path=str(Path(SHOTS) / f"together-{self.width}-{self.shot:02d}-{name}.png"), full_page=True)

    def password_again(self, page, name: str) -> None:
        """The last password is older than five minutes, so linking (or showing more) asks for it again, in this
        session."""
        page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
        self.check(page, name)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Carry on").click()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def _link(walk: Walk, alice_page, bob_page) -> None:
    bob_page.goto("/together/")
    # Read before the checks: axe and the full-page screenshot can leave an empty style attribute behind, which the
    # page read after a plain reload does not have (seen once, with screenshots on).
    walk.never_linked = without_form_tokens(bob_page.inner_html("main"))
    walk.check(bob_page, "bob-never-linked")

    alice_page.goto("/together/")
    walk.check(alice_page, "alice-not-linked")
    alice_page.get_by_role("link", name="Start: four private questions").click()
    alice_page.wait_for_url("**/together/before-linking/")
    for question in alice_page.locator("fieldset").all():
        question.get_by_role("radio", name="No").check()
    walk.check(alice_page, "alice-four-questions")
    alice_page.get_by_role("button", name="See what fits").click()
    expect(alice_page.get_by_role("heading", name="Linking, step by step")).to_be_visible()
    walk.check(alice_page, "alice-questions-answered")

    walk.later(6)  # past the five minutes in which a fresh sign-in counts as "the password again"
    alice_page.get_by_role("link", name="Make a code").click()
    walk.password_again(alice_page, "alice-password-again")
    alice_page.wait_for_url("**/together/invite/")
    walk.check(alice_page, "alice-make-a-code")
    alice_page.get_by_role("button", name="Make a code").click()
    code = alice_page.inner_text(".together-code").strip()
    assert code
    walk.check(alice_page, "alice-the-code")

    bob_page.goto("/together/enter-code/")
    walk.password_again(bob_page, "bob-password-again")
    bob_page.wait_for_url("**/together/enter-code/")
    bob_page.fill("input[name=code]", code)
    walk.check(bob_page, "bob-enters-the-code")
    bob_page.get_by_role("button", name="Link").click()
    bob_page.wait_for_url("**/together/")
    expect(bob_page.locator(PARTNER)).to_contain_text("Nothing shown to you yet")
    walk.nothing_shown = without_form_tokens(bob_page.inner_html(PARTNER))
    walk.check(bob_page, "bob-linked-nothing-shown")


def _show_one_category(walk: Walk, alice_page, bob_page) -> None:
    status = STATUS_TEXT[Status.REASSURANCE]
    alice_page.goto("/together/")
    alice_page.get_by_role("radio", name=status).check()
    alice_page.get_by_role("button", name="Save", exact=True).click()
    alice_page.wait_for_url("**/together/")
    # Choosing a status shows nothing by itself.
    bob_page.reload()
    assert without_form_tokens(bob_page.inner_html(PARTNER)) == walk.nothing_shown

    label = CATEGORY_TEXT[Category.STATUS][0]
    walk.later(6)  # her password at "Make a code" no longer counts: showing more asks for it again
    alice_page.get_by_role("checkbox", name=re.compile(f"^{label}")).check()
    alice_page.get_by_role("button", name="Save what I show").click()
    walk.password_again(alice_page, "alice-password-again-to-show-more")
    alice_page.wait_for_url("**/together/")  # and what she ticked is saved, not lost
    expect(alice_page.get_by_role("checkbox", name=re.compile(f"^{label}"))).to_be_checked()
    walk.check(alice_page, "alice-shows-her-status")

    bob_page.reload()
    shown = bob_page.locator(f"{PARTNER} dl")
    assert shown.locator("dt").all_inner_texts() == [label]
    assert shown.locator("dd").all_inner_texts() == [status]
    walk.check(bob_page, "bob-sees-one-category")


def _reassurance(walk: Walk, alice_page, bob_page) -> None:
    asked, answered = REQUESTS["okay"], ANSWERS["here"]
    alice_page.get_by_role("radio", name=asked).check()
    alice_page.get_by_role("button", name="Ask", exact=True).click()
    alice_page.wait_for_url("**/together/")
    expect(alice_page.locator(REASSURANCE)).to_contain_text("not answered yet")
    walk.check(alice_page, "alice-asked")

    bob_page.reload()
    expect(bob_page.locator(REASSURANCE)).to_contain_text(asked)
    walk.check(bob_page, "bob-is-asked")
    bob_page.get_by_role("button", name=answered).click()  # one tap
    bob_page.wait_for_url("**/together/")
    expect(bob_page.get_by_role("button", name=answered)).to_have_count(0)
    history = bob_page.locator(f"{REASSURANCE} ul").inner_text()
    assert f'Alice asked "{asked}", answered "{answered}"' in history
    walk.check(bob_page, "bob-answered")

    alice_page.reload()
    history = alice_page.locator(f"{REASSURANCE} ul").inner_text()
    assert f'you asked "{asked}", answered "{answered}"' in history
    walk.check(alice_page, "alice-reads-the-answer")

    # Alice's own Safety Check names who sees what of hers.
    alice_page.goto("/together/safety-check/")
    expect(alice_page.locator("section[aria-labelledby=link-heading]")).to_contain_text(
        f"They can see: {CATEGORY_TEXT[Category.STATUS][0]}."
    )
    walk.check(alice_page, "alice-safety-check")
    alice_page.goto("/together/")


def _rituals(walk: Walk, alice_page, bob_page) -> None:
    """The weekly check-in (Alice answers and shows it; Bob reads it with the week and no time), the repair ritual,
    and the couple's pattern chosen by Alice alone (so Bob sees nothing of it)."""
    alice_page.get_by_role("link", name="This week's check-in").click()
    alice_page.wait_for_url("**/together/check-in/")
    alice_page.get_by_label("What went well between us this week?").fill("Cooking together on Sunday.")
    alice_page.get_by_label("Something I need next week").fill("A walk, just us.")
    alice_page.get_by_role("checkbox", name="Show my answers this week to Bob").check()
    alice_page.get_by_role("button", name="Save", exact=True).click()
    alice_page.wait_for_url("**/together/check-in/")
    walk.check(alice_page, "alice-check-in")

    bob_page.goto("/together/check-in/")
    expect(bob_page.locator(THEIR_CHECK_IN)).to_contain_text("Cooking together on Sunday.")
    expect(bob_page.locator(THEIR_CHECK_IN)).to_contain_text("Week of 7 Dec 2026")
    walk.check(bob_page, "bob-reads-the-check-in")

    alice_page.goto("/together/repair/")
    expect(alice_page.get_by_role("heading", name="During")).to_be_visible()
    walk.check(alice_page, "alice-repair")
    alice_page.goto("/together/pattern/")
    alice_page.get_by_role("button", name="I'd like us to see it").click()
    alice_page.wait_for_url("**/together/pattern/")
    expect(alice_page.get_by_role("heading", name="Nothing to show")).to_be_visible()
    walk.check(alice_page, "alice-pattern-chosen")
    bob_page.goto("/together/pattern/")
    expect(bob_page.get_by_role("heading", name="Nothing to show")).to_be_visible()
    walk.check(bob_page, "bob-pattern")
    alice_page.goto("/together/")
    bob_page.goto("/together/")


def _take_back_and_unlink(walk: Walk, alice_page, bob_page) -> None:
    label = CATEGORY_TEXT[Category.STATUS][0]
    alice_page.get_by_role("checkbox", name=re.compile(f"^{label}")).uncheck()
    alice_page.get_by_role("button", name="Save what I show").click()
    alice_page.wait_for_url("**/together/")
    walk.check(alice_page, "alice-took-it-back")
    bob_page.reload()
    # Taken back reads exactly as never shown: Bob cannot tell the two apart.
    assert without_form_tokens(bob_page.inner_html(PARTNER)) == walk.nothing_shown
    walk.check(bob_page, "bob-after-take-back")

    alice_page.get_by_role("button", name="Unlink", exact=True).click()
    alice_page.wait_for_url("**/together/")
    expect(alice_page.get_by_role("link", name="Start: four private questions")).to_be_visible()
    walk.check(alice_page, "alice-unlinked")
    bob_page.reload()
    # Unlinked, Bob's page is his page from before he was ever linked: no history, no name, no notice.
    assert without_form_tokens(bob_page.inner_html("main")) == walk.never_linked
    walk.check(bob_page, "bob-after-unlink")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_two_people_link_show_ask_answer_take_back_and_unlink(
    browser, live_server, transactional_db, alice, bob, width, height
):
    with time_machine.travel(WEDNESDAY_EVENING, tick=False) as traveller:
        walk = Walk(browser, live_server, traveller, width, height)
        try:
            alice_page, bob_page = walk.person(alice.username), walk.person(bob.username)
            _link(walk, alice_page, bob_page)
            _show_one_category(walk, alice_page, bob_page)
            _reassurance(walk, alice_page, bob_page)
            _rituals(walk, alice_page, bob_page)
            _take_back_and_unlink(walk, alice_page, bob_page)
        finally:
            walk.close()
        assert walk.outside == []
