"""Every link on the pages that send a person to a soothing tool or a practice opens, for its owner, with 200.

The review of November 2026 found 7 of 16 lessons' practice buttons, the self-compassion program's urge-timer
button and home's "Try 4-7-8 breathing" answering 404: one module built tool URLs from the stored keys
("grounding_54321") while the pages live at the slugs ("grounding"). Now both come from the cycle's vocabulary
(domain/cycle); this walks every lesson, every week of every program, home in the states that change its next
step, the diary's pages and the coach's, and follows every link in their <main>.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from earnedsecure.coach.models import MessageDraft
from earnedsecure.content.loader import load_lessons, load_programs
from earnedsecure.diary import services as diary
from earnedsecure.diary.tools import tool_url
from earnedsecure.domain import cycle
from earnedsecure.journey import services as journey
from earnedsecure.journey.practices import practice_url
from tests.links import main_links


class Walk:
    """Visit pages and follow each internal link in their <main> once; remember what every link answered."""

    def __init__(self, client) -> None:
        self.client = client
        self.answers: dict[str, int] = {}

    def page(self, path: str) -> list[str]:
        response = self.client.get(path)
        assert response.status_code == 200, path
        hrefs = [href for href in main_links(response.content.decode()) if href.startswith("/")]
        for href in hrefs:
            if href not in self.answers:
                answer = self.client.get(href)
                if answer.status_code == 301:  # a page that moved for good (reminders, to the account) still opens
                    answer = self.client.get(answer["Location"])
                self.answers[href] = answer.status_code
        return hrefs

    def broken(self) -> dict[str, int]:
        return {href: status for href, status in self.answers.items() if status != 200}

    def opened(self, url: str) -> bool:
        """Whether a link to ``url`` (with or without a query) was followed and answered 200."""
        return any(href.split("?")[0] == url and status == 200 for href, status in self.answers.items())


@pytest.fixture
def walk(alice_client):
    return Walk(alice_client)


def test_every_link_in_every_lesson_opens(walk):
    for lesson in load_lessons():
        walk.page(f"/learn/{lesson.slug}/")
    assert walk.broken() == {}
    for lesson in load_lessons():
        assert walk.opened(practice_url(cycle.PRACTICES.get(lesson.practice_tool))), lesson.slug


def test_every_link_in_every_week_of_every_program_opens(walk, alice):
    now = timezone.now()
    for program in load_programs():
        for week in program.week_plans:
            started = now - timedelta(days=7 * (week.number - 1), hours=1)
            journey.program_enrol(user=alice, slug=program.slug, now=started)
            walk.page(f"/learn/programs/{program.slug}/")
            assert walk.opened(practice_url(cycle.PRACTICES.get(week.daily_practice_tool))), (program.slug, week)
    assert walk.broken() == {}


def test_every_link_on_home_opens_whatever_the_next_step(walk, alice):
    now = timezone.now()
    # Nothing read yet: the next step is a lesson.
    walk.page("/home/")
    # Every lesson read, no tool used yet: "Try 4-7-8 breathing".
    for lesson in load_lessons():
        journey.lesson_mark_read(user=alice, slug=lesson.slug)
    walk.page("/home/")
    assert walk.opened(tool_url(cycle.BREATHING_478))
    # Grounding reliably helps (a tool whose slug is not its key): "Practise 5-4-3-2-1 grounding".
    for drop in (4, 5, 4, 5, 4, 5):
        diary.tool_session_record(owner=alice, tool="grounding_54321", distress_before=8, distress_after=8 - drop)
    walk.page("/home/")
    assert walk.opened(tool_url(cycle.GROUNDING_54321))
    # An entry from this morning, not yet followed up: "What actually happened?".
    diary.activation_create(owner=alice, trigger="uncertainty", intensity=6, occurred_at=now - timedelta(hours=5))
    walk.page("/home/")
    assert walk.broken() == {}


def test_every_link_on_the_diary_pages_opens(walk, alice):
    now = timezone.now()
    entries = [
        diary.activation_create(
            owner=alice,
            trigger=trigger.key,
            intensity=5,
            occurred_at=now - timedelta(days=3, hours=index),
            urges=[cycle.PROTEST_BEHAVIOURS.keys[index % len(cycle.PROTEST_BEHAVIOURS)]],
            response=response.key,
            protest_result="backfired" if response.key == "protest" else "",
        )
        for index, (trigger, response) in enumerate(zip(cycle.TRIGGERS, cycle.RESPONSES, strict=True))
    ]
    waiting = diary.activation_create(owner=alice, trigger="threat", intensity=7, occurred_at=now - timedelta(hours=4))
    for tool in cycle.TOOLS:
        diary.tool_session_record(owner=alice, tool=tool.key, distress_before=7, distress_after=4)
    diary.savouring_create(owner=alice, what_happened="A long walk together")

    pages = ["/diary/", "/diary/activated/", "/diary/tools/", "/diary/insights/", "/diary/good-moments/"]
    pages += [f"/diary/{entry.pk}/?saved=1" for entry in [*entries, waiting]]
    pages += [f"/diary/{waiting.pk}/follow-up/", f"/diary/tools/?activation={waiting.pk}"]
    pages += [tool_url(tool) for tool in cycle.TOOLS]
    for page in pages:
        walk.page(page)
    assert walk.broken() == {}
    assert all(walk.opened(tool_url(tool)) for tool in cycle.TOOLS)  # the tools page links them all
    assert walk.opened(tool_url(cycle.URGE_SURFING))  # "Start the urge timer" after "Wait it out"


def test_every_link_on_the_coach_pages_opens(walk, alice, alice_client):
    for _ in range(3):
        MessageDraft.objects.create(
            owner=alice, draft="Do you still love me?", is_reassurance_request=True, created_at=timezone.now()
        )
    for page in ["/think/", "/think/messages/new/", "/think/thoughts/new/"]:
        walk.page(page)
    assert all(walk.opened(tool_url(tool)) for tool in cycle.QUICK_CALMING_TOOLS)  # "Maybe soothe first"
    assert walk.broken() == {}
    # "Wait first" saves the draft and opens the urge timer.
    waited = alice_client.post("/think/messages/new/", {"draft": "Why aren't you answering??", "action": "wait"})
    assert waited.status_code == 302
    assert alice_client.get(waited["Location"]).status_code == 200
