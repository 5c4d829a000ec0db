from django.utils import timezone

from earnedsecure.core.demo import demo_create
from earnedsecure.journey.models import LessonProgress, PathwayStageReached, ProgramEnrolment, Reminder
from earnedsecure.journey.selectors import home_view, pathway_view, programs


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
    assert pathway_view(user=user, now=timezone.now()).pathway.current in {"experimenting", "automatic"}
    view = home_view(user=user, now=timezone.now())
    assert view.path.current[0] in {"Trying new responses", "New habits taking hold"}  # as recorded
    assert view.reminders


def test_a_demo_over_a_year_honestly_reaches_the_top_stage_and_it_lapses_with_a_recent_item_9_answer(db):
    from datetime import timedelta

    from earnedsecure.assessments.models import InstrumentResponse
    from earnedsecure.domain.progress.pathway import STAGE_ORDER, Stage

    now = timezone.now()
    user = demo_create(months=12, now=now)
    pathway = pathway_view(user=user, now=now).pathway
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
    lapsed = pathway_view(user=user, now=later).pathway
    assert lapsed.current == Stage.AUTOMATIC and lapsed.top_lapsed and lapsed.mood_flag
    # Home never shows the top stage from the record, met or lapsed: it names the last stage kept.
    assert home_view(user=user, now=later).path.current[0] == "New habits taking hold"


def test_six_months_of_demo_history_is_not_enough_for_the_top_stage(db):
    from earnedsecure.domain.progress.pathway import Stage

    user = demo_create(months=6)
    pathway = pathway_view(user=user, now=timezone.now()).pathway
    assert Stage.SECURE not in pathway.reached
    assert "secure" not in set(PathwayStageReached.objects.filter(owner=user).values_list("stage", flat=True))
