"""Reads of the partner link, and the one way to what a partner is shown.

``partner_view`` is the only door from one person to another's data in the whole app. It answers from the
pair of link rows and the categories the other person chose, and from nothing else: each category is an
aggregate at day resolution (a status, last week's band, the stage's name), worked out by the diary's and the
journey's own selectors, so that no entry, answer, score, time or crisis event can reach it. Figures are read
as of the start of the owner's day (the week's band as of the end of last week), so what the partner sees
never changes within a day and never says when in a day anyone was active.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q

from earnedsecure.accounts.services import has_core_consent
from earnedsecure.assessments.selectors import completed
from earnedsecure.diary.selectors import activation_figures
from earnedsecure.domain.instruments.ecr_r import ECR_R
from earnedsecure.domain.instruments.ecr_rs import ECR_RS_ROMANTIC
from earnedsecure.domain.progress.figures import week_start
from earnedsecure.domain.progress.pathway import STAGE_TEXT
from earnedsecure.domain.together.pattern import Pattern, couple_pattern
from earnedsecure.domain.together.rituals import CHECK_IN_QUESTIONS
from earnedsecure.domain.together.sharing import (
    ANSWERS,
    CATEGORY_TEXT,
    REQUESTS,
    STATUS_TEXT,
    WEEK_BAND_TEXT,
    Category,
    Status,
    WeekFigures,
    tool_first,
    week_band,
)
from earnedsecure.domain.together.timeouts import return_overdue, return_steps
from earnedsecure.journey.selectors import pathway_view
from earnedsecure.partners.models import (
    ACCESS_CHOICES,
    AccessRecord,
    CheckIn,
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


@dataclass(frozen=True)
class Shown:
    """One category as the partner sees it: its label and one sentence."""

    category: Category
    label: str
    text: str


@dataclass(frozen=True)
class PartnerView:
    name: str
    linked_on: date
    shown: tuple[Shown, ...]


# "Read the link here": the default of every selector that takes ``link``. A page reads the link once, with
# ``link_for``, and passes it down (None when not linked), so that one page asks for it once.
READ = object()


def link_for(*, user) -> Link | None:
    """``user``'s link, with the partner, when both sides of it stand. One query for the rows from and to ``user``:
    ``user`` owns at most one (one link each, a unique constraint), and it stands only when its partner owns a
    row back to ``user``."""
    if not getattr(user, "is_authenticated", False):
        return None
    rows = list(Link.objects.filter(Q(owner=user) | Q(partner=user)).select_related("partner"))
    mine = next((row for row in rows if row.owner_id == user.pk), None)
    if mine is None or not any(row.owner_id == mine.partner_id and row.partner_id == user.pk for row in rows):
        return None
    return mine


def _link(user, link) -> Link | None:
    return link_for(user=user) if link is READ else link


def _chosen(owners) -> dict[int, set[str]]:
    """The categories each of ``owners`` chose (consent not yet considered), in one query."""
    chosen: dict[int, set[str]] = {owner.pk: set() for owner in owners}
    for owner_id, category in Share.objects.filter(owner__in=[o.pk for o in owners]).values_list(
        "owner_id", "category"
    ):
        chosen[owner_id].add(category)
    return chosen


def _in_order(chosen: set[str]) -> list[Category]:
    return [category for category in Category if category.value in chosen]


def shared_categories(*, owner, link=READ) -> list[Category]:
    """The categories ``owner`` shows their partner, in the vocabulary's order: none when not linked, and none
    while the owner has withdrawn their consent (their notebook is closed to everyone, the partner included).

    ``link`` is the owner's link when the caller has read it (their partner's serves as well: either stands
    only while both do)."""
    if _link(owner, link) is None or not has_core_consent(owner):
        return []
    return _in_order(_chosen([owner])[owner.pk])


def status_of(*, owner) -> StatusRow | None:
    return StatusRow.objects.filter(owner=owner).first()


def person_name(user) -> str:
    return user.first_name or user.username


def _day_start(user, now: datetime) -> datetime:
    local = now.astimezone(user.zone)
    return datetime(local.year, local.month, local.day, tzinfo=user.zone)


def _week_text(owner, now: datetime) -> str:
    last_week_end = week_start(now, owner.zone) - timedelta(microseconds=1)
    figures = activation_figures(user=owner, now=last_week_end, whole_history=False)
    band = week_band(
        WeekFigures(
            week_entries=figures.this_week,
            week_mean_intensity=figures.this_week_intensity,
            four_weeks_entries=figures.recent,
            four_weeks_mean_intensity=figures.recent_intensity,
        )
    )
    return WEEK_BAND_TEXT[band] if band else "Not enough in the diary last week to say."


def _stage_text(owner, now: datetime) -> str:
    stage = pathway_view(user=owner, now=_day_start(owner, now)).pathway.current
    return STAGE_TEXT[stage][0] if stage else "Getting started."


def _status_text(row: StatusRow | None) -> str:
    return STATUS_TEXT[Status(row.status)] if row else "No status chosen."


def partner_view(*, viewer, now: datetime, link=READ) -> PartnerView | None:
    """What ``viewer``'s linked partner shows them right now; None when ``viewer`` is not linked.

    Only the categories the partner chose at this moment, each as one sentence of the app's own words.
    """
    link = _link(viewer, link)
    if link is None:
        return None
    return _partner_view(link, shared_categories(owner=link.partner, link=link), now, status=READ)


def _partner_view(link: Link, shared: list[Category], now: datetime, *, status) -> PartnerView:
    """The partner's categories in ``shared`` (their consent already considered) as one sentence each;
    ``status`` is their status row when the caller has read it."""
    partner = link.partner
    shown = []
    for category in shared:
        if category is Category.STATUS:
            text = _status_text(status_of(owner=partner) if status is READ else status)
        elif category is Category.WEEK:
            text = _week_text(partner, now)
        else:
            text = _stage_text(partner, now)
        shown.append(Shown(category=category, label=CATEGORY_TEXT[category][0], text=text))
    return PartnerView(name=person_name(partner), linked_on=link.linked_on, shown=tuple(shown))


@dataclass(frozen=True)
class Together:
    """The Together page's reads for a linked person, each table read once for both people."""

    view: PartnerView  # what the partner shows this person
    shared: list[Category]  # what this person shows the partner
    status: StatusRow | None  # this person's own status


