"""The JSON API under /api/v1/: one NinjaAPI, one router per app, session sign-in with CSRF.

Errors always have the shape {"error": "..."} (validation errors add "fields": {name: message}) with the
right status; a wrong id and someone else's id both answer 404.
"""

from functools import wraps

from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth


def _signed_in_only(view):
    """The schema and docs are for signed-in people too: deny by default, in the API's own JSON shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "sign in first"}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="Earned Secure API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url="/docs",
    docs_decorator=_signed_in_only,
)


def _field_name(location) -> str:
    parts = [str(p) for p in location if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "request"


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc):
    fields = {_field_name(e.get("loc", ())): e.get("msg", "invalid") for e in exc.errors}
    summary = "; ".join(f"{name}: {message}" for name, message in fields.items())
    return api.create_response(request, {"error": f"invalid input ({summary})", "fields": fields}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"error": "not found"}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"error": "sign in first"}, status=401)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"error": str(exc)}, status=exc.status_code)


api.add_router("/assessments", "earnedsecure.assessments.api.router")
api.add_router("/diary", "earnedsecure.diary.api.router")
api.add_router("/coach", "earnedsecure.coach.api.router")
api.add_router("/journey", "earnedsecure.journey.api.router")
