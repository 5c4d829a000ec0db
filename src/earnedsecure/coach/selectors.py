"""Reads for the coach pages: the reality check, recent records and drafts, today's reassurance requests,
and the one read across people: the answers to suggestions, counted for those who agreed to it.

Each selector runs a fixed, small number of SQL queries whatever the length of the person's history.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone

from earnedsecure.accounts.selectors import consenting_owner_ids, has_consent
from earnedsecure.coach.models import MessageDraft, SuggestionAnswer, ThoughtRecord
from earnedsecure.core.access import owned_queryset
from earnedsecure.diary.selectors import activations_like, savouring_with_partner

REALITY_CHECK_SIZE = 10
SAVOURING_SIZE = 3


@dataclass(frozen=True)
class PastTime:
    activation_id: int
    occurred_at: datetime
    intensity: int
    recovery_minutes: int | None
    outcome: str
    protest_result: str


@dataclass(frozen=True)
class RealityCheck:
    """ "In the past when you felt this way, here's what actually happened": the person's own record.

    The app does not judge whether each feared thing came true; it shows the person's own words about what
    happened and lets them tick the ones that turned out fine.
    """

    trigger: str
    total: int  # every past activation of this kind with an outcome written down
    past_times: tuple[PastTime, ...]  # the most recent REALITY_CHECK_SIZE of them, newest first
    average_recovery_minutes: float | None
    fastest_recovery_minutes: int | None
    slowest_recovery_minutes: int | None
    savouring: tuple  # recent SavouringEntry rows with the partner, as counter-evidence

    @property
    def shown(self) -> int:
        return len(self.past_times)


def reality_check(*, user, trigger: str, limit: int = REALITY_CHECK_SIZE) -> RealityCheck:
    """Three queries, all the diary's: the summary aggregate, the last ``limit`` outcomes, the last few
    savouring moments."""
    past = activations_like(user=user, trigger=trigger, limit=limit)
    past_times = tuple(
        PastTime(
            activation_id=a.pk,
            occurred_at=a.occurred_at,
            intensity=a.intensity,
            recovery_minutes=a.recovery_minutes,
            outcome=a.outcome,
            protest_result=a.protest_result,
        )
        for a in past.latest
    )
    return RealityCheck(
        trigger=trigger,
        total=past.total,
        past_times=past_times,
        average_recovery_minutes=past.average_recovery_minutes,
        fastest_recovery_minutes=past.fastest_recovery_minutes,
        slowest_recovery_minutes=past.slowest_recovery_minutes,
        savouring=savouring_with_partner(user=user, limit=SAVOURING_SIZE),
    )


def start_of_today(*, user, now: datetime | None = None) -> datetime:
    """Midnight today in the person's own time zone, as an aware datetime."""
    zone = user.zone
    local = (now or timezone.now()).astimezone(zone)
    return datetime.combine(local.date(), time.min, tzinfo=zone)


def reassurance_requests_today(*, user, now: datetime | None = None) -> int:
    """Saved drafts flagged as reassurance requests since midnight in the person's time zone (one query)."""
    return (
        owned_queryset(MessageDraft, user)
        .filter(is_reassurance_request=True, created_at__gte=start_of_today(user=user, now=now))
        .count()
    )


# What the Think page lists of each record and draft; the rest of their words is not shown there, so it is
# neither read nor decrypted (a record holds seven encrypted fields, a draft four).
RECORD_LINE = ("id", "automatic_thought", "intensity_before", "intensity_after", "created_at")
DRAFT_LINE = ("id", "draft", "behaviours", "outcome", "created_at")
LINE_WORDS = 70  # characters of the thought or draft a line shows


@dataclass(frozen=True, slots=True)
class ListLine:
    """One record or draft as the Think page lists it, worded here once (not by template filters per line, which
    cost more than reading the rows): the link, the first words, the local day and what came of it."""

    url: str
    words: str
    day: str
    meta: str


def _first_words(text: str) -> str:
    return text if len(text) <= LINE_WORDS else f"{text[: LINE_WORDS - 1]}\u2026"


def _day(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y}"


def recent_thought_records(*, user, limit: int = 10):
    """The latest records, newest first, with the fields of ``RECORD_LINE`` only."""
    return owned_queryset(ThoughtRecord, user).only(*RECORD_LINE).order_by("-created_at")[:limit]


