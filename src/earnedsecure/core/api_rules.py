"""What every module of the JSON API (earnedsecure/api.py, <app>/api.py) says the same way.

- **Errors**: one shape, ``{"error": "..."}`` (input errors add ``"fields": {name: message}``), with the right
  status. An endpoint refuses by raising :class:`ApiError`; earnedsecure/api.py turns it, and every error the
  framework raises (validation, 404, sign-in, CSRF), into :func:`error_response`.
- **Free text**: :data:`FreeText`, the one limit of domain/limits.py, refused with its message, never cut.
- **Pages**: :class:`Page` (``?limit=&offset=``, at most :data:`PAGE_MAX` rows) and :func:`page_of`. A limit
  out of range is refused (422) rather than quietly changed.
"""

from typing import Annotated

from django.http import JsonResponse
from ninja import Field, Schema
from pydantic import AfterValidator, WithJsonSchema

from earnedsecure.domain.limits import TEXT_MAX_CHARS, text_too_long

PAGE_MAX = 200
PAGE_DEFAULT = 50


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
    return text


# Checked after parsing so the person reads the same message as on the pages; the schema still shows maxLength.
FreeText = Annotated[
    str, AfterValidator(_within_limit), WithJsonSchema({"type": "string", "maxLength": TEXT_MAX_CHARS})
]


class Page(Schema):
    limit: int = Field(PAGE_DEFAULT, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0)


def page_of(rows, page: Page):
    """The rows of one page of an ordered queryset (or list)."""
    return rows[page.offset : page.offset + page.limit]


def invalid_input(fields: dict[str, str]) -> ApiError:
    """422 naming each field, the same words whether pydantic or a service found the problem."""
    summary = "; ".join(f"{name}: {message}" for name, message in fields.items())
    return ApiError(422, f"invalid input ({summary})", fields=fields)
