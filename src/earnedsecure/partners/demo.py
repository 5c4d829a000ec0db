"""The demo couple: Sam (the demo person) and Alex, linked for the months of the demo, so a newcomer sees
Together working from either login.

The story, in the report's spirit: early on Sam asks Alex for reassurance a few times a week, and less often as
the months pass; Alex answers nearly every time. They agreed time-out terms in the first weeks (an hour at most,
back in the kitchen); time-outs come every couple of weeks, mostly Alex stepping away, and nearly every return is
kept. Most weeks both answer the weekly check-in and show it to the other. Both chose to see their pattern;
Alex's ECR-RS leans avoidant. Each shows the other how they are; Sam also shows how last week went.

The link, the terms, time-outs and check-ins go through the partners services (with the moment it happened as
``now``), as the pages would write them; the many plain rows (reassurance requests and the access log's days) are
written in one go each, with the same values the services would give them, to keep ``earnedsecure demo`` fast.
Deterministic for a given random generator.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from earnedsecure.domain.progress.figures import week_start
from earnedsecure.domain.together.sharing import ANSWERS, REQUESTS, Category, Status
from earnedsecure.partners import services
from earnedsecure.partners.models import AccessRecord, ReassuranceRequest

WENT_WELL = (
    "Cooking together on Sunday.",
    "You asked about my interview before I said anything.",
    "We laughed a lot on the walk to the market.",
    "The quiet evening with the film.",
    "You texted when your train was late.",
    "We sorted the holiday dates without a fight.",
)
FELT_CLOSE = (
    "When you held my hand at your sister's.",
    "Reading side by side on Saturday morning.",
    "When you said you were proud of me.",
    "Making breakfast together before work.",
    "Talking late on Friday about when we met.",
)
NEED_NEXT = (
    "A proper evening together, phones away.",
    "A message at lunch on my long day.",
    "Ten minutes to talk about money, not more.",
    "A walk at the weekend, just us.",
    "Some time to myself on Thursday, and I'll be back for dinner.",
)


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def seed(*, user, months, rng, now):
    from earnedsecure.assessments.demo import answers_for_means
    from earnedsecure.assessments.services import instrument_enabled, response_submit
    from earnedsecure.core.demo import demo_partner
    from earnedsecure.domain.instruments import get_instrument

    sam, alex = user, demo_partner()
    span_days = months * 30
    linked_at = _at(now - timedelta(days=span_days - 5), 20).astimezone(sam.zone)
    code = services.invite_create(owner=sam, now=linked_at)
    services.invite_accept(user=alex, typed=code, now=linked_at + timedelta(minutes=10))
    services.status_choose(owner=sam, status=Status.OKAY, now=now - timedelta(days=1))
    services.status_choose(owner=alex, status=Status.OKAY, now=now - timedelta(days=2))
    services.categories_choose(owner=sam, categories={Category.STATUS, Category.WEEK})
    services.categories_choose(owner=alex, categories={Category.STATUS})

    # Time-out terms agreed while calm, in the first week.
    terms_day = linked_at + timedelta(days=4)
    proposed = services.timeout_agreement_propose(owner=sam, longest_minutes=60, place="kitchen", now=terms_day)
    services.timeout_agreement_accept(user=alex, pk=proposed.pk, now=terms_day + timedelta(hours=1))

    days = span_days - 6
    requests, answers = list(REQUESTS), list(ANSWERS)
    asked_rows, seen_days = [], []
    for offset in range(1, days):
        day = linked_at + timedelta(days=offset)
        progress = offset / days
        # Reassurance: about three a week at first, about one a week by the end; all answered.
        if rng.random() < 0.42 - 0.28 * progress:
            asked_at = _at(day, rng.choice((8, 12, 18, 21)), rng.randrange(60))
            answered = offset < days - 1 or rng.random() < 0.5  # only the newest may still wait
            asked_rows.append(
                ReassuranceRequest(
                    owner=sam,
                    answerer=alex,
                    request=rng.choice(requests),
                    asked_on=services.local_day(sam, asked_at),
                    answer=rng.choice(answers) if answered else "",
                    answered_on=services.local_day(alex, asked_at + timedelta(minutes=25)) if answered else None,
                )
            )
        # A time-out every couple of weeks, mostly Alex stepping away; nearly every return kept.
        if offset > 7 and rng.random() < 0.07:
            stepping_away = alex if rng.random() < 0.75 else sam
            started = _at(day, 20, rng.randrange(30))
            minutes = rng.choice((30, 45, 60))
            timeout = services.timeout_start(owner=stepping_away, minutes=minutes, now=started)
            late = rng.random() < 0.1
            back = started + timedelta(minutes=minutes + (40 if late else -rng.randrange(0, 10)))
            services.timeout_end(user=stepping_away, pk=timeout.pk, now=back)
        # Alex opens Together now and then and is shown what Sam shows: the days in Sam's access log.
        if rng.random() < 0.3:
            seen_days.append(services.local_day(sam, day))
    ReassuranceRequest.objects.bulk_create(asked_rows)
    AccessRecord.objects.bulk_create(
        AccessRecord(owner=sam, category=category.value, day=seen)
        for seen in sorted(set(seen_days))
        for category in (Category.STATUS, Category.WEEK)
    )

    # The weekly check-in, most weeks, Sunday evening, shown to each other.
    first_week = week_start(linked_at + timedelta(days=7), sam.zone)
    week = first_week
    while week + timedelta(days=6, hours=19) < now:
        if rng.random() < 0.8:
            sunday = week + timedelta(days=6, hours=19)
            for person in (sam, alex):
                services.check_in_save(
                    owner=person,
                    answers={
                        "went_well": rng.choice(WENT_WELL),
                        "felt_close": rng.choice(FELT_CLOSE),
                        "need_next": rng.choice(NEED_NEXT),
                    },
                    share=rng.random() < 0.9,
                    now=sunday,
                )
        week += timedelta(days=7)

    # Alex's own ECR-RS about Sam (leaning avoidant), and both chose to see their pattern.
    if instrument_enabled("ecr-rs"):
        ecr_rs = get_instrument("ecr-rs")
        for days_ago, avoidance in ((span_days - 10, 5.2), (20, 4.8)):
            response_submit(
                user=alex,
                instrument="ecr-rs",
                answers=answers_for_means(ecr_rs, {"anxiety": 2.3, "avoidance": avoidance}, rng),
                completed_at=now - timedelta(days=days_ago),
                source="demo",
            )
    services.pattern_consent_give(owner=sam, now=now - timedelta(days=12))
    services.pattern_consent_give(owner=alex, now=now - timedelta(days=11))
