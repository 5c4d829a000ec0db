"""The one limit on free text: how much a person may write in one box, and how we say so.

Every form field, API input and command that takes free text uses :data:`TEXT_MAX_CHARS`; the analysers
(traps, protest behaviours, risk) are never handed more. Text over the limit is refused with
:func:`too_long_message`, never cut: a silently shortened diary entry loses the end of what someone wrote,
often the part that mattered, and a risk cue in that end would go unread.

5,000 characters is about two pages, far more than a diary entry or a message draft needs, and keeps each
analysis fast on the request path.
"""

from datetime import date

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


# Dates a person can give (API, FHIR import). Outside these years a date is a typo or an attack, and near the
# ends of Python's range (year 1, year 9999) turning it into UTC or a person's time zone overflows: a response
# "authored" in 9999 would make every page that shows it fail for good. Fixed bounds keep the check itself free
# of that overflow (no time-zone arithmetic before it passes).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def date_out_of_range(moment: date) -> str | None:
    """The message if ``moment`` (a date or datetime, in any time zone) is outside the years we accept."""
    if EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return f"Choose a date between {EARLIEST_YEAR} and {LATEST_YEAR}."
