"""Screenshots of every page a person can reach, at phone and desktop widths, for a person to look at.

    .venv/bin/python scripts/screenshots.py                      # every page, three walks, 390 and 1366 px
    .venv/bin/python scripts/screenshots.py --widths 320,390,1366 --only /home/,/diary/insights/

1. Starts the app on a fresh SQLite database in a temporary folder, with the demo person (six months of
   history), and drives Debian's Chromium (/usr/bin/chromium). Nothing leaves this machine: the server listens
   on 127.0.0.1 and the browser answers any other address itself.
2. Three walks, each from the URL conf (tests/routes.py, the walk the no-sideways-scroll test and
   benchmarks/every_page.py use): routes without parameters are visited directly, routes with parameters get
   their values from the links on the pages visited, so only pages a person can actually reach are shot:
   * ``anon``: signed out (pages that send a signed-out person to sign in are listed, not shot);
   * ``new``: a brand-new person, signed up through the real form a minute ago, the four first steps walked
     (what this is, consent, country and time zone, "Look around first") and nothing else yet;
   * ``demo``: the demo person.
3. Each page is saved once per width as ``<walk>-<page>-<width>.png`` in ./screenshots/ (or ``--out``), the
   whole page, folds closed as a person first sees them; a page wider than the screen is printed. Addresses that sign out, change data on GET or are
   not pages (quick exit, sign out, the admin, the API, downloads) are left out; redirects and pages that
   answer other than 200 (a 404 for recovery codes not made yet) are listed, not shot.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the URL-conf walk is shared with the tests
CHROMIUM = "/usr/bin/chromium"
DEMO = ("demo", "calm-harbour-demo")
NEWCOMER = ("newcomer", "a calm walk by the sea")
LEAVE_OUT = re.compile(r"^/(quick-exit|accounts/logout|admin|api/|static/|media/|account/export/download)")
SAME_SITE_LINKS = "links => links.map(a => a.getAttribute('href'))"
SIDEWAYS = "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "EARNEDSECURE_DATA_DIR": data_dir}
    env.pop("DATABASE_URL", None)
    exe = [sys.executable, "-m", "earnedsecure"]
    subprocess.run([*exe, "demo", "--months", "6"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [*exe, "serve", "--port", str(port), "--no-worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the app did not start: " + server.stderr.read().decode()[-2000:])


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def sign_up_and_first_steps(page) -> None:
    """A brand-new person: sign-up, then the four first steps, choosing to look around first."""
    username, password = NEWCOMER
    page.goto("/accounts/signup/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.check("input[name=adult]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/welcome/")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/account/consent/")
    page.check("input[name=agree]")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/welcome/place/")
    page.get_by_role("button", name="This is right, continue").click()
    page.wait_for_url("**/welcome/first-step/")
    page.locator("button[value=look_around]").click()
    page.wait_for_load_state()


def name_of(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"


def shoot_walk(page, who: str, out: Path, widths: list[int], only: list[str]) -> tuple[int, list[str]]:
    """Walk every reachable page as the person signed in on ``page``; (pages shot, addresses redirected or
    answering other than 200)."""
    from playwright.sync_api import Error as PlaywrightError
    from tests.routes import walk

    shot, redirected = 0, []

    def visit(path: str) -> list[str]:
        nonlocal shot
        # Asked first with the context's own cookies, without navigating: the tab only opens HTML pages that
        # answer 200. Opening a POST-only address (405) or a download made Chromium load its error page after
        # goto had already failed, and that load interrupted the next goto, whose own load interrupted the one
        # after, and so on: a walk lost 20 to 30 pages, a different number each run.
        answer = page.request.get(path)
        if urlsplit(answer.url).path != path:
            redirected.append(f"{path} -> {answer.url}")
            return []
        if answer.status != 200:  # POST-only, or nothing there yet for this person (no codes, no email): listed
            redirected.append(f"{path} answered {answer.status}")
            return []
        if "html" not in answer.headers.get("content-type", ""):  # a download, security.txt
            return []
        try:
            page.goto(path)
        except PlaywrightError as error:
            redirected.append(f"{path} did not open: {str(error).splitlines()[0]}")
            return []
        links = page.eval_on_selector_all("a[href^='/']", SAME_SITE_LINKS)
        if not only or path in only:
            for width in widths:
                page.set_viewport_size({"width": width, "height": 844 if width < 800 else 900})
                sideways = page.evaluate(SIDEWAYS)
                if sideways > 0:
                    print(f"  {who} {path} scrolls sideways by {sideways} px at {width} px")
                page.evaluate("window.scrollTo(0, 0)")  # else the floating Quick exit is drawn mid-page
                page.screenshot(path=str(out / f"{who}-{name_of(path)}-{width}.png"), full_page=True)
            shot += 1
        page.set_viewport_size({"width": widths[0], "height": 844})
        return [link.split("?")[0].split("#")[0] for link in links]

    walk(visit, skip=LEAVE_OUT.match)
    return shot, redirected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="390,1366", help="comma-separated widths in px")
    parser.add_argument("--only", default="", help="comma-separated addresses to shoot (the walk still follows)")
    parser.add_argument("--walks", default="anon,new,demo", help="which walks: anon, new, demo")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args()
    widths = [int(w) for w in args.widths.split(",")]
    only = [p for p in args.only.split(",") if p]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: run 'apt-get install chromium'")

    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data_dir:
        server = start_server(data_dir, port)
        # The walk reads the URL conf in this process: the same settings, nothing served from here.
        os.environ["EARNEDSECURE_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earnedsecure.settings")
        import django

        django.setup()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                for who in args.walks.split(","):
                    context = browser.new_context(
                        base_url=base,
                        viewport={"width": widths[0], "height": 844},
                        timezone_id="Europe/London",
                        locale="en-GB",
                    )
                    context.route(
                        "**/*",
                        lambda route: route.continue_()
                        if route.request.url.startswith(base)
                        else route.fulfill(status=204, body=""),
                    )
                    page = context.new_page()
                    if who == "new":
                        sign_up_and_first_steps(page)
                    elif who == "demo":
                        sign_in(page, *DEMO)
                    shot, redirected = shoot_walk(page, who, out, widths, only)
                    print(f"{who}: {shot} pages at {widths} px")
                    for line in redirected:
                        print(f"  not shot: {line}")
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
