from django.utils import timezone

from earnedsecure.core.demo import demo_create
from earnedsecure.journey.models import LessonProgress, PathwayStageReached, ProgramEnrolment, Reminder
from earnedsecure.journey.selectors import home_view, programs


def test_the_demo_person_tells_a_six_month_story(db):
    user = demo_create(months=6)
    assert LessonProgress.objects.filter(owner=user).count() == 10
    states = {state.program.slug: state for state in programs(user=user, now=timezone.now())}
    assert states["cbt-10-week"].finished
    assert states["self-compassion-6-week"].week == 4
    stages = list(PathwayStageReached.objects.filter(owner=user).order_by("reached_at").values_list("stage", flat=True))
    assert stages[:2] == ["awareness", "experimenting"]
    assert Reminder.objects.filter(owner=user, dismissed_at__isnull=True).count() >= 1
    assert ProgramEnrolment.objects.filter(owner=user).count() == 2
    view = home_view(user=user, now=timezone.now())
    assert view.pathway.pathway.current in {"experimenting", "automatic"}
    assert view.reminders


def test_a_demo_over_a_year_honestly_reaches_the_top_stage_and_it_lapses_with_a_recent_item_9_answer(db):
    from datetime import timedelta

    from earnedsecure.assessments.models import InstrumentResponse
    from earnedsecure.domain.progress.pathway import STAGE_ORDER, Stage

    now = timezone.now()
    user = demo_create(months=12, now=now)
    pathway = home_view(user=user, now=now).pathway.pathway
    assert pathway.reached == STAGE_ORDER
    assert all(progress.met for progress in pathway.stages)
    assert set(PathwayStageReached.objects.filter(owner=user).values_list("stage", flat=True)) == set(STAGE_ORDER)

    later = now + timedelta(hours=2)
    InstrumentResponse.objects.create(
        owner=user,
        instrument="phq-9",
        instrument_version="1",
        status="complete",
        started_at=later - timedelta(minutes=5),
        completed_at=later - timedelta(minutes=5),
        total=6,
        item9=1,
        safety_alert=True,
    )
    lapsed = home_view(user=user, now=later).pathway.pathway
    assert lapsed.current == Stage.AUTOMATIC and lapsed.top_lapsed and lapsed.mood_flag


def test_six_months_of_demo_history_is_not_enough_for_the_top_stage(db):
    from earnedsecure.domain.progress.pathway import Stage

    user = demo_create(months=6)
    pathway = home_view(user=user, now=timezone.now()).pathway.pathway
    assert Stage.SECURE not in pathway.reached
    assert "secure" not in set(PathwayStageReached.objects.filter(owner=user).values_list("stage", flat=True))
