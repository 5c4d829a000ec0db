"""Browser tests: Playwright for Python driving Debian's Chromium (apt-get install chromium).

Playwright cannot download its own browser here, so these tests use /usr/bin/chromium (or
$EARNEDSECURE_CHROMIUM). Where it is missing they skip with a message saying how to enable them;
.ci/run installs it, so CI always runs them.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("EARNEDSECURE_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make are still
# ordinary synchronous calls, so Django's async-safety guard is lifted for these tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: run 'apt-get install chromium' to enable the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def guarded_context(browser, base_url: str, outside: list[str], **options):
    """A browser context on the app at ``base_url`` in which nothing may load from anywhere else: each attempt is
    recorded in ``outside`` and answered with a stub page instead."""
    context = browser.new_context(base_url=base_url, **options)

    def guard(route):
        outside.append(route.request.url)
        return route.fulfill(status=200, content_type="text/html", body="<title>elsewhere</title>elsewhere")

    # Only what is not the app is routed here: the browser matches the pattern itself, so the app's own pages
    # and files load without a round trip through this process (measured: a browser walk 5-10% faster).
    context.route(re.compile("^(?!" + re.escape(base_url.rstrip("/") + "/") + ")"), guard)
    return context


@pytest.fixture
def page(browser, live_server):
    outside = []
    context = guarded_context(browser, live_server.url, outside, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()


def sign_in(page, username, password):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/home/")


def serious_axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
