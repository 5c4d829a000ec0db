"""What the screenshot review of 30 November 2026 found (docs/screenshots-review.md), each checked where a person
sees it: in the browser, measured, at phone and desktop widths."""

import pytest

from tests.browser.conftest import sign_in
from tests.personas import PASSWORD

WIDTHS = [320, 390, 1366]

SIGN_OUT_BESIDE_THE_LINKS = """() => {
  const links = document.querySelector('.site-footer__links');
  const signOut = links.querySelector('button');
  const last = Array.from(links.querySelectorAll('a')).pop();
  const middle = (box) => Math.round(box.top + box.height / 2);
  return {
    signOutMiddle: middle(signOut.getBoundingClientRect()),
    lastLinkMiddle: middle(last.getBoundingClientRect()),
    text: links.innerText,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_sign_out_sits_in_the_footer_line_and_no_line_starts_with_a_dot(page, alice, width):
    """The footer's Sign out form sat in a paragraph, which a browser closes before a form: on every signed-in
    page, even at 1366 px, Sign out fell to a line of its own after a dangling dot; later, at phone width, the
    wrapped line still began with the dot. The links are spaced now, with no dots between them."""
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/home/")
    footer = page.evaluate(SIGN_OUT_BESIDE_THE_LINKS)
    assert "·" not in footer["text"], footer
    if width >= 1366:
        assert abs(footer["signOutMiddle"] - footer["lastLinkMiddle"]) <= 4, footer


@pytest.mark.parametrize("width", [390, 1366])
def test_a_short_card_on_home_is_not_stretched_beside_the_path(page, alice, width):
    """Beside the tall "Where you are on the path", "This week and your start" was stretched into a tall empty
    box at 1366 px."""
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/home/")
    week = page.locator("section[aria-labelledby=compare-heading]")
    last_line = week.locator(":scope > *").last.bounding_box()
    box = week.bounding_box()
    empty_below = box["y"] + box["height"] - (last_line["y"] + last_line["height"])
    assert empty_below < 60, f"{empty_below:.0f} px of empty card at {width} px"


@pytest.mark.parametrize("width", [320, 390])
def test_the_sessions_card_keeps_its_text_off_the_border(page, alice, width):
    """The list of browsers signed in was both the card and a list without padding: its text touched the
    card's border, and the button below touched the card."""
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/accounts/sessions/")
    card = page.locator("main .card").first.bounding_box()
    name = page.locator("main .card .line-name").first.bounding_box()
    button = page.locator("main form button[type=submit]").bounding_box()
    assert name["x"] - card["x"] >= 12, (card, name)
    assert button["y"] - (card["y"] + card["height"]) >= 8, (card, button)


def test_a_group_of_choices_looks_the_same_on_every_page(page, alice):
    """Fieldsets were plain in the diary (its own styles) and drawn in the browser's grooved box elsewhere
    (reminders, Together's questions)."""
    sign_in(page, "alice", PASSWORD)
    for path in ("/account/reminders/", "/together/before-linking/", "/diary/activated/"):
        page.goto(path)
        styles = page.eval_on_selector_all(
            "main fieldset:not(.card):not(.question)", "sets => sets.map(f => getComputedStyle(f).borderTopStyle)"
        )
        assert styles and set(styles) == {"none"}, (path, styles)


def test_a_list_drawn_as_a_card_keeps_its_text_off_the_border(page, alice):
    """The diary's entries and the good moments are lists drawn as cards: the list's zero padding won, and each
    date sat on the card's left border."""
    from earnedsecure.diary.services import activation_create

    activation_create(owner=alice, trigger="threat", intensity=6, calm_at=None)
    sign_in(page, "alice", PASSWORD)
    page.goto("/diary/")
    card = page.locator("main ul.lines.card").bounding_box()
    first = page.locator("main ul.lines.card .line-name").first.bounding_box()
    assert first["x"] - card["x"] >= 12, (card, first)


@pytest.mark.parametrize("width", [320, 390])
def test_im_activated_and_get_help_now_share_one_row_on_a_small_phone(page, alice, width):
    """At 320 px "Get help now" went under "I'm activated", a row of the screen spent before any content."""
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": width, "height": 700})
    page.goto("/home/")
    activated = page.locator(".header-actions .activated-now").bounding_box()
    help_now = page.locator(".header-actions .help-now").bounding_box()
    assert abs(activated["y"] - help_now["y"]) <= 2, (activated, help_now)
    assert help_now["height"] >= 32  # still a button one can tap


def test_the_doctor_summary_does_not_scroll_the_page_sideways_at_320_px(page, alice):
    """Its five-column table made the whole page 38 px too wide at 320 px; now it scrolls inside its own box."""
    from django.utils import timezone

    from tests.assessments.helpers import phq9, submit

    submit(alice, "phq-9", phq9(16), timezone.now())
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/check-ins/summary/")
    assert page.locator("main table").count() >= 1
    sideways = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
    assert sideways <= 0, f"the summary scrolls sideways by {sideways} px at 320 px"


@pytest.mark.parametrize("width", [320, 390])
def test_a_plain_list_in_a_card_keeps_most_of_the_width_for_its_words(page, alice, width):
    """The agreement and the first steps are bullet lists in a card; the browser's 40 px indent left their words
    a narrow column at 320 px."""
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": width, "height": 700})
    page.goto("/account/consent/")
    card = page.locator("main .card ul:not([class])").first.evaluate(
        """(list) => {
          const card = list.closest('.card').getBoundingClientRect();
          const item = list.querySelector('li').getBoundingClientRect();
          return {cardLeft: card.left, itemLeft: item.left};
        }"""
    )
    assert card["itemLeft"] - card["cardLeft"] <= 45, card


def test_the_two_attachment_scores_stack_on_a_small_phone(page, alice):
    """At 320 px "Worry about being loved or left" and "Unease with closeness and leaning on others" stood side by
    side, each a column of four short lines."""
    from django.utils import timezone

    from tests.assessments.helpers import ecr, submit

    result = submit(alice, "ecr-r", ecr("ecr-r", 5, 3), timezone.now())
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"/check-ins/results/{result.pk}/")
    boxes = [box.bounding_box() for box in page.locator("dl.score-pair > div").all()]
    assert len(boxes) == 2 and boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"] - 1, boxes