def recent_message_drafts(*, user, limit: int = 10):
    """The latest drafts, newest first, with the fields of ``DRAFT_LINE`` only (``behaviours`` says whether it
    was rewritten from a protest)."""
    return owned_queryset(MessageDraft, user).only(*DRAFT_LINE).order_by("-created_at")[:limit]


def thought_record_lines(*, user, limit: int = 10) -> list[ListLine]:
    """``recent_thought_records`` as the Think page lists them: "7 \u2192 3 out of 10" once worked through."""
    lines = []
    for record in recent_thought_records(user=user, limit=limit):
        change = "" if record.intensity_after is None else f" \u2192 {record.intensity_after}"
        lines.append(
            ListLine(
                reverse("coach:thought_detail", args=[record.pk]),
                _first_words(record.automatic_thought),
                _day(record.created_at),
                f"{record.intensity_before}{change} out of 10",
            )
        )
    return lines


def message_draft_lines(*, user, limit: int = 10) -> list[ListLine]:
    """``recent_message_drafts`` as the Think page lists them: the decision written down, if any, and whether the
    draft was rewritten from a protest."""
    lines = []
    for draft in recent_message_drafts(user=user, limit=limit):
        meta = draft.get_outcome_display() if draft.outcome else "no decision written down"
        lines.append(
            ListLine(
                reverse("coach:message_detail", args=[draft.pk]),
                _first_words(draft.draft),
                _day(draft.created_at),
                f"{meta} \u00b7 rewritten from a protest" if draft.protest else meta,
            )
        )
    return lines


def thought_record_trend(*, user) -> dict:
    """How much thought records have eased the feeling, on average (one aggregate query)."""
    finished = Q(intensity_after__isnull=False)
    return owned_queryset(ThoughtRecord, user).aggregate(
        count=Count("id"),
        finished=Count("id", filter=finished),
        average_before=Avg("intensity_before", filter=finished),
        average_after=Avg("intensity_after", filter=finished),
    )


def risk_levels_since(*, user, since: datetime) -> list[tuple[datetime, str | None]]:
    """(when, risk level found at save) for each of the person's thought records and message drafts since
    ``since``, for the professional-help rule on home. One query (UNION ALL); the level is encrypted, so it is
    read here, never filtered in SQL. None on rows saved before levels were stored."""
    records = (
        owned_queryset(ThoughtRecord, user)
        .filter(created_at__gte=since)
        .values_list("created_at", "risk_level")
        .order_by()
    )
    drafts = (
        owned_queryset(MessageDraft, user)
        .filter(created_at__gte=since)
        .values_list("created_at", "risk_level")
        .order_by()
    )
    return list(records.union(drafts, all=True))


RESEARCH = "research"  # the consent purpose (accounts.Consent.Purpose.RESEARCH)


def counts_my_answers(*, user) -> bool:
    """Whether the person agrees to their answers being counted with everyone else's."""
    return has_consent(user=user, purpose=RESEARCH)


def has_had_suggestions(*, user) -> bool:
    """Whether the coach has ever suggested a thinking trap or protest behaviour to the person: only then is
    there an answer of theirs that could be counted, so only then does the Think page ask about counting."""
    return owned_queryset(SuggestionAnswer, user).filter(score__isnull=False).exists()


def suggestion_answer_counts() -> dict:
    """What the project may learn from, and only from people who agree to it now: for each thinking trap and
    protest behaviour, how often it was suggested and how often people answered "fits", "not this" or "not
    sure". No words, dates, scores or ids; traps people added themselves are not suggestions and not counted.

    One query. The names are encrypted, so they are counted here rather than grouped in SQL.
    """
    rows = SuggestionAnswer.objects.filter(owner_id__in=consenting_owner_ids(purpose=RESEARCH), score__isnull=False)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    people = set()
    for owner_id, kind, name, answer in rows.values_list("owner_id", "kind", "name", "answer").iterator():
        people.add(owner_id)
        label = counts.setdefault((kind, name), dict.fromkeys(("shown", *SuggestionAnswer.Answer.values), 0))
        label["shown"] += 1
        label[answer] += 1
    return {
        "people": len(people),
        "labels": [{"kind": kind, "name": name, **n} for (kind, name), n in sorted(counts.items())],
    }
