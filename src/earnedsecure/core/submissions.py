"""One form, one entry: a form that creates something, sent twice, stores it once (checklist item 79).

Each such form carries a random token made when the page is drawn (``{% submission_field %}``). The first send
reserves the token for the person (a row with a unique constraint, core.models.Submission) in the same
transaction as the view's own writes, and keeps the page the answer led to. A second send with the same token
(a retry after a timeout, a double tap, Back and send again) is refused by the constraint and led to that page,
with a note that it was saved already; nothing is written twice. With two sends at the same moment, the
database makes the second wait for the first (PostgreSQL's unique index, SQLite's single writer).

A send that is not saved (a box left empty, or words that get the crisis response) gives its token back, so the
same form, corrected, can be sent again. A form without a token (an old page) is handled as before. The JSON
API takes the same guarantee from an ``Idempotency-Key`` header (``api_once``).
"""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone

from earnedsecure.core.models import Submission

FIELD = "submission"
TOKEN_LENGTH = 64  # the column; a token is 32 characters, anything longer is not one of ours
ALREADY_SAVED = "That was saved already, so it is not saved twice. Here it is."


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class _Reservation:
    again: bool = False  # the token was reserved before: nothing is to be stored
    first: str = ""  # then, what its first send was answered with
    answer: str | None = None  # set when this send stored something: kept; else the token is given back


@contextmanager
def _reserved(owner, token: str):
    """The token reserved for ``owner`` under the unique constraint, inside one transaction with what the caller
    stores; on leaving, the answer is kept, or the token is given back when nothing was stored. A token reserved
    before (or at this moment by another send, which the database makes this one wait for) comes back ``again``."""
    held = _Reservation()
    with transaction.atomic():
        try:
            with transaction.atomic():
                reserved = Submission.objects.create(owner=owner, token=token, created_at=timezone.now())
        except IntegrityError:
            held.again = True
            held.first = Submission.objects.filter(owner=owner, token=token).values_list("answer", flat=True).first()
            yield held
            return
        yield held
        if held.answer is None:
            reserved.delete()  # not saved: the corrected form or request may come with the same token
        else:
            reserved.answer = held.answer[:300]
            reserved.save(update_fields=["answer"])


def once(view):
    """For a view whose successful POST creates something and redirects: the same form sent again stores nothing
    more and is led where the first went."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token or len(token) > TOKEN_LENGTH or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with _reserved(request.user, token) as held:
            if held.again:
                messages.info(request, ALREADY_SAVED)
                return redirect(held.first or request.path)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and response.get("Location"):
                held.answer = response["Location"]
            return response

    return wrapped


def forget_before(*, cutoff) -> int:
    """The retention purge: tokens of forms sent before ``cutoff``."""
    return Submission.objects.filter(created_at__lt=cutoff).delete()[0]


# The JSON API: a client sends ``Idempotency-Key: <its own random key>`` with a POST that creates something; the
# same key again answers the first entry (200) instead of storing another (201). Kept apart from the forms' tokens.
API_HEADER = "HTTP_IDEMPOTENCY_KEY"


@dataclass
class ApiSend:
    first: int | None = None  # the entry the same key made before: answer it, store nothing
    created: int | None = None  # set by the endpoint when it stored one


@contextmanager
def api_once(request):
    """Around an API endpoint that creates one entry: with an ``Idempotency-Key`` seen before for this person,
    ``first`` is that entry's id; else the endpoint stores and sets ``created``. A request that fails (a refused
    payload) gives the key back, so the corrected request goes through."""
    key = request.META.get(API_HEADER, "")
    send = ApiSend()
    if not key or len(key) > TOKEN_LENGTH - 4 or not request.user.is_authenticated:
        yield send
        return
    with _reserved(request.user, f"api:{key}") as held:
        if held.again:
            send.first = int(held.first or 0) or None
            yield send
            return
        yield send
        if send.created is not None:
            held.answer = str(send.created)
