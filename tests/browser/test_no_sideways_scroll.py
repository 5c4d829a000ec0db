"""No page scrolls sideways on a 390 px phone (issue 13): every page the demo person can reach, walked from the
URL conf and the links on the pages, with every fold ("Show the numbers") opened, and the public pages
signed out. One browser, one tab per walk.

On the same walk, the main menu takes at most two rows at 390 px (it took three), and Quick exit and "Get help
now" stay ahead of it, in reading order and on the screen."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

from earnedsecure.core.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_create
from tests.browser.conftest import sign_in
from tests.routes import walk

LEAVE_OUT = re.compile(r"^/(quick-exit|accounts/logout|admin|api/|static/|media/)")
PUBLIC = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]

OPEN_FOLDS_AND_MEASURE = """() => {
  document.querySelectorAll('details').forEach((fold) => { fold.open = true; });
  const page = document.scrollingElement;
  return [page.scrollWidth, page.clientWidth];
}"""
# Rows of the main menu (distinct tops of its items, each item one line), and whether Quick exit and the crisis
# link come before the menu in the document and sit above its first row. None on pages without the menu.
MEASURE_MENU = """() => {
  const nav = document.querySelector('nav.site-nav');
  if (!nav) { return null; }
  const items = Array.from(nav.querySelectorAll('li')).filter((li) => li.offsetParent !== null);
  const tops = new Set(items.map((li) => Math.round(li.getBoundingClientRect().top)));
  const links = Array.from(nav.querySelectorAll('a')).filter((a) => a.offsetParent !== null);
  const oneLine = links.every((a) => a.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(a).lineHeight));
  const navTop = nav.getBoundingClientRect().top;
  const ahead = ['#quick-exit', '.help-now'].every((selector) => {
    const el = document.querySelector(selector);
    return el && (el.compareDocumentPosition(nav) & Node.DOCUMENT_POSITION_FOLLOWING)
      && el.getBoundingClientRect().top < navTop;
  });
  return {rows: tops.size, items: items.length, oneLine, ahead};
}"""
SAME_SITE_LINKS = "links => links.map(a => a.getAttribute('href'))"


def _too_wide(page, path, menus=None, answers=None):
    # Asked first with the tab's own cookies, without navigating; only HTML pages answering 200 are opened.
    # Opening a POST-only address (405, an empty body) failed the goto, and Chromium then loaded its own error
    # page after the call had returned: that load interrupted the next goto, whose load interrupted the one
    # after, so a walk lost a different number of pages each run (12 and 21 measured in CI; found by the
    # screenshot review, docs/screenshots-review.md).
    answer = page.request.get(path)
    if answers is not None:  # where each address landed, so a short walk says why
        answers.append((path, answer.status, urlsplit(answer.url).path))
    if (
        answer.status != 200
        or urlsplit(answer.url).path != path
        or "html" not in answer.headers.get("content-type", "")
    ):
        return None, []
    try:
        response = page.goto(path)
    except PlaywrightError as error:
        if answers is not None:
            answers.append((path, "did not open", str(error).splitlines()[0][:80]))
        return None, []
    if response is None or response.status != 200 or "html" not in response.headers.get("content-type", ""):
        return None, []
    if menus is not None and (menu := page.evaluate(MEASURE_MENU)) is not None:
        menus[path] = menu
    scroll, client = page.evaluate(OPEN_FOLDS_AND_MEASURE)
    links = page.eval_on_selector_all("a[href^='/']", SAME_SITE_LINKS)
    return (scroll if scroll > client else None), [link.split("?")[0].split("#")[0] for link in links]


def test_no_page_scrolls_sideways_at_390_px(page, db):
    for path in PUBLIC:
        wide, _ = _too_wide(page, path)
        assert wide is None, f"{path} is {wide} px wide at 390 px"

    demo_create(months=6)
    sign_in(page, DEMO_USERNAME, DEMO_PASSWORD)
    too_wide, menus, answers = {}, {}, []

    def visit(path):
        wide, links = _too_wide(page, path, menus, answers)
        if wide is not None:
            too_wide[path] = wide
        return links

    visited = walk(visit, skip=LEAVE_OUT.match)

    assert too_wide == {}, f"pages wider than the 390 px screen: {too_wide}"
    # The walk must reach the pages with charts and tables, or it proves nothing.
    for path in ("/home/", "/diary/insights/", "/check-ins/", "/learn/pathway/", "/accounts/sessions/"):
        assert path in visited
    assert len(visited) >= 30, visited

    crowded = {path: menu for path, menu in menus.items() if menu["rows"] > 2 or not menu["oneLine"]}
    assert crowded == {}, f"the menu takes more than two rows at 390 px: {crowded}"
    assert all(menu["ahead"] for menu in menus.values()), "Quick exit and Get help now must stay ahead of the menu"
    # The menu was measured on every signed-in page (66 alone; the walk no longer loses pages, see _too_wide).
    assert len(menus) >= 30, answers
