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
    current = request.path
    items = []
    for name, label in MAIN_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": current.startswith(url)})
    return items


def site(request):
    return {
        "NEUTRAL_NAME": settings.NEUTRAL_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "main_nav": _nav(request),
    }