def together(*, user, link: Link, now: datetime) -> Together:
    """``partner_view``, ``shared_categories`` and ``status_of`` for ``user`` and their (standing) ``link``, with
    one read of the shares and one of the statuses for both.

    The partner's consent decides what ``user`` is shown of them. ``user``'s own choices (``shared``) are shown to
    ``user`` alone, as the ticks of their own form, and are not asked about ``user``'s consent: the page that
    shows them is behind the consent door, and what the partner sees of ``user`` is asked of ``user``'s consent
    on the partner's page, through ``partner_view``."""
    partner = link.partner
    chosen = _chosen([user, partner])
    # The partner's consent is asked only when they chose something to show.
    theirs = _in_order(chosen[partner.pk]) if chosen[partner.pk] and has_core_consent(partner) else []
    mine = _in_order(chosen[user.pk])
    statuses = {row.owner_id: row for row in StatusRow.objects.filter(owner__in=[user.pk, partner.pk])}
    return Together(
        view=_partner_view(link, theirs, now, status=statuses.get(partner.pk)),
        shared=mine,
        status=statuses.get(user.pk),
    )


def invite_active(*, owner, now: datetime) -> Invite | None:
    return Invite.objects.filter(owner=owner, spent=False, expires_at__gt=now).first()


@dataclass(frozen=True)
class AccessDay:
    """A day on which the owner's partner was shown something of theirs, and what (never how often)."""

    day: date
    shown: tuple[str, ...]  # the labels, in the log's order


def access_days(*, owner, limit: int = 60) -> list[AccessDay]:
    """The owner's access log a day at a time, newest first, from its newest ``limit`` rows (a row is a day and
    a category)."""
    labels = dict(ACCESS_CHOICES)
    days: dict[date, list[str]] = {}
    for category, day in AccessRecord.objects.filter(owner=owner).values_list("category", "day")[:limit]:
        days.setdefault(day, []).append(labels[category])
    return [AccessDay(day=day, shown=tuple(shown)) for day, shown in days.items()]


def emergency_resets(*, owner) -> list[date]:
    return list(EmergencyReset.objects.filter(owner=owner).order_by("-done_on").values_list("done_on", flat=True))


