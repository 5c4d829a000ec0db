"""When the request is too big or the database fails: a clear answer, the crisis link, and the person's words.

1. :func:`request_size_limit` (first middleware): a body over ``REQUEST_BODY_MAX_BYTES`` by its Content-Length
   answers 413 before anything reads it. A body sent with a Transfer-Encoding (chunked) and no Content-Length
   answers 411: its size is unknown until it has been read, so it is not read at all. ``earnedsecure serve``
   gives waitress the same limit, so the server does not take in (and spool to disk) a 300 MB body first;
   waitress itself reads a chunked body up to the limit (413 past it) and hands it on with its length, which
   this middleware then checks like any other. Behind another server that passes chunked bodies through
   undecoded, the 411 keeps Django from silently reading an empty body.
2. :func:`server_error` (``handler500``): a ``DatabaseError`` anywhere (the database down, the disk full) answers
   503, or 507 when the disk is full, from a template rendered without a request context, so nothing on the way
   touches the session or the database. If the request was a form, every text the person typed is put back on
   the page to copy; nothing was saved. Any other error goes to the ordinary 500 page.
3. :func:`csrf_failure` (``CSRF_FAILURE_VIEW``): a form refused for its missing or stale CSRF token (cookies
   off, a page left open across a new sign-in) answers with the app's own page, saying why and what to do, with
   the crisis link and, again, every text the person typed, to copy. Nothing was acted on.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template.loader import render_to_string

from earnedsecure.core import views as core_views
from earnedsecure.core.api_rules import error_response
from earnedsecure.core.free_text import free_text_labels

# Form fields never shown back or kept, even for the person who sent them: secrets and machinery.
NOT_ECHOED = ("password", "csrfmiddlewaretoken", "token", "code", "secret", "otp")


def request_size_limit(get_response):
    def middleware(request):
        if request.META.get("HTTP_TRANSFER_ENCODING") and not request.META.get("CONTENT_LENGTH"):
            response = HttpResponse(
                "A request body needs a Content-Length here (chunked bodies are not read).\n",
                status=411,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"
            return response
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Content-Length is not a number.\n", status=400, content_type="text/plain")
        if length > settings.REQUEST_BODY_MAX_BYTES:
            # Closing the connection: the rest of the body is never read.
            response = HttpResponse(
                f"This request is {length:,} bytes; the limit is {settings.REQUEST_BODY_MAX_BYTES:,}.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"
            return response
        return get_response(request)

    return middleware


def _disk_full(error: BaseException) -> bool:
    text = str(error).lower()
    return "disk is full" in text or "no space left" in text or "disk full" in text


def typed_words(request) -> list[tuple[str, str]]:
    """(label, text) of every non-empty text field of a form POST, in the order sent."""
    if request.method != "POST":
        return []
    try:
        fields = request.POST
    except Exception:  # a body that cannot be parsed has nothing to give back
        return []
    labels = free_text_labels()
    words = []
    for name in fields:
        if any(part in name.lower() for part in NOT_ECHOED):
            continue
        for value in fields.getlist(name):
            if value.strip():
                words.append((labels.get(name) or name.replace("_", " ").capitalize(), value))
    return words


def server_error(request):
    import sys

    error = sys.exc_info()[1]
    if not isinstance(error, DatabaseError):
        return core_views.server_error(request)
    full = _disk_full(error)
    status = 507 if full else 503
    if request.path.startswith("/api/"):
        message = "not saved: the server is out of storage space" if full else "the database is unavailable"
        response = error_response(status, f"{message}; nothing was stored, try again later")
    else:
        # No request context: the context processors, the session and the user would each need the database.
        page = render_to_string(
            "core/unavailable.html",
            {
                "disk_full": full,
                "words": typed_words(request),
                "NEUTRAL_NAME": settings.NEUTRAL_NAME,
                "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
            },
        )
        response = HttpResponse(page, status=status)
    if not full:
        response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request, reason: str = ""):
    """The app's own answer to a form refused by the CSRF check, with the words the person typed."""
    return render(
        request,
        "403_csrf.html",
        {"words": typed_words(request), "no_cookie": reason == REASON_NO_CSRF_COOKIE},
        status=403,
    )
