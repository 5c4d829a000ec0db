"""No page scrolls sideways on a 390 px phone (issue 13): every page the demo person can reach, walked from the
URL conf and the links on the pages, with every fold ("Show the numbers") opened, and the public pages
signed out. One browser, one tab per walk."""

import re

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
SAME_SITE_LINKS = "links => links.map(a => a.getAttribute('href'))"


def _too_wide(page, path):
    try:
        response = page.goto(path)
    except PlaywrightError:  # an address that answers no page to GET (405, a download): nothing to measure
        return None, []
    if response is None or response.status != 200 or "html" not in response.headers.get("content-type", ""):
        return None, []
    scroll, client = page.evaluate(OPEN_FOLDS_AND_MEASURE)
    links = page.eval_on_selector_all("a[href^='/']", SAME_SITE_LINKS)
    return (scroll if scroll > client else None), [link.split("?")[0].split("#")[0] for link in links]


def test_no_page_scrolls_sideways_at_390_px(page, db):
    for path in PUBLIC:
        wide, _ = _too_wide(page, path)
        assert wide is None, f"{path} is {wide} px wide at 390 px"

    demo_create(months=6)
    sign_in(page, DEMO_USERNAME, DEMO_PASSWORD)
    too_wide = {}

    def visit(path):
        wide, links = _too_wide(page, path)
        if wide is not None:
            too_wide[path] = wide
        return links

    visited = walk(visit, skip=LEAVE_OUT.match)

    assert too_wide == {}, f"pages wider than the 390 px screen: {too_wide}"
    # The walk must reach the pages with charts and tables, or it proves nothing.
    for path in ("/home/", "/diary/insights/", "/check-ins/", "/learn/pathway/", "/accounts/sessions/"):
        assert path in visited
    assert len(visited) >= 30, visited