@dataclass(frozen=True)
class SafetyCheck:
    link: Link | None
    shared: list[Category]
    sessions: list
    authenticators: list[str]
    emails: list[tuple[str, bool]]  # (address, confirmed)
    check_ins_shown: int = 0  # weeks of one's check-in shown to the partner linked now
    pattern_chosen: bool = False  # one chose to see the couple's pattern with them


def _shown_beyond_categories(user, link) -> dict:
    if link is None:
        return {}
    return {
        "check_ins_shown": CheckIn.objects.filter(owner=user, shared_with=link.partner).count(),
        "pattern_chosen": PatternConsent.objects.filter(owner=user, partner=link.partner).exists(),
    }


def widens_sharing(*, user, now: datetime, check_in_week_shown: bool = False, pattern: bool = False) -> bool:
    """Whether showing this week's check-in (``check_in_week_shown``) or choosing to see the couple's pattern
    (``pattern``) would let the linked partner see something of ``user`` they do not see now. Two queries; False
    when not linked (nothing is shown to anyone then)."""
    link = link_for(user=user)
    if link is None:
        return False
    if check_in_week_shown:
        this_week = week_start(now, user.zone).date()
        return not CheckIn.objects.filter(owner=user, shared_with=link.partner, week=this_week).exists()
    if pattern:
        return not PatternConsent.objects.filter(owner=user, partner=link.partner).exists()
    return False


# allauth's own names ("TOTP Authenticator", "WebAuthn") say nothing to most people; these are the two-step
# pages' words.
TWO_STEP_IN_WORDS = {
    "totp": "an authenticator app",
    "webauthn": "a passkey or security key",
    "recovery_codes": "recovery codes",
}


