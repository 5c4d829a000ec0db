from django.conf import settings
from django.urls import reverse

# The main navigation, in the order a person needs it.
MAIN_NAV = [
    ("diary:index", "Diary"),
    ("diary:tools", "Tools"),
    ("coach:index", "Think"),
    ("assessments:index", "Check-ins"),
    ("journey:index", "Learn"),
    # The person's own plan for a hard moment, one tap from every page (it opens without consent, like the
    # crisis lines): not only from the crisis page and the crisis block.
    ("safety_plan", "Safety plan"),
]


def _nav(request):
    items = [{"url": reverse(name), "label": label, "current": False} for name, label in MAIN_NAV]
    # Only the most specific entry is current: /diary/tools/ is Tools, not Diary as well.
    matches = [item for item in items if request.path.startswith(item["url"])]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True
    return items


def site(request):
    return {
        "NEUTRAL_NAME": settings.NEUTRAL_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "main_nav": _nav(request),
        # Settings, reminders, security and sign-in pages (ours under /account/, allauth's under /accounts/), and
        # what the account page leads to: Together with its Safety check, and research studies (on those pages
        # no menu item was marked, so a person could not see where they were).
        "account_nav_current": request.path.startswith(("/account/", "/accounts/", "/together/", "/research/studies/")),
    }
