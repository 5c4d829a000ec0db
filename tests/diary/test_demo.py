import random
from datetime import UTC, datetime, timedelta

from django.db.models import Avg, Count

from earnedsecure.diary import demo
from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.diary.selectors import insights

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_the_demo_tells_a_story_of_progress_with_a_setback(alice):
    demo.seed(user=alice, months=6, rng=random.Random(1), now=NOW)
    activations = Activation.objects.filter(owner=alice)
    first = activations.filter(occurred_at__lt=NOW - timedelta(days=150))
    last = activations.filter(occurred_at__gte=NOW - timedelta(days=30))
    setback = activations.filter(occurred_at__range=(NOW - timedelta(days=85), NOW - timedelta(days=55)))
    assert first.aggregate(a=Avg("intensity"))["a"] > last.aggregate(a=Avg("intensity"))["a"] + 1.5
    assert first.count() > last.count() * 2
    assert setback.aggregate(a=Avg("intensity"))["a"] > last.aggregate(a=Avg("intensity"))["a"]
    assert first.filter(response="protest").count() > last.filter(response="protest").count()
    assert (
        activations.filter(response="protest", protest_result="backfired").count()
        > activations.filter(response="protest", protest_result="worked").count()
        > 0
    )
    assert activations.exclude(outcome="").count() > 0.7 * activations.count()
    assert 30 <= ToolSession.objects.filter(owner=alice).count() <= 45
    assert 20 <= SavouringEntry.objects.filter(owner=alice).count() <= 30
    result = insights(user=alice, now=NOW)
    recovered = [m.median_recovery for m in result.months if m.median_recovery is not None]
    assert recovered[0] > 6 * 60 and recovered[-1] < 60  # hours at first, minutes now
    tools = {t.tool: t for t in result.tools}
    assert tools["breathing_478"].mean_drop > tools["grounding_54321"].mean_drop
    assert tools["urge_surfing"].mean_drop > tools["grounding_54321"].mean_drop


def test_the_demo_is_deterministic(alice, bob):
    demo.seed(user=alice, months=6, rng=random.Random(7), now=NOW)
    demo.seed(user=bob, months=6, rng=random.Random(7), now=NOW)
    shape = lambda user: list(  # noqa: E731
        Activation.objects.filter(owner=user).values_list("occurred_at", "intensity", "trigger").order_by("occurred_at")
    )
    assert shape(alice) == shape(bob)
    assert Activation.objects.filter(owner=alice).aggregate(n=Count("id"))["n"] > 50
