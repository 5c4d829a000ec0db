from datetime import UTC, datetime

from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.core.demo import demo_create

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_the_demo_tells_a_story_of_the_cycle_loosening(db):
    user = demo_create(months=6, now=NOW)
    records = list(ThoughtRecord.objects.filter(owner=user).order_by("created_at"))
    drafts = list(MessageDraft.objects.filter(owner=user).order_by("created_at"))
    assert len(records) == 12 and len(drafts) == 10
    assert all(r.created_at < NOW and r.intensity_after < r.intensity_before for r in records)
    early, late = records[:4], records[-4:]
    assert sum(len(r.confirmed_traps) for r in early) > sum(len(r.confirmed_traps) for r in late)
    assert sum(r.intensity_before for r in early) > sum(r.intensity_before for r in late)
    assert any(r.activation_id for r in records)
    assert all(r.activation.owner_id == user.pk for r in records if r.activation_id)
    assert all(r.activation.trigger == r.trigger for r in records if r.activation_id)
    assert all(d.protest for d in drafts[:3]) and not any(d.protest for d in drafts[-3:])
    assert all(d.outcome for d in drafts)


def test_the_demo_is_the_same_story_every_time(db):
    first = demo_create(months=3, now=NOW)
    one = list(ThoughtRecord.objects.filter(owner=first).values_list("created_at", "activation__occurred_at"))
    second = demo_create(months=3, now=NOW)
    two = list(ThoughtRecord.objects.filter(owner=second).values_list("created_at", "activation__occurred_at"))
    assert one == two
