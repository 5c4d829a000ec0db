"""The one way a therapist reaches a person's data: a live grant that covers the category, or 404.

Live means not revoked and not expired at this very request (checklist item 31): there is no cache of a grant,
so revoking takes effect on the therapist's next request. A grant that is missing, someone else's, expired,
revoked or narrower than asked all answer the same 404, and write the same security event (core/logs.py).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.http import Http404

from earnedsecure.accounts.selectors import consenting_owner_ids
from earnedsecure.care.models import Grant, Therapist
from earnedsecure.core.logs import security_event_log


def live(now: datetime) -> Q:
    """Not revoked, not expired, and the person agrees now to the app's use of their data: while they have
    withdrawn consent, no therapist reads anything of theirs (as with a partner)."""
    return Q(revoked_at__isnull=True, expires_at__gt=now, owner_id__in=consenting_owner_ids(purpose="core"))


def therapist_for(user) -> Therapist | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Therapist.objects.filter(user=user).first()


def grant_or_404(*, therapist: Therapist, client_id: int, now: datetime, category: str | None = None) -> Grant:
    """The live grant ``client_id`` gave ``therapist`` (covering ``category`` when one is named); else 404."""
    grants = Grant.objects.filter(live(now), therapist=therapist, owner_id=client_id).select_related("owner")
    if category is not None:
        grants = grants.filter(**{category: True})
    grant = grants.first()
    if grant is None:
        security_event_log("care_grant_refused", actor_id=therapist.user_id, object_kind="care.Grant", refused=True)
        raise Http404("Not found")
    return grant
