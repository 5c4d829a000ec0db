"""The first step of a coach page, held between its POST and the page that follows (post/redirect/get).

A thought record and the message coach take two steps: the person writes (step one), the coach looks at it
(step two). Step one's POST answers with a redirect to a GET of step two, so Back or a reload never offers to
send the words again ("Confirm Form Resubmission"); the words themselves never go into the address.

1. :func:`step_keep` keeps step one's fields in the person's session, encrypted with that person's own key
   (core.crypto, as their entries are at rest), under a random token that the redirect carries: ``?step=<token>``.
2. :func:`step_get` gives them back to the same session only, for :data:`KEPT_FOR`; a token that is unknown,
   of the other kind of page, too old or from another person gives None and the page starts again.
3. They go with the session (signing out, the 12-hour limit) and the person's key (deleting the account); at
   most :data:`KEPT_AT_MOST` are kept, the oldest dropping out; saving forgets the one it came from.

Step two still carries step one's answers in its own form, so saving works as it did when the session has
ended and the kept form (accounts/kept_forms.py) sends it again after signing in.
"""

from __future__ import annotations

import json
import secrets
import time

from earnedsecure.core.crypto import DecryptionError, decrypt, encrypt

SESSION_KEY = "coach_steps"
KEPT_FOR = 60 * 60  # seconds: as long as a kept form
KEPT_AT_MOST = 5


def step_keep(request, *, kind: str, fields: dict[str, str], now: float | None = None) -> str:
    """Keep ``fields`` (step one's answers, as sent) for this session; the token to find them again."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(12)
    sealed = encrypt(json.dumps(fields), owner_id=request.user.pk)
    kept = {key: value for key, value in request.session.get(SESSION_KEY, {}).items() if now - value["at"] < KEPT_FOR}
    kept[token] = {"kind": kind, "owner": request.user.pk, "at": now, "fields": sealed}
    request.session[SESSION_KEY] = dict(sorted(kept.items(), key=lambda item: item[1]["at"])[-KEPT_AT_MOST:])
    return token


def step_get(request, *, kind: str, token: str | None, now: float | None = None) -> dict[str, str] | None:
    """Step one's answers kept under ``token`` for this kind of page and this person, or None. Reads only:
    a GET writes nothing (an old entry is dropped by the next :func:`step_keep`)."""
    now = time.time() if now is None else now
    kept = request.session.get(SESSION_KEY, {}).get(token or "")
    if not kept or kept["kind"] != kind or kept["owner"] != request.user.pk or now - kept["at"] >= KEPT_FOR:
        return None
    try:
        return json.loads(decrypt(kept["fields"]))
    except DecryptionError:
        return None


def step_forget(request, *, token: str | None) -> None:
    kept = request.session.get(SESSION_KEY, {})
    if token and token in kept:
        del kept[token]
        request.session.modified = True
