"""The direct message, in the mission report's shape ("Communication Strategies"):

    "I notice I'm feeling anxious when I don't hear from you. I know you're busy, and I'm working on managing
    this feeling. Would you be willing to send a quick text when you get a moment?"

what I feel, when, what I know about the other person's side, and one specific request.
"""

import re

PARTS = ("feel", "when", "their_side", "request")

# The report's own example, used where the draft gives nothing better to start from.
REPORT_EXAMPLE = {
    "feel": "I notice I'm feeling anxious",
    "when": "when I don't hear from you",
    "their_side": "I know you're busy, and I'm working on managing this feeling",
    "request": "Would you be willing to send a quick text when you get a moment?",
}


def _sentence(text: str, end: str = ".") -> str:
    text = text.strip().rstrip(".!?;, ").strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + end


def compose_message(*, feel: str = "", when: str = "", their_side: str = "", request: str = "") -> str:
    """Join the four parts into one message; empty parts are left out."""
    first = " ".join(p.strip().rstrip(".!?;, ") for p in (feel, when) if p.strip())
    request = request.strip()
    ask_end = request[-1] if request and request[-1] in ".!?" else "?"
    sentences = [_sentence(first), _sentence(their_side), _sentence(request, ask_end)]
    return " ".join(s for s in sentences if s)


_PART_PATTERNS = {
    # "I notice I'm feeling anxious when I don't hear from you."
    "feel_when": re.compile(r"^(?P<feel>.*?\bfeel(?:ing)?\b.*?)\s+(?P<when>(?:when|because|since|after)\b.*)$", re.I),
}


def parts_from_rewrite(rewrite: str) -> dict[str, str]:
    """Split a rewrite in the report's shape back into its parts, as well as plain text allows.

    The first sentence holds the feeling (and the moment, after "when"); a sentence ending in "?" is the
    request; what lies between is what the person knows of the other side.
    """
    parts = dict.fromkeys(PARTS, "")
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", rewrite.strip()) if s.strip()]
    if not sentences:
        return parts
    request = next((s for s in reversed(sentences) if s.endswith("?")), "")
    rest = [s for s in sentences if s != request]
    if rest:
        first = rest.pop(0).rstrip(".!")
        match = _PART_PATTERNS["feel_when"].match(first)
        if match:
            parts["feel"], parts["when"] = match.group("feel"), match.group("when")
        else:
            parts["feel"] = first
    parts["their_side"] = " ".join(s.rstrip(".!") for s in rest)
    parts["request"] = request
    return parts
