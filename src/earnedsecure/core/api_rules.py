"""What every module of the JSON API (earnedsecure/api.py, <app>/api.py) says the same way.

- **Errors**: one shape, ``{"error": "..."}`` (input errors add ``"fields": {name: message}``), with the right
  status. An endpoint refuses by raising :class:`ApiError`; earnedsecure/api.py turns it, and every error the
  framework raises (validation, 404, sign-in, CSRF), into :func:`error_response`.
- **Free text**: :data:`FreeText`, the one limit of domain/limits.py, refused with its message, never cut.
- **Pages**: :class:`Page` (``?limit=&offset=``, at most :data:`PAGE_MAX` rows from at most
  :data:`OFFSET_MAX`) and :func:`page_of`. A limit out of range is refused (422) rather than quietly changed.
- **Input bodies** are :class:`Input` schemas: strict, so a value of the wrong JSON type is refused (``false``
  is not the id 0, the number ``0`` is not the date 1970-01-01) instead of being quietly converted.
- **Dates**: :data:`Moment`, ISO 8601 text with a time zone, within the years of domain/limits.py.
- **NUL**: no text input may hold a NUL character (PostgreSQL cannot store it in text; Django's forms refuse
  it the same way), so it is refused with 422 instead of failing as a 500 at the database.
"""

from datetime import datetime
from typing import Annotated

from django.http import JsonResponse
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, WithJsonSchema

from earnedsecure.domain.limits import TEXT_MAX_CHARS, date_out_of_range, text_too_long

PAGE_MAX = 200
PAGE_DEFAULT = 50
# Far beyond anyone's rows, and far inside the 64-bit OFFSET both databases take (SQLite refused 2**64 with 500).
OFFSET_MAX = 1_000_000
NUL_MESSAGE = "Null characters are not allowed."  # Django's own words for the pages' forms


class ApiError(Exception):
    """Raise to answer ``{"error": message}`` (and ``"fields"`` if given) with ``status``."""

    def __init__(self, status: int, message: str, *, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields


class ErrorOut(Schema):
    error: str
    fields: dict[str, str] | None = None


def error_response(status: int, message: str, *, fields: dict[str, str] | None = None) -> JsonResponse:
    body: dict[str, object] = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status)


def _within_limit(text: str) -> str:
    message = text_too_long(text)
    if message:
        raise ValueError(message)
    return _no_nul(text)


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError(NUL_MESSAGE)
    return text


def _iso_text(value):
    # JSON has no date type: a date is text. Parsed here because strict models take no text for a datetime.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("Input should be a date and time as text, such as 2026-03-01T09:30:00+00:00")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("Input should be a date and time such as 2026-03-01T09:30:00+00:00") from None


def _within_years(moment):
    message = date_out_of_range(moment)
    if message:
        raise ValueError(message)
    return moment


# Checked after parsing so the person reads the same message as on the pages; the schema still shows maxLength.
FreeText = Annotated[
    str, AfterValidator(_within_limit), WithJsonSchema({"type": "string", "maxLength": TEXT_MAX_CHARS})
]


# A short word the API looks up or filters by (an instrument's slug): never free text.
Word = Annotated[str, AfterValidator(_no_nul)]

Moment = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_within_years)]


class Input(Schema):
    """A request body: every field must arrive as the JSON type the schema gives it."""

    model_config = ConfigDict(strict=True)


class Page(Schema):
    limit: int = Field(PAGE_DEFAULT, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


def page_of(rows, page: Page):
    """The rows of one page of an ordered queryset (or list)."""
    return rows[page.offset : page.offset + page.limit]


def invalid_input(fields: dict[str, str]) -> ApiError:
    """422 naming each field, the same words whether pydantic or a service found the problem."""
    summary = "; ".join(f"{name}: {message}" for name, message in fields.items())
    return ApiError(422, f"invalid input ({summary})", fields=fields)
