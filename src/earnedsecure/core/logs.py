"""Structured logs for a server: one JSON object a line on standard output, and no personal data in any of them.

Switched on by ``EARNEDSECURE_LOG_FORMAT=json`` (settings.py); the one-person default stays plain text.

What keeps people out of the logs, by construction rather than by care at each call:

1. A log call's words are the developer's template (``record.msg``); its arguments are where data travels
   (a username in axes's "New login failure by %s", a path with a reset key in Django's "Not Found: %s").
   Numbers are kept (a count, a try number, a status); every other argument is written as ``[hidden]``.
2. An exception is written as its type and where it was raised (file, line, function), never its message:
   a database error's message quotes the row it refused ("Key (username)=(...) already exists").
3. The request line names the route by its URL pattern's name ("diary:activation_detail"), never the path
   or the query (which carry ids, reset keys, a chosen country), and never who asked or from where.

Every request gets an id (``request_id``, the first middleware): random, never derived from the person, the
address or the time, answered in the ``X-Request-ID`` header and written on every log line of that request and
on the access-log rows it writes (care.AccessLogEntry), so one can be found from the other (checklist item 60).
An id sent by the client is ignored: it could carry anything into the log.

Security events (``security_event_log``, logger ``earnedsecure.security``) are lines with an ``event_type``: a
read refused at the door to another person's data, a sign-in, a failed one, a lockout, a two-step change, a
partner link made, ended or blocked, a therapist grant given or revoked. Each says what happened, who did it
(the account's number, never a name), what kind of object it was about, and the request's id; never what the
object holds, its id, or anything typed (checklist item 61).
"""

from __future__ import annotations

import contextvars
import json
import logging
import secrets
import time
import traceback
from datetime import UTC, datetime

HIDDEN = "[hidden]"
REQUEST_ID_HEADER = "X-Request-ID"

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

request_logger = logging.getLogger("earnedsecure.request")
security_logger = logging.getLogger("earnedsecure.security")

# The record fields written as they are: set by this module's own calls, never from what a request carried.
_OWN_FIELDS = ("method", "route", "status", "duration_ms", "event_type", "actor_id", "object_kind")


def _safe_arg(value: object) -> object:
    if isinstance(value, bool | int | float):
        return value
    return HIDDEN


def _message(record: logging.LogRecord) -> str:
    template = str(record.msg)
    if not record.args:
        return template
    args = record.args
    try:
        if isinstance(args, dict):
            return template % {key: _safe_arg(value) for key, value in args.items()}
        return template % tuple(_safe_arg(value) for value in args)
    except (TypeError, ValueError):
        # A "%d" given [hidden], or a template that does not match its arguments: the words alone.
        return template


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message (arguments hidden), and for an exception its
    type and frames only."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
        }
        # Django's own request warnings ("Not Found") are written after the middleware has answered, with the
        # request attached to the record.
        request_id = (
            getattr(record, "request_id", None)
            or getattr(getattr(record, "request", None), "request_id", None)
            or _request_id.get()
        )
        if request_id:
            entry["request_id"] = request_id
        for field in _OWN_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info and record.exc_info[0] is not None:
            error_type, _error, trace = record.exc_info
            entry["error"] = error_type.__name__
            entry["frames"] = [
                f"{frame.filename}:{frame.lineno} {frame.name}" for frame in traceback.extract_tb(trace)[-8:]
            ]
        return json.dumps(entry, ensure_ascii=False)


def request_id_new() -> str:
    """32 random hex characters: nothing about the person, the address or the time can be read from it."""
    return secrets.token_hex(16)


def current_request_id() -> str | None:
    """The id of the request being answered in this thread, None outside a request."""
    return _request_id.get()


def request_id(get_response):
    """Give each request its id: ``request.request_id``, the ``X-Request-ID`` answer header, every log line."""

    def middleware(request):
        request.request_id = request_id_new()
        token = _request_id.set(request.request_id)
        try:
            response = get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response

    return middleware


def request_log(get_response):
    """Log one line per request: method, the route's name, status and time taken. Nothing else."""

    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        match = getattr(request, "resolver_match", None)
        request_logger.info(
            "request",
            extra={
                "method": request.method if request.method in _KNOWN_METHODS else "OTHER",
                "route": (match.view_name if match else None) or "unmatched",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "request_id": getattr(request, "request_id", None),
            },
        )
        return response

    return middleware


_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def security_event_log(event_type: str, *, actor_id: int | None, object_kind: str = "", refused: bool = False):
    """Write one security event: ``event_type`` and ``object_kind`` are names from the code (a model's label such
    as "diary.Activation"), ``actor_id`` the account's number (None when no account is known). A refusal is a
    warning; every other event is information (kept whenever the JSON log is on: settings.py)."""
    security_logger.log(
        logging.WARNING if refused else logging.INFO,
        f"security event: {event_type}",  # the type is the code's own word, not an argument to hide
        extra={"event_type": event_type, "actor_id": actor_id, "object_kind": object_kind},
    )
