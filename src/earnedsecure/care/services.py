"""Writes of the care app: the therapist role, grants, the access log and homework.

Nothing here sends mail or leaves a notice for anyone: granting, revoking and declining are seen only on the
pages of the two people concerned, and never by a partner (checklist items 39 and 40).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.http import Http404

from earnedsecure.care.models import AccessLogEntry, Category, Grant, Homework, Therapist
from earnedsecure.core.logs import security_event_log

DEFAULT_GRANT_DAYS = 30
GRANT_DAYS = (7, 14, 30, 90)  # the lengths a person may choose; an expiry is required (item 31)
GENESIS = "0" * 64  # the "previous hash" of a person's first row


@transaction.atomic
def therapist_add(*, user, display_name: str, now: datetime) -> Therapist:
    """Give an account the therapist role (an operator's step). Its owner still signs in as themselves."""
    therapist, _ = Therapist.objects.update_or_create(
        user=user, defaults={"display_name": display_name.strip() or user.get_username(), "added_at": now}
    )
    return therapist


@transaction.atomic
def grant_create(*, owner, therapist: Therapist, categories: set[str], days: int, now: datetime) -> Grant:
    """Let ``therapist`` read ``categories`` of ``owner``'s data for ``days``. An open grant to the same
    therapist is replaced (revoked now), so there is only ever one to look at."""
    if days not in GRANT_DAYS:
        raise ValueError(f"a grant lasts one of {GRANT_DAYS} days")
    if not categories or not categories <= set(Category.values):
        raise ValueError("choose at least one of the categories")
    if therapist.user_id == owner.pk:
        raise ValueError("a therapist cannot grant themselves")
    Grant.objects.filter(owner=owner, therapist=therapist, revoked_at__isnull=True).update(revoked_at=now)
    grant = Grant.objects.create(
        owner=owner,
        therapist=therapist,
        created_at=now,
        expires_at=now + timedelta(days=days),
        **{value: value in categories for value in Category.values},
    )
    security_event_log("care_grant_given", actor_id=owner.pk, object_kind="care.Grant")
    return grant


def grant_revoke(*, owner, pk: int, now: datetime) -> Grant:
    """End one of the owner's grants at once. Anyone else's grant, or none: 404."""
    updated = Grant.objects.filter(owner=owner, pk=pk, revoked_at__isnull=True).update(revoked_at=now)
    if not updated and not Grant.objects.filter(owner=owner, pk=pk).exists():
        raise Http404("Not found")
    if updated:
        security_event_log("care_grant_revoked", actor_id=owner.pk, object_kind="care.Grant")
    return Grant.objects.get(owner=owner, pk=pk)


def grants_revoke_all(*, person, now: datetime) -> int:
    """End every grant the person gave (Emergency Reset). Returns how many were still live."""
    live = Q(revoked_at__isnull=True, expires_at__gt=now)
    count = Grant.objects.filter(live, owner=person).count()
    if Grant.objects.filter(owner=person, revoked_at__isnull=True).update(revoked_at=now):
        security_event_log("care_grants_revoked_all", actor_id=person.pk, object_kind="care.Grant")
    return count


def entry_hash(
    *, owner_id: int, actor_id: int, actor_name: str, categories: str, action: str, at, request_id: str, previous: str
):
    """SHA-256 of one row's content and the hash of the row before it in the person's chain.

    The request id is hashed when there is one: rows from before request ids (empty) keep the hash they were
    written with, and adding, changing or removing the id of any row breaks its hash."""
    content = [owner_id, actor_id, actor_name, categories, action, at.astimezone(UTC).isoformat(), previous]
    if request_id:
        content.append(request_id)
    return hashlib.sha256(json.dumps(content, separators=(",", ":")).encode()).hexdigest()


@transaction.atomic
def access_log_append(
    *, therapist: Therapist, reads: dict[int, list[str]], action: str, now: datetime, request_id: str
) -> None:
    """One row per person read: ``reads`` maps each person's id to the categories read; ``request_id`` is the
    id of the request that read them (core/logs.py). Three queries however many people: lock their rows (chains
    grow one at a time), find each chain's last hash, insert the rows."""
    if not reads:
        return
    owner_ids = sorted(reads)
    list(get_user_model().objects.select_for_update().filter(pk__in=owner_ids).values_list("pk", flat=True))
    newest = (
        AccessLogEntry.objects.filter(owner_id__in=owner_ids)
        .values("owner_id")
        .annotate(newest=Max("pk"))
        .values("newest")
    )
    last = dict(AccessLogEntry.objects.filter(pk__in=newest).values_list("owner_id", "row_hash"))
    rows = []
    for owner_id in owner_ids:
        categories = ",".join(value for value in Category.values if value in reads[owner_id])
        previous = last.get(owner_id, GENESIS)
        fields = {
            "owner_id": owner_id,
            "actor_id": therapist.user_id,
            "actor_name": therapist.display_name,
            "categories": categories,
            "action": action,
            "at": now,
            "request_id": request_id,
        }
        rows.append(AccessLogEntry(**fields, previous_hash=previous, row_hash=entry_hash(**fields, previous=previous)))
    AccessLogEntry.objects.bulk_create(rows)


def access_log_verify() -> list[int]:
    """The ids of rows whose hash or link to the row before does not hold, every person's chain walked in
    order. Empty when nothing was changed, removed or inserted behind the app's back."""
    broken: list[int] = []
    previous: dict[int, str] = {}
    for row in AccessLogEntry.objects.order_by("owner_id", "pk").iterator():
        expected_previous = previous.get(row.owner_id, GENESIS)
        recomputed = entry_hash(
            owner_id=row.owner_id,
            actor_id=row.actor_id,
            actor_name=row.actor_name,
            categories=row.categories,
            action=row.action,
            at=row.at,
            request_id=row.request_id,
            previous=row.previous_hash,
        )
        if row.previous_hash != expected_previous or recomputed != row.row_hash:
            broken.append(row.pk)
        previous[row.owner_id] = row.row_hash
    return broken


def grants_visited(*, grant_ids: list[int], now: datetime) -> None:
    """The therapist saw these clients on the caseload now: item-9 alerts after this count as new. One query."""
    Grant.objects.filter(pk__in=grant_ids).update(last_visit_at=now)


@transaction.atomic
def homework_suggest(*, grant: Grant, kind: str, slug: str, now: datetime) -> Homework:
    """The therapist of a live grant suggests a tool, lesson or program; ``slug`` is checked by the caller's
    form against the app's own vocabulary and content."""
    return Homework.objects.create(
        owner_id=grant.owner_id, therapist_id=grant.therapist_id, kind=kind, slug=slug, suggested_at=now
    )


def homework_decline(*, owner, pk: int, now: datetime) -> None:
    """The person declines a suggestion. The therapist sees only the word "declined"; no reason is asked."""
    updated = Homework.objects.filter(owner=owner, pk=pk, declined_at__isnull=True).update(declined_at=now)
    if not updated and not Homework.objects.filter(owner=owner, pk=pk).exists():
        raise Http404("Not found")
