"""Learning, the path, programs and reminders as a person walks them on a phone, with axe on every page."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from earnedsecure.diary.models import Activation
from earnedsecure.journey.models import LessonProgress, ProgramEnrolment, Reminder, ReminderPreference
from tests.browser.conftest import serious_axe_violations, sign_in
from tests.personas import PASSWORD

PAGES = [
    "/home/",
    "/learn/",
    "/learn/pathway/",
    "/learn/the-cycle/",
    "/learn/what-is-anxious-attachment/",
    "/learn/programs/cbt-10-week/",
    "/learn/programs/self-compassion-6-week/",
    "/account/reminders/",
]


def _history(alice):
    now = datetime.now(UTC)
    for day in range(3, 90, 4):
        when = now - timedelta(days=day)
        Activation.objects.create(
            owner=alice, occurred_at=when, trigger="unavailable", intensity=6, calm_at=when + timedelta(minutes=50)
        )
    LessonProgress.objects.create(owner=alice, lesson_slug="what-is-anxious-attachment", read_at=now)
    ProgramEnrolment.objects.create(owner=alice, program_slug="cbt-10-week", started_at=now - timedelta(days=20))
    ReminderPreference.objects.create(owner=alice, frequency="weekly")
    Reminder.objects.create(owner=alice, kind="weekly_review", key="w", due_at=now - timedelta(hours=2))


def test_the_journey_pages_are_accessible_and_load_nothing_from_elsewhere(page, alice):
    _history(alice)
    sign_in(page, "alice", PASSWORD)
    problems = {}
    for path in PAGES:
        page.goto(path)
        found = serious_axe_violations(page)
        if found:
            problems[path] = found
    assert problems == {}
    assert page.outside_requests == []


def test_stepping_through_the_cycle_one_step_at_a_time(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/learn/the-cycle/")
    steps = page.locator(".cycle__steps li")
    assert steps.count() == 7
    assert page.locator(".cycle__steps li:visible").count() == 1  # only the first step, with JavaScript on
    page.click("[data-cycle-next]")
    page.click("[data-cycle-next]")
    current = page.locator(".cycle__steps li.is-current")
    assert "Urge to protest" in current.inner_text()
    assert page.locator(".cycle__node.is-current").get_attribute("data-step") == "3"
    assert serious_axe_violations(page) == []
    page.click("[data-cycle-all]")
    assert page.locator(".cycle__steps li:visible").count() == 7


def test_reading_a_lesson_and_following_its_practice(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/learn/")
    page.click("text=What sets it off")
    page.click("button:has-text('Mark as read')")
    expect(page.locator("text=You read this on")).to_be_visible()
    page.goto("/learn/")
    assert page.locator("text=1 of 17 read").is_visible()


def test_enrolling_and_pausing_a_program(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/learn/programs/self-compassion-6-week/")
    page.click("button:has-text('Start week 1')")
    expect(page.locator("text=This week: week 1 of 6")).to_be_visible()
    page.click("button:has-text('Pause')")
    expect(page.locator("text=Paused in week 1")).to_be_visible()
    page.click("button:has-text('Resume')")
    expect(page.locator("text=This week: week 1 of 6")).to_be_visible()


def test_putting_a_reminder_away_from_home(page, alice):
    _history(alice)
    sign_in(page, "alice", PASSWORD)
    assert page.locator("text=Look back at your week").is_visible()
    page.click("button:has-text('Put away')")
    expect(page.locator("text=Look back at your week")).to_have_count(0)