def safety_check(*, user, link=READ) -> SafetyCheck:
    """Everything that lets anyone else into the person's account or see part of it now, on one page. What has
    happened (the days the partner was shown what, one's emergency resets) is on a page of its own."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    link = _link(user, link)
    return SafetyCheck(
        link=link,
        shared=shared_categories(owner=user, link=link),
        sessions=sorted(UserSession.objects.purge_and_list(user), key=lambda s: s.last_seen_at, reverse=True),
        authenticators=[
            TWO_STEP_IN_WORDS.get(kind, "another kind")
            for kind in Authenticator.objects.filter(user=user).order_by("type").values_list("type", flat=True)
        ],
        emails=list(
            EmailAddress.objects.filter(user=user).order_by("-primary", "email").values_list("email", "verified")
        )
        or ([(user.email, False)] if user.email else []),
        **_shown_beyond_categories(user, link),
    )


@dataclass(frozen=True)
class Reassurance:
    history: list[ReassuranceRequest]  # both ways, newest first
    to_answer: list[ReassuranceRequest]  # asked of this person, not answered yet
    tool_first: bool  # this person has asked twice today already
    lines: tuple[str, ...]  # the history as the page says it, a line each


def _line(item: ReassuranceRequest, asked_by: str) -> str:
    """One request between the two as one line, in words: the day, who asked, the request and its answer."""
    request = REQUESTS.get(item.request, item.request)
    answer = f'answered "{ANSWERS.get(item.answer, item.answer)}"' if item.answer else "not answered yet"
    return f'{item.asked_on.day} {item.asked_on:%b}: {asked_by} "{request}", {answer}'


def reassurance(*, user, now: datetime, limit: int = 8, link=READ) -> Reassurance | None:
    """The requests between ``user`` and their linked partner; None when not linked."""
    link = _link(user, link)
    if link is None:
        return None
    between = ReassuranceRequest.objects.filter(
        owner__in=[user.pk, link.partner_id], answerer__in=[user.pk, link.partner_id]
    )
    history = list(between[:limit])  # newest day first
    today = now.astimezone(user.zone).date()
    if len(history) < limit or history[-1].asked_on < today:
        # Every request of today is in the history already: counted there, without a second query.
        asked_today = sum(1 for item in history if item.owner_id == user.pk and item.asked_on == today)
    else:
        asked_today = between.filter(owner=user, asked_on=today).count()
    asked_by = {user.pk: "you asked", link.partner_id: f"{person_name(link.partner)} asked"}
    return Reassurance(
        history=history,
        to_answer=[item for item in history if item.answerer_id == user.pk and not item.answer],
        tool_first=tool_first(asked_today),
        lines=tuple(_line(item, asked_by[item.owner_id]) for item in history),
    )


@dataclass(frozen=True)
class TimeOuts:
    """A person's side of time-outs: the terms, an open time-out, and the partner's returns as evidence."""

    agreement: TimeoutAgreement | None  # agreed: one's own when not linked, the couple's when linked
    proposed_by_me: TimeoutAgreement | None  # waiting for the partner to accept
    proposed_to_me: TimeoutAgreement | None  # waiting for this person to accept
    steps: tuple[int, ...]  # the return times (minutes from now) a time-out may be started with
    mine: TimeOut | None  # this person stepped away
    theirs: TimeOut | None  # the partner stepped away
    came_back: int  # the partner's time-outs this person waited through, back on time or within the grace
    of: int  # ... of all of those that ended with a return or whose time and grace have passed


def _returns(between, open_now: list[TimeOut], partner: int, now: datetime) -> tuple[int, int]:
    """The partner's returns: (back on time or within the grace, of all that ended with a return or whose time and
    grace have passed). Counted by whether each time-out ended and whether the return was kept: a handful of rows,
    however long the history."""
    counted = list(between.values_list("owner_id", "ended", "kept").annotate(Count("pk")).order_by())
    came_back = sum(n for owner, _, kept, n in counted if owner == partner and kept)
    of = sum(n for owner, _, kept, n in counted if owner == partner and kept is not None) + sum(
        1 for t in open_now if t.owner_id == partner and return_overdue(planned=t.return_at, now=now)
    )
    return came_back, of


def timeouts(*, user, now: datetime, link=READ, terms: bool = True) -> TimeOuts:
    """Time-outs as ``user`` sees them. Not linked: only their own agreement "for myself".

    Linked, ``terms`` False (the Together page) reads only what waits there: an open time-out, and the partner's
    returns while the partner is away (the evidence is for the one waiting). The terms, the proposals and the
    return times to start with are on the time-out page (``terms`` True)."""
    link = _link(user, link)
    if link is None:
        solo = TimeoutAgreement.objects.filter(owner=user, partner=None).first()
        return TimeOuts(solo, None, None, (), None, None, 0, 0)
    partner = link.partner_id
    between = TimeOut.objects.filter(owner__in=[user.pk, partner], waiter__in=[user.pk, partner])
    if not terms:
        open_now = list(between.filter(ended=False))  # most of the time none
        theirs = next((t for t in open_now if t.owner_id == partner), None)
        came_back, of = _returns(between, open_now, partner, now) if theirs else (0, 0)
        mine = next((t for t in open_now if t.owner_id == user.pk), None)
        return TimeOuts(None, None, None, (), mine, theirs, came_back, of)
    agreements = list(TimeoutAgreement.objects.filter(owner__in=[user.pk, partner], partner__in=[user.pk, partner]))
    agreed = next((t for t in agreements if t.accepted_on is not None), None)
    pending = [t for t in agreements if t.accepted_on is None]
    open_now = list(between.filter(ended=False))
    came_back, of = _returns(between, open_now, partner, now)
    return TimeOuts(
        agreement=agreed,
        proposed_by_me=next((t for t in pending if t.owner_id == user.pk), None),
        proposed_to_me=next((t for t in pending if t.owner_id == partner), None),
        steps=return_steps(agreed.longest_minutes) if agreed else (),
        mine=next((t for t in open_now if t.owner_id == user.pk), None),
        theirs=next((t for t in open_now if t.owner_id == partner), None),
        came_back=came_back,
        of=of,
    )


@dataclass(frozen=True)
class CheckInAnswers:
    """One week's check-in as read on a page: the week (a day, never a time) and each question with its answer."""

    week: date
    answers: tuple[tuple[str, str], ...]  # (question, answer), unanswered ones left out
    shared: bool


def _answers(row: CheckIn) -> CheckInAnswers:
    return CheckInAnswers(
        week=row.week,
        answers=tuple((question, getattr(row, key)) for key, question, _ in CHECK_IN_QUESTIONS if getattr(row, key)),
        shared=row.shared_with_id is not None,
    )


@dataclass(frozen=True)
class CheckIns:
    this_week: CheckIn | None  # one's own answers this week, to change
    theirs: list[CheckInAnswers]  # the linked partner's newest, only the weeks they chose to show this person


