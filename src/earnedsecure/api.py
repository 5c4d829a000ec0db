"""The JSON API under /api/v1/: one NinjaAPI, one router per app, session sign-in with CSRF.

Errors always have the shape {"error": "..."} (validation errors add "fields": {name: message}) with the
right status, built by core/api_rules.py's ``error_response`` for every error below; endpoints refuse by
raising ``ApiError``. A wrong id and someone else's id both answer 404.
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import DocsBase
from ninja.security import django_auth

from earnedsecure.core.api_rules import ApiError, error_response, invalid_input


def _signed_in_only(view):
    """The schema and docs are for signed-in people too: deny by default, in the API's own JSON shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return error_response(401, "sign in first")
        return view(request, *args, **kwargs)

    return wrapper


class PlainDocs(DocsBase):
    """The API's reference as a plain page of the app: each route with its summary, and the JSON schema.

    Swagger UI and ReDoc load their scripts from a CDN (which the CSP blocks, and which would tell a third
    party who reads these docs); a page of our own layout also keeps Quick exit and the crisis link on it.
    """

    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_prefix=request.path.removesuffix("docs"))
        routes = [
            {"method": method.upper(), "path": path, "summary": operation.get("summary", "")}
            for path, operations in schema["paths"].items()
            for method, operation in operations.items()
        ]
        return render(
            request,
            "core/api_docs.html",
            {"title": api.title, "routes": routes, "schema_url": self.get_openapi_url(api, kwargs)},
        )


# What any route may answer besides its own success, all in the one error shape: the schema says so, so a
# client (and schemathesis, tests/core/test_api_schemathesis.py) can rely on it.
ERROR_STATUSES = {
    400: "The body could not be read (not JSON, or a broken form encoding)",
    401: "Not signed in",
    403: "No consent yet, or the CSRF token is missing",
    404: "Not found, or someone else's",
    413: "The request body is over the size limit",
    422: "Invalid input; 'fields' names each field",
    503: "The database is unavailable; nothing was stored",
    507: "The server is out of storage space; nothing was stored",
}
ERROR_SHAPE = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["error"],
}


class EarnedSecureAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in ERROR_STATUSES.items():
                    operation["responses"].setdefault(
                        status, {"description": description, "content": {"application/json": {"schema": ERROR_SHAPE}}}
                    )
        return schema


api = EarnedSecureAPI(
    title="Earned Secure API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url="/docs",
    docs=PlainDocs(),
    docs_decorator=_signed_in_only,
)


def _field_name(location) -> str:
    parts = [str(p) for p in location if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "request"


def _message(error: dict) -> str:
    # A ValueError raised by our own validators (the text limit) reads as written, without pydantic's prefix.
    return str(error.get("msg", "invalid")).removeprefix("Value error, ")


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc):
    return refused(request, invalid_input({_field_name(e.get("loc", ())): _message(e) for e in exc.errors}))


@api.exception_handler(ApiError)
def refused(request, exc):
    return error_response(exc.status, exc.message, fields=exc.fields)


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(404, "not found")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return error_response(401, "sign in first")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return error_response(exc.status_code, str(exc))


api.add_router("/assessments", "earnedsecure.assessments.api.router")
api.add_router("/diary", "earnedsecure.diary.api.router")
api.add_router("/coach", "earnedsecure.coach.api.router")
api.add_router("/journey", "earnedsecure.journey.api.router")
