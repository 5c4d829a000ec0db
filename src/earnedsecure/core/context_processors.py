from django.conf import settings
from django.urls import NoReverseMatch, reverse

# The main navigation, in the order a person needs it. Entries whose URL does not exist yet are skipped.
MAIN_NAV = [
    ("diary:index", "Diary"),
    ("diary:tools", "Tools"),
    ("coach:index", "Think"),
    ("assessments:index", "Check-ins"),
    ("journey:index", "Learn"),
]


def _nav(request):
    items = []
    for name, label in MAIN_NAV:
        try:
            items.append({"url": reverse(name), "label": label, "current": False})
        except NoReverseMatch:
            continue
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
