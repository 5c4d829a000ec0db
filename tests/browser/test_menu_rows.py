"""The main menu takes at most two rows on a phone, at 320 px as at 390 px (issue 13: it took three at 320 px).

Measured on every page the menu leads to, since the current item is drawn bold and so a little wider.
"""

import pytest

from tests.browser.conftest import sign_in
from tests.personas import PASSWORD

# Rows of the main menu (distinct tops of its items), and whether every item keeps to one line.
MENU_ROWS = """() => {
  const nav = document.querySelector('nav.site-nav');
  const items = Array.from(nav.querySelectorAll('li'));
  const links = Array.from(nav.querySelectorAll('a'));
  return {
    rows: new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size,
    oneLine: links.every((a) => a.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(a).lineHeight)),
    items: items.length,
  };
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_the_menu_keeps_to_two_rows_on_every_page_it_leads_to(page, alice, width):
    sign_in(page, "alice", PASSWORD)
    page.set_viewport_size({"width": width, "height": 700})
    links = page.eval_on_selector_all("nav.site-nav a", "links => links.map(a => a.getAttribute('href'))")
    assert len(links) >= 8, links
    for link in links:
        page.goto(link)
        menu = page.evaluate(MENU_ROWS)
        assert menu["items"] == len(links), link
        assert menu["rows"] <= 2 and menu["oneLine"], f"{link} at {width} px: {menu}"
        sideways = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert sideways <= 0, f"{link} scrolls sideways by {sideways} px at {width} px"
