"""Every write of the partner link: invite, accept, choose, unlink, block, Emergency Reset, the access log.

None of them sends mail or makes any notice for the other person: ending a link, narrowing what is shown or
a reset leaves the other side looking exactly as if nothing had been shown yet (checklist items 38, 39).
"""

import hashlib
import hmac
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from earnedsecure.care import services as care_services
from earnedsecure.core.logs import security_event_log
from earnedsecure.domain.limits import text_too_long
from earnedsecure.domain.progress.figures import week_start
from earnedsecure.domain.together.rituals import CHECK_IN_QUESTIONS
from earnedsecure.domain.together.sharing import (
    ANSWERS,
    CODE_ALPHABET,
    CODE_LENGTH,
    CODE_LIFETIME,
    CODES_PER_DAY,
    REQUESTS,
    WRONG_CODES_PER_HOUR,
    Category,
    Status,
    code_normalise,
)
from earnedsecure.domain.together.timeouts import LONGEST, PLACES, return_at, return_kept, return_steps
from earnedsecure.partners.models import (
    AccessRecord,
    Block,
    CheckIn,
    CodeTry,
    EmergencyReset,
    Invite,
    Link,
    PatternConsent,
    ReassuranceRequest,
    Share,
    TimeOut,
    TimeoutAgreement,
)
from earnedsecure.partners.models import Status as StatusRow


class TooManyCodes(Exception):
    """The day's invite codes are used up."""


class TooManyTries(Exception):
    """Too many codes that did not link, in the last hour."""


class OwnCode(Exception):
    """The person entered the code they made themselves: only the partner can enter it."""


class AlreadyLinked(Exception):
    """The person who enters a code is linked already; one link at a time."""


def local_day(user, now: datetime) -> date:
    return now.astimezone(user.zone).date()


