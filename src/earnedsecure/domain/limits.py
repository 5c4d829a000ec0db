"""The one limit on free text: how much a person may write in one box, and how we say so.

Every form field, API input and command that takes free text uses :data:`TEXT_MAX_CHARS`; the analysers
(traps, protest behaviours, risk) are never handed more. Text over the limit is refused with
:func:`too_long_message`, never cut: a silently shortened diary entry loses the end of what someone wrote,
often the part that mattered, and a risk cue in that end would go unread.

5,000 characters is about two pages, far more than a diary entry or a message draft needs, and keeps each
analysis fast on the request path.
"""

TEXT_MAX_CHARS = 5000


def too_long_message(length: int, *, limit: int = TEXT_MAX_CHARS) -> str:
    """What a person reads when their text is over the limit: how long it is and by how much to shorten it."""
    return (
        f"This is {length:,} characters; the limit is {limit:,}. "
        f"Please shorten it by {length - limit:,} characters (nothing has been cut)."
    )


def text_too_long(text: str, *, limit: int = TEXT_MAX_CHARS) -> str | None:
    """The message for ``text`` if it is over the limit, else None."""
    return too_long_message(len(text), limit=limit) if len(text) > limit else None
