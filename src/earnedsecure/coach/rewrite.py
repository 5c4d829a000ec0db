"""The direct message, in the mission report's shape ("Communication Strategies"):

    "I notice I'm feeling anxious when I don't hear from you. I know you're busy, and I'm working on managing
    this feeling. Would you be willing to send a quick text when you get a moment?"

what I feel, when, what I know about the other person's side, and one specific request. The page shows the
four blanks with their frames ("I notice I'm feeling ...", "when ...", "I know ...", "Would you be willing to
...?"); the analysis prefills a blank only with the draft's own words (``domain/language/rewrite.py``) and
offers the report's phrasings as ideas the person may pick. ``coach.js`` mirrors ``compose_message``.
"""

import re

# The same four parts as domain/language/rewrite.py (not imported: pages that never analyse text should not
# load the analysis); tests/coach/test_rewrite.py checks that every word this module adds is one of the
# domain's CONNECTIVES.
PARTS = ("feeling", "situation", "their_side", "request")
UNNAMED_FEELING = "this way"

# The report's own example, split into the four blanks.
REPORT_EXAMPLE = {
    "feeling": "anxious",
    "situation": "I don't hear from you",
    "their_side": "you're busy, and I'm working on managing this feeling",
    "request": "send a quick text when you get a moment",
}

# If the person types the frame themselves ("I know you're busy"), it is not repeated.
_FRAMES = {
    "feeling": re.compile(r"^(?:i notice\s+)?(?:i'?m|i am)?\s*(?:feeling|feel)\s+", re.I),
    "situation": re.compile(r"^when\s+", re.I),
    "their_side": re.compile(r"^i know\s+(?:that\s+)?", re.I),
    "request": re.compile(r"^(?:would|could|will|can) you(?: be willing to)?\s+", re.I),
}


def _blank(name: str, value: str) -> str:
    value = re.sub(r"\s+", " ", value or "").strip()
    value = _FRAMES[name].sub("", value, count=1)
    return value.rstrip(".!?;, ").strip()


def compose_message(*, feeling: str = "", situation: str = "", their_side: str = "", request: str = "") -> str:
    """Fill the report's frames with the four blanks; a blank left empty drops its part of the message."""
    feeling, situation = _blank("feeling", feeling), _blank("situation", situation)
    their_side, request = _blank("their_side", their_side), _blank("request", request)
    sentences = []
    if situation:
        sentences.append(f"I notice I'm feeling {feeling or UNNAMED_FEELING} when {situation}.")
    elif feeling:
        sentences.append(f"I notice I'm feeling {feeling}.")
    if their_side:
        sentences.append(f"I know {their_side}.")
    if request:
        sentences.append(f"Would you be willing to {request}?")
    return " ".join(sentences)


def prefilled_parts(rewrite_parts: dict | None) -> dict[str, str]:
    """The blanks the analysis could fill with the draft's own words; the rest stay empty.

    ``rewrite_parts`` is the analysis's {"feeling": {"value", "prefilled", ...}, "situation", ...} or None.
    """
    parts = dict.fromkeys(PARTS, "")
    for name in PARTS:
        part = (rewrite_parts or {}).get(name)
        if isinstance(part, dict) and part.get("prefilled"):
            parts[name] = str(part.get("value") or "")
        elif isinstance(part, str):
            parts[name] = part
    return parts


def ideas(rewrite_parts: dict | None) -> dict[str, list[str]]:
    """The phrasings offered beside each blank, for the person to choose (never filled in for them)."""
    found = dict.fromkeys(PARTS)
    for name in PARTS:
        part = (rewrite_parts or {}).get(name)
        found[name] = [str(idea) for idea in part.get("ideas", ())] if isinstance(part, dict) else []
    return found
