"""What the partner is shown, worked out from the owner's own figures: last finished week's band, the stage."""

from datetime import timedelta

from django.utils import timezone

from earnedsecure.diary.services import activation_create
from earnedsecure.domain.progress.figures import week_start
from earnedsecure.domain.together.sharing import WEEK_BAND_TEXT, Category, WeekBand
from earnedsecure.partners import selectors, services
from tests.partners.helpers import link


def _shown(viewer, now):
    return {item.category: item.text for item in selectors.partner_view(viewer=viewer, now=now).shown}


def test_last_week_harder_than_the_weeks_before(alice, bob):
    now = timezone.now()
    last_monday = week_start(now, alice.zone) - timedelta(days=7)
    for days_back in (10, 12, 15, 18):
        activation_create(
            owner=alice, trigger="uncertainty", intensity=3, occurred_at=last_monday - timedelta(days=days_back - 7)
        )
    for day in (1, 3):
        activation_create(
            owner=alice, trigger="uncertainty", intensity=9, occurred_at=last_monday + timedelta(days=day)
        )
    link(alice, bob)
    services.categories_choose(owner=alice, categories={Category.WEEK, Category.STAGE})
    before = _shown(bob, now)
    assert before[Category.WEEK] == WEEK_BAND_TEXT[WeekBand.HARDER]
    # This week's entries, today's included, change nothing until the week is over.
    activation_create(owner=alice, trigger="uncertainty", intensity=1, occurred_at=now - timedelta(minutes=5))
    assert _shown(bob, now) == before


def test_too_little_in_the_diary_says_so(alice, bob):
    link(alice, bob)
    services.categories_choose(owner=alice, categories={Category.WEEK})
    assert _shown(bob, timezone.now()) == {Category.WEEK: "Not enough in the diary last week to say."}
