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
