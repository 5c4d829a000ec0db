from django.conf import settings
from django.urls import reverse

# The main navigation, in the order a person needs it.
MAIN_NAV = [
    ("diary:index", "Diary"),
    ("diary:tools", "Tools"),
    ("coach:index", "Think"),
    ("assessments:index", "Check-ins"),
    ("journey:index", "Learn"),
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
    }
