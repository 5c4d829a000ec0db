"""A client's history made through the apps' own services, the way the pages make it."""

from datetime import timedelta

from django.utils import timezone

from earnedsecure.assessments import services as check_ins
from earnedsecure.diary import services as diary
from earnedsecure.domain.instruments import get_instrument
from earnedsecure.journey import services as journey

DIARY_WORDS = "zephyr lighthouse marmalade"  # words a client wrote, that no report may show


def phq9(person, *, total_items: int, item9: int = 0, days_ago: int = 0):
    """A PHQ-9 with ``total_items`` of the first eight items at 2 and item 9 at ``item9``."""
    items = [item.id for item in get_instrument("phq-9").items]
    answers = {item: (2 if index < total_items else 0) for index, item in enumerate(items[:8])}
    answers[items[8]] = item9
    return check_ins.response_submit(
        user=person,
        instrument="phq-9",
        answers=answers,
        completed_at=timezone.now() - timedelta(days=days_ago),
    )


def history(person, *, worse: bool = False, item9: int = 0):
    """Two PHQ-9s four weeks apart (reliably worse when asked), a week of activations and a calming tool."""
    phq9(person, total_items=1, days_ago=28)
    phq9(person, total_items=5 if worse else 1, item9=item9, days_ago=1)
    now = timezone.now()
    for day, response in ((6, "protest"), (4, "direct"), (2, "direct")):
        diary.activation_create(
            owner=person,
            trigger="uncertainty",
            intensity=7,
            occurred_at=now - timedelta(days=day, hours=2),
            thought=DIARY_WORDS,
            response=response,
            calm_at=now - timedelta(days=day, hours=1),
        )
    for _ in range(3):
        diary.tool_session_record(
            owner=person, tool="breathing_478", distress_before=8, distress_after=3, started_at=now - timedelta(days=3)
        )
    journey.pathway_record_reached(user=person, stages=["awareness"], now=now)
