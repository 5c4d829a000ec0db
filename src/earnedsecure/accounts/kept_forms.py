"""Nothing typed is lost when a session ends: a form sent after it is kept, encrypted, for the same person.

1. ``SessionTimeoutMiddleware`` (core/middleware.py) ends a session after 30 quiet minutes or 12 hours. When the
   request that finds it ended is a form holding some of the person's own words, :func:`form_keep` keeps every
   field of it (but the CSRF token and anything named like a secret) in a :class:`KeptForm` row, encrypted with
   that person's own key, before signing them out. Their browser gets the row's random key in a signed cookie
   that lasts as long as the row, and the sign-in page says the words are kept.
2. After signing in, the person lands on the kept page (``accounts.views.kept_form``): their words in boxes,
   labelled as on the form they came from, with the rest (ratings, choices, which step) carried along unseen.
   "Send it" sends the form on to where it was going with a 307, so the browser posts the same fields to the
   same address and that page does what it would have done (checks, risk, saving); "Put it away" deletes it.
3. Only the person it was kept for gets it back (the row is theirs, and the key comes from the browser that
   sent it), and only for :data:`KEPT_FOR`; the daily retention purge (core/retention.py) deletes anything
   older, and the account's deletion takes it too. Nothing is kept in the browser but the key. Sign-in,
   password and two-step forms (allauth's, under /accounts/) are never kept, nor any field named like a secret.

Someone whose session is already gone (signed out in another tab) cannot be told apart from anyone else at
that browser, so nothing is kept for them: the answer to their form shows their words to copy instead
(core/middleware.py, ``LoginRequiredMiddleware``).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from earnedsecure.accounts.models import KeptForm
from earnedsecure.core.failsafe import NOT_ECHOED
from earnedsecure.core.free_text import free_text_labels

KEPT_FOR = timedelta(hours=1)
COOKIE = "kept_form"
_SALT = "earnedsecure.accounts.kept_form"
NEVER_KEPT_UNDER = "/accounts/"  # allauth: sign-in, sign-up, passwords, two-step, email, sessions


def _secret(name: str) -> bool:
    return any(part in name.lower() for part in NOT_ECHOED)


def form_keep(*, user, request, now: datetime | None = None) -> KeptForm | None:
    """Keep the form ``request`` posts, for ``user``, if it holds any of their own words; else None."""
    path = request.get_full_path()
    if request.method != "POST" or path.startswith(NEVER_KEPT_UNDER):
        return None
    fields = [[name, value] for name in request.POST if not _secret(name) for value in request.POST.getlist(name)]
    labels = free_text_labels()
    if not any(name in labels and value.strip() for name, value in fields):
        return None
    return KeptForm.objects.create(owner=user, form={"path": path, "fields": fields}, kept_at=now or timezone.now())


def kept_form_get(*, user, key: uuid.UUID | None, now: datetime | None = None) -> KeptForm | None:
    """The person's kept form with this key, if it is still within :data:`KEPT_FOR`; else None."""
    if key is None:
        return None
    now = now or timezone.now()
    return KeptForm.objects.filter(owner=user, key=key, kept_at__gte=now - KEPT_FOR).first()


def kept_form_delete(*, kept: KeptForm) -> None:
    kept.delete()


def kept_forms_expire(*, now: datetime) -> int:
    """Delete every kept form older than :data:`KEPT_FOR` (the retention purge); how many went."""
    return KeptForm.objects.filter(kept_at__lt=now - KEPT_FOR).delete()[0]


def destination(kept: KeptForm) -> str:
    """Where the form was going: a path of this site (checked again, as it is about to be a redirect)."""
    path = kept.form.get("path", "")
    return path if url_has_allowed_host_and_scheme(path, allowed_hosts=None) and path.startswith("/") else "/"


def cookie_set(response, kept: KeptForm) -> None:
    response.set_signed_cookie(
        COOKIE,
        str(kept.key),
        salt=_SALT,
        max_age=int(KEPT_FOR.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def cookie_key(request) -> uuid.UUID | None:
    value = request.get_signed_cookie(COOKIE, default=None, salt=_SALT, max_age=KEPT_FOR.total_seconds())
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def cookie_delete(response) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
