"""A browser's identification string in words a person recognises ("Firefox on Windows"), for the lists of
where one is signed in: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, ..." said nothing to most
people, and a browser one does not recognise is the thing to notice there."""

from django import template

register = template.Library()

# The first match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Opera", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("iPhone", "an iPhone"),
    ("iPad", "an iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "a Mac"),
    ("Mac OS X", "a Mac"),
    ("Linux", "Linux"),
)


# Every answer below. What the app keeps of a browser is already in words (accounts/session_records.py), and
# words given again come back unchanged.
IN_WORDS = frozenset(
    {"A browser"}
    | {name for _, name in BROWSERS}
    | {f"A browser on {system}" for _, system in SYSTEMS}
    | {f"{name} on {system}" for _, name in BROWSERS for _, system in SYSTEMS}
)


@register.filter
def browser_in_words(user_agent: str | None) -> str:
    """ "Chrome on Linux", "Safari on an iPhone"; "A browser" when nothing in the string is recognised."""
    user_agent = user_agent or ""
    if user_agent in IN_WORDS:
        return user_agent
    browser = next((name for cue, name in BROWSERS if cue in user_agent), None)
    system = next((name for cue, name in SYSTEMS if cue in user_agent), None)
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return browser or f"A browser on {system}"
    return "A browser"