def check_ins(*, user, now: datetime, limit: int = 1, link=READ) -> CheckIns:
    """``user``'s own check-in this week, and the newest ``limit`` weeks their linked partner shows them (the
    earlier weeks of both are read a few at a time, by ``check_ins_earlier``).

    A partner's answers are a second door to their words, next to ``partner_view``, and held as tightly: only
    while both sides of the link stand, only the weeks shown to this person, and nothing while the partner has
    withdrawn their consent. The week is all that says when.
    """
    return CheckIns(
        this_week=CheckIn.objects.filter(owner=user, week=week_start(now, user.zone).date()).first(),
        theirs=[_answers(row) for row in _shown_to(user, _link(user, link))[:limit]],
    )


def _shown_to(user, link: Link | None):
    """The weeks ``user``'s linked partner shows them, newest first, as a query; none while the partner has
    withdrawn their consent or when not linked. Kept as a query so that each page takes only the weeks it shows."""
    if link is None or not has_core_consent(link.partner):
        return CheckIn.objects.none()
    return CheckIn.objects.filter(owner=link.partner, shared_with=user)


# The earlier check-ins are read a few weeks at a time: both people's answers for the same weeks, side by side.
EARLIER_WEEKS = 4


@dataclass(frozen=True)
class EarlierCheckIns:
    since: date  # the first Monday of the weeks read
    before: date  # the Monday after the last
    mine: list[CheckInAnswers]  # one's own answers in those weeks, newest first
    theirs: list[CheckInAnswers]  # the partner's in those weeks, only those shown to this person
    older: date | None  # the ``before`` of the weeks before these; None when one's account is younger


def check_ins_earlier(*, user, before: date, link=READ) -> EarlierCheckIns:
    """``user``'s check-ins and those their partner shows them for the ``EARLIER_WEEKS`` weeks before ``before``,
    through the same door as ``check_ins``: only while both sides of the link stand, only the weeks shown to
    ``user``, and nothing while the partner has withdrawn their consent."""
    since = before - timedelta(weeks=EARLIER_WEEKS)
    within = {"week__gte": since, "week__lt": before}
    return EarlierCheckIns(
        since=since,
        before=before,
        mine=[_answers(row) for row in CheckIn.objects.filter(owner=user, **within)],
        theirs=[_answers(row) for row in _shown_to(user, _link(user, link)).filter(**within)],
        older=since if weeks_before(user=user, week=since) else None,
    )


def weeks_before(*, user, week: date) -> bool:
    """Whether ``user`` may have check-ins from before ``week`` (their own, or shown by a partner): whether their
    account is older. Asked of the account, not of the rows, so that no page reads every week to know."""
    return week > user.date_joined.astimezone(user.zone).date()


def attachment_scores(*, user) -> tuple[float, float] | None:
    """``user``'s (anxiety, avoidance) from their newest ECR-RS about a partner or ECR-R; None without either.
    One query: the newest of the two kinds together."""
    newest = (
        completed(user)
        .filter(instrument__in=[ECR_RS_ROMANTIC.slug, ECR_R.slug])
        .order_by("-completed_at", "-pk")
        .first()
    )
    if newest is None or newest.anxiety is None or newest.avoidance is None:
        return None
    return float(newest.anxiety), float(newest.avoidance)


@dataclass(frozen=True)
class CouplePattern:
    chosen: bool  # this person chose to see it (their own choice, shown back to them)
    has_scores: bool  # this person has an ECR-RS or ECR-R of their own
    pattern: Pattern | None  # only when both chose it, both have scores and both consent to the app


def couple_pattern_for(*, user, link=READ) -> CouplePattern | None:
    """The couple's pattern as ``user`` sees it; None when not linked.

    Whatever keeps it hidden on the partner's side (not chosen yet, withdrawn, no check-in, consent to the app
    withdrawn) reads the same: ``pattern`` None, and nothing else of the partner's is said. The partner's scores
    themselves never leave this function.
    """
    link = _link(user, link)
    if link is None:
        return None
    partner = link.partner
    chose = set(
        PatternConsent.objects.filter(Q(owner=user, partner=partner) | Q(owner=partner, partner=user)).values_list(
            "owner_id", flat=True
        )
    )
    mine = user.pk in chose
    own_scores = attachment_scores(user=user)
    pattern = None
    if mine and own_scores is not None and partner.pk in chose and has_core_consent(partner):
        their_scores = attachment_scores(user=partner)
        if their_scores is not None:
            pattern = couple_pattern(own_scores, their_scores)
    return CouplePattern(chosen=mine, has_scores=own_scores is not None, pattern=pattern)