def code_hash(code: str) -> str:
    """The keyed hash a code is stored as: the code itself is never kept, and a copy of the database alone
    cannot be searched for it."""
    key = hashlib.sha256(b"earnedsecure.partners.invite:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, code_normalise(code).encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def invite_create(*, owner, now: datetime) -> str:
    """A new one-time code for ``owner`` to give their partner, valid for 72 hours; returned once, kept hashed.

    An unused older code stops working: one code at a time. Raises TooManyCodes after CODES_PER_DAY codes in
    24 hours (used or not).
    """
    made_today = Invite.objects.filter(owner=owner, created_at__gt=now - timedelta(days=1)).count()
    if made_today >= CODES_PER_DAY:
        raise TooManyCodes
    Invite.objects.filter(owner=owner, spent=False).update(spent=True)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    Invite.objects.create(owner=owner, code_hash=code_hash(code), created_at=now, expires_at=now + CODE_LIFETIME)
    return code


def _blocked_between(first, second) -> bool:
    return Block.objects.filter(
        Q(owner=first, blocked=second) | Q(owner=second, blocked=first),
    ).exists()


@transaction.atomic
def invite_accept(*, user, typed: str, now: datetime) -> Link | None:
    """Link ``user`` with the person whose code they typed; None when the code does not link.

    1. More than WRONG_CODES_PER_HOUR codes that did not link in the last hour: TooManyTries.
    2. ``user`` already linked: AlreadyLinked. Their own code: OwnCode.
    3. A code that is unknown, used, expired, or from someone either of them blocked, or someone linked with
       another person: one answer, None, and the try counts. Whether an account exists or blocked someone
       is never told.
    4. Otherwise the pair of links is made, and nothing is shown by either side until each chooses.
    """
    hour_ago = now - timedelta(hours=1)
    if CodeTry.objects.filter(owner=user, tried_at__gt=hour_ago).count() >= WRONG_CODES_PER_HOUR:
        raise TooManyTries
    if Link.objects.filter(owner=user).exists():
        raise AlreadyLinked
    invite = (
        Invite.objects.select_for_update()
        .filter(code_hash=code_hash(typed), spent=False, expires_at__gt=now)
        .select_related("owner")
        .first()
    )
    if invite is not None and invite.owner_id == user.pk:
        raise OwnCode
    if invite is None or _blocked_between(invite.owner, user) or Link.objects.filter(owner=invite.owner).exists():
        CodeTry.objects.create(owner=user, tried_at=now)
        return None
    invite.spent = True
    invite.save(update_fields=["spent"])
    inviter = invite.owner
    Share.objects.filter(owner__in=[inviter, user]).delete()  # nothing shown by default, even after a re-link
    Link.objects.create(owner=inviter, partner=user, linked_on=local_day(inviter, now))
    security_event_log("partner_linked", actor_id=user.pk, object_kind="partners.Link")
    return Link.objects.create(owner=user, partner=inviter, linked_on=local_day(user, now))


@transaction.atomic
def link_end(*, user) -> None:
    """End ``user``'s link, from either side, at once: both rows go, and what each had chosen to show.
    Nobody is told."""
    link = Link.objects.filter(owner=user).first()
    if link is None:
        return
    Share.objects.filter(owner__in=[user.pk, link.partner_id]).delete()
    ReassuranceRequest.objects.filter(
        Q(owner=user, answerer_id=link.partner_id) | Q(owner_id=link.partner_id, answerer=user)
    ).delete()
    # Time-outs and the couple's agreement (an open time-out ends with them); one's own "for myself" stays.
    TimeOut.objects.filter(Q(owner=user, waiter_id=link.partner_id) | Q(owner_id=link.partner_id, waiter=user)).delete()
    TimeoutAgreement.objects.filter(
        Q(owner=user, partner_id=link.partner_id) | Q(owner_id=link.partner_id, partner=user)
    ).delete()
    PatternConsent.objects.filter(Q(owner=user) | Q(owner_id=link.partner_id, partner=user)).delete()
    # Each keeps their own check-ins; what either had shown the other is no longer shown (nor to a later partner).
    CheckIn.objects.filter(
        Q(owner=user, shared_with_id=link.partner_id) | Q(owner_id=link.partner_id, shared_with=user)
    ).update(shared_with=None)
    Link.objects.filter(Q(owner=user) | Q(owner_id=link.partner_id, partner=user)).delete()
    security_event_log("partner_unlinked", actor_id=user.pk, object_kind="partners.Link")


@transaction.atomic
def partner_block(*, user, now: datetime) -> None:
    """End the link with ``user``'s partner and refuse every code between them from now on, silently."""
    link = Link.objects.filter(owner=user).select_related("partner").first()
    if link is None:
        return
    partner = link.partner
    link_end(user=user)
    Block.objects.get_or_create(owner=user, blocked=partner, defaults={"blocked_on": local_day(user, now)})
    security_event_log("partner_blocked", actor_id=user.pk, object_kind="partners.Block")


@transaction.atomic
def categories_choose(*, owner, categories: set[Category]) -> None:
    """Show exactly ``categories`` of ``owner``'s to their partner from now on (none when not linked)."""
    if not Link.objects.filter(owner=owner).exists():
        categories = set()
    Share.objects.filter(owner=owner).exclude(category__in=[c.value for c in categories]).delete()
    for category in categories:
        Share.objects.get_or_create(owner=owner, category=Category(category).value)


@transaction.atomic
def status_choose(*, owner, status: Status | None, now: datetime) -> None:
    """Set (or with None, clear) ``owner``'s self-chosen status."""
    if status is None:
        StatusRow.objects.filter(owner=owner).delete()
        return
    StatusRow.objects.update_or_create(
        owner=owner, defaults={"status": Status(status).value, "chosen_on": local_day(owner, now)}
    )


def access_record(*, owner, categories: list[Category | str], day: date) -> None:
    """Note that ``owner``'s partner was shown these categories (or ``CHECK_IN_READ``, the check-ins they chose to
    show) today (checklist item 45). One read of the day's rows; only one not noted yet today is written
    (get_or_create, as a second page at the same moment may have written it meanwhile)."""
    keys = [str(category) for category in categories]  # a Category is a StrEnum: its str is its value
    noted = set(AccessRecord.objects.filter(owner=owner, day=day, category__in=keys).values_list("category", flat=True))
    for key in keys:
        if key not in noted:
            AccessRecord.objects.get_or_create(owner=owner, category=key, day=day)


@transaction.atomic
def emergency_reset(*, user, keep_session_key: str | None, now: datetime) -> int:
    """End the link and everything shown, every unused code, and every session but this one; notify no one.

    Returns the number of other sessions ended. The person is then asked to choose a new password (the view).
    """
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    link_end(user=user)
    Share.objects.filter(owner=user).delete()
    Invite.objects.filter(owner=user, spent=False).update(spent=True)
    care_services.grants_revoke_all(person=user, now=now)  # every therapist grant too (checklist item 42)
    others = list(UserSession.objects.filter(user=user).exclude(session_key=keep_session_key or ""))
    get_adapter().end_sessions(others)
    EmergencyReset.objects.create(owner=user, done_on=local_day(user, now))
    return len(others)


def limits_expire(*, now: datetime) -> dict[str, int]:
    """Forget what the limits no longer need (the daily retention purge calls this): codes a day after they
    stopped working, and codes that did not link an hour after they were tried."""
    return {
        "partners.invite": Invite.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()[0],
        "partners.codetry": CodeTry.objects.filter(tried_at__lt=now - timedelta(hours=1)).delete()[0],
    }


class NotLinked(Exception):
    """Asking or answering needs a link."""


@transaction.atomic
def reassurance_ask(*, owner, request: str, now: datetime) -> ReassuranceRequest:
    """Ask the linked partner for reassurance, in one of the structured requests. No mail: it waits on their page."""
    link = Link.objects.filter(owner=owner).first()
    if link is None or request not in REQUESTS:
        raise NotLinked
    return ReassuranceRequest.objects.create(
        owner=owner, answerer_id=link.partner_id, request=request, asked_on=local_day(owner, now)
    )


@transaction.atomic
def reassurance_answer(*, answerer, pk: int, answer: str, now: datetime) -> None:
    """Answer a request made to ``answerer`` while linked, with one tap. Someone else's request: NotLinked."""
    asked = ReassuranceRequest.objects.filter(pk=pk, answerer=answerer, answer="").first()
    linked = asked is not None and Link.objects.filter(owner=answerer, partner_id=asked.owner_id).exists()
    if not linked or answer not in ANSWERS:
        raise NotLinked
    asked.answer = answer
    asked.answered_on = local_day(answerer, now)
    asked.save(update_fields=["answer", "answered_on"])


class NoAgreement(Exception):
    """A time-out needs a link and an agreement both accepted, and a return time within it."""


@transaction.atomic
def timeout_agreement_propose(*, owner, longest_minutes: int, place: str, now: datetime) -> TimeoutAgreement:
    """Propose the couple's time-out terms to the linked partner, or, when not linked, keep them "for myself"
    (agreed at once)."""
    if longest_minutes not in LONGEST or place not in PLACES:
        raise NoAgreement
    link = Link.objects.filter(owner=owner).first()
    day = local_day(owner, now)
    if link is None:
        TimeoutAgreement.objects.filter(owner=owner, partner=None).delete()
        return TimeoutAgreement.objects.create(
            owner=owner, longest_minutes=longest_minutes, place=place, proposed_on=day, accepted_on=day
        )
    # An earlier proposal gives way to this one; terms already agreed hold until this one is accepted.
    TimeoutAgreement.objects.filter(
        Q(owner=owner, partner_id=link.partner_id) | Q(owner_id=link.partner_id, partner=owner), accepted_on=None
    ).delete()
    return TimeoutAgreement.objects.create(
        owner=owner, partner_id=link.partner_id, longest_minutes=longest_minutes, place=place, proposed_on=day
    )


@transaction.atomic
def timeout_agreement_accept(*, user, pk: int, now: datetime) -> None:
    """Accept the terms the linked partner proposed to ``user``. Anyone else's, or one's own: NotLinked."""
    proposed = TimeoutAgreement.objects.filter(pk=pk, partner=user, accepted_on=None).first()
    if proposed is None or not Link.objects.filter(owner=user, partner_id=proposed.owner_id).exists():
        raise NotLinked
    TimeoutAgreement.objects.filter(
        Q(owner=user, partner_id=proposed.owner_id) | Q(owner_id=proposed.owner_id, partner=user),
        accepted_on__isnull=False,
    ).delete()
    proposed.accepted_on = local_day(user, now)
    proposed.save(update_fields=["accepted_on"])


@transaction.atomic
def timeout_start(*, owner, minutes: int, now: datetime) -> TimeOut:
    """Step away from the linked partner until ``minutes`` from now, within the couple's accepted agreement.

    One open time-out between the two at a time: NoAgreement otherwise. Nobody gets mail; it waits on the
    partner's page.
    """
    link = Link.objects.filter(owner=owner).first()
    if link is None:
        raise NoAgreement
    between = Q(owner=owner, partner_id=link.partner_id) | Q(owner_id=link.partner_id, partner=owner)
    agreement = TimeoutAgreement.objects.filter(between, accepted_on__isnull=False).first()
    open_between = TimeOut.objects.filter(
        Q(owner=owner, waiter_id=link.partner_id) | Q(owner_id=link.partner_id, waiter=owner), ended=False
    )
    if agreement is None or minutes not in return_steps(agreement.longest_minutes) or open_between.exists():
        raise NoAgreement
    return TimeOut.objects.create(
        owner=owner,
        waiter_id=link.partner_id,
        started_on=local_day(owner, now),
        return_at=return_at(now, minutes),
        place=agreement.place,
    )


@transaction.atomic
def timeout_end(*, user, pk: int, now: datetime) -> TimeOut:
    """End an open time-out. The one who stepped away comes back (kept when by the time or within the grace,
    late otherwise); the one who waited may end it too, and then it counts neither way. Anyone else: NotLinked."""
    timeout = TimeOut.objects.select_for_update().filter(Q(owner=user) | Q(waiter=user), pk=pk, ended=False).first()
    if timeout is None:
        raise NotLinked
    timeout.ended = True
    if timeout.owner_id == user.pk:
        timeout.kept = return_kept(planned=timeout.return_at, returned=now)
    timeout.save(update_fields=["ended", "kept"])
    return timeout


class EmptyCheckIn(Exception):
    """A check-in needs at least one answer, each within the one free-text limit (domain/limits.py)."""


@transaction.atomic
def check_in_save(*, owner, answers: dict[str, str], share: bool, now: datetime) -> CheckIn:
    """Keep ``owner``'s answers to this week's check-in (their week, in their zone), replacing any earlier ones.

    ``share``: show them to the linked partner (only while linked, and only to that partner). The caller has
    read the words for risk first: answers that suggest risk are never kept or shown (the view answers with the
    crisis response instead).
    """
    keys = [key for key, _, _ in CHECK_IN_QUESTIONS]
    cleaned = {key: (answers.get(key) or "").strip() for key in keys}
    if not any(cleaned.values()) or any(text_too_long(text) for text in cleaned.values()):
        raise EmptyCheckIn
    link = Link.objects.filter(owner=owner).first()
    linked = link is not None and Link.objects.filter(owner_id=link.partner_id, partner=owner).exists()
    check_in, _ = CheckIn.objects.update_or_create(
        owner=owner,
        week=week_start(now, owner.zone).date(),
        defaults={**cleaned, "shared_with_id": link.partner_id if share and linked else None},
    )
    return check_in


@transaction.atomic
def pattern_consent_give(*, owner, now: datetime) -> None:
    """``owner`` chooses to see the couple's pattern with their linked partner (nothing when not linked)."""
    link = Link.objects.filter(owner=owner).first()
    if link is None:
        return
    PatternConsent.objects.update_or_create(
        owner=owner, defaults={"partner_id": link.partner_id, "agreed_on": local_day(owner, now)}
    )


@transaction.atomic
def pattern_consent_withdraw(*, owner) -> None:
    """At once, and silently: the partner's page reads as if this person had never chosen it."""
    PatternConsent.objects.filter(owner=owner).delete()


@transaction.atomic
def check_in_hide(*, owner, week: date) -> None:
    """Stop showing one week's check-in to anyone, at once and silently (the week stays ``owner``'s own)."""
    CheckIn.objects.filter(owner=owner, week=week).update(shared_with=None)
