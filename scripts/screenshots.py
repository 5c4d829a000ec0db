"""Screenshot pages at phone and desktop width, signed in as the demo person.

Usage: .venv/bin/python scripts/screenshots.py [--anonymous] http://127.0.0.1:8000 /home/ /help/crisis/ ...
Writes PNGs to ./screenshots/. Needs Debian's Chromium at /usr/bin/chromium.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def main() -> None:
    args = sys.argv[1:]
    anonymous = "--anonymous" in args
    args = [a for a in args if a != "--anonymous"]
    base, paths = args[0].rstrip("/"), args[1:]
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        for size_name, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            if not anonymous:
                page.goto(f"{base}/accounts/login/")
                page.fill("input[name=login]", "demo")
                page.fill("input[name=password]", "calm-harbour-demo")
                page.click("form button[type=submit]")
                page.wait_for_load_state()
            for path in paths:
                page.goto(f"{base}{path}")
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"
                name = f"anon-{name}" if anonymous else name
                page.screenshot(path=str(out / f"{name}-{size_name}.png"), full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
