"""A brand-new person's first week in a real browser, at phone and desktop widths (issue 13's "Done when").

Day 1 they sign up, walk the four first steps and answer the first check-in; day 2 they write down an
"I'm activated" moment; day 3 a thought record; day 4 a lesson; days 5 to 7 they look at home, the diary,
insights and their check-ins. The server's clock is frozen and moved day by day (time-machine; the live
server runs in this process), the page's own clock is set to the same moment (Playwright's page.clock), and
each evening they sign in again because the day before's session has ended. On every page: no serious or
critical axe finding, nothing scrolls sideways, and what a newcomer should see is there. With
EARNEDSECURE_SHOTS=<folder> every page is also saved as a screenshot to look at.
"""

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from earnedsecure.accounts.models import User
from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.coach.models import ThoughtRecord
from earnedsecure.diary.models import Activation
from earnedsecure.journey.models import LessonProgress
from tests.browser.conftest import guarded_context, serious_axe_violations

SHOTS = os.environ.get("EARNEDSECURE_SHOTS", "")
LONDON = ZoneInfo("Europe/London")
MONDAY_EVENING = datetime(2026, 12, 7, 19, 0, tzinfo=LONDON)
PASSWORD = "a calm walk by the sea"
WIDTHS = [(320, 640), (390, 844), (1366, 768)]


class Walk:
    """The browser, the two clocks and the checks made on every page."""

    def __init__(self, page, traveller, width):
        self.page, self.traveller, self.width = page, traveller, width
        self.shot = 0
        self.moment = MONDAY_EVENING

    def evening(self, day: int, hour: int = 19, minute: int = 0) -> None:
        moment = MONDAY_EVENING.replace(hour=hour, minute=minute) + timedelta(days=day - 1)
        self.moment = moment
        self.traveller.move_to(moment)
        self.page.clock.set_system_time(moment)

    def check(self, name: str) -> None:
        page = self.page
        sideways = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert sideways <= 0, f"{name} scrolls sideways by {sideways} px at {self.width} px"
        assert serious_axe_violations(page) == [], name
        self.shot += 1
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")  # else the floating Quick exit is drawn mid-page
            page.screenshot(
                path=str(Path(SHOTS) / f"firstweek-{self.width}-{self.shot:02d}-{name}.png"), full_page=True
            )

    def sign_in(self, *, look: bool = False) -> None:
        """The day before's session has ended (idle limit): home sends the person to sign in, then back."""
        page = self.page
        page.goto("/home/")
        page.wait_for_url(re.compile(r"/accounts/login/"))
        if look:
            self.check("sign-in-next-day")
        page.fill("input[name=login]", "river")
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url("**/home/")

    def nav(self, label: str, url: str) -> None:
        self.page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True).click()
        self.page.wait_for_url(url)


def _day_1_sign_up_first_steps_and_a_check_in(walk: Walk) -> None:
    page = walk.page
    page.goto("/")
    walk.check("landing")
    page.goto("/accounts/signup/")
    walk.check("sign-up")
    page.fill("input[name=username]", "river")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=adult]")
    page.get_by_role("button", name="Create my account").click()

    page.wait_for_url("**/welcome/")
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    walk.check("welcome-1-about")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/account/consent/")
    expect(page.get_by_text("Step 2 of 4")).to_be_visible()
    walk.check("welcome-2-consent")
    page.check("input[name=agree]")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/welcome/place/")
    assert page.input_value("select[name=time_zone]") == "Europe/London"  # from the browser, at sign-up
    assert page.input_value("select[name=country]") == "GB"
    walk.check("welcome-3-place")
    page.get_by_role("button", name="This is right, continue").click()
    page.wait_for_url("**/welcome/first-step/")
    walk.check("welcome-4-first-step")
    page.get_by_role("button", name="How you feel in close relationships").click()

    # The ECR-R, every item answered through the real form, page by page.
    page.wait_for_url("**/check-ins/ecr-r/")
    pages = int(page.locator("#progress-text").inner_text().split(" of ")[1])
    answered = 0
    for number in range(1, pages + 1):
        expect(page.locator("#progress-text")).to_have_text(f"Page {number} of {pages}")
        walk.check(f"ecr-r-page-{number}")
        for question in page.locator("fieldset.question").all():
            question.locator("input[type=radio]").nth(answered * 3 % 7).check()
            answered += 1
        with page.expect_navigation():
            page.get_by_role("button", name="See my results" if number == pages else "Next").click()
    assert answered == 36
    page.wait_for_url("**/check-ins/results/*/")
    assert "prototype" not in page.locator("main").inner_text().lower()  # the result in words, not jargon
    walk.check("ecr-r-result")

    # Paced: right after the first questionnaire nothing else is due today; the others are coming up.
    page.goto("/check-ins/")
    expect(page.get_by_role("heading", name="Ready when you are")).to_have_count(0)
    expect(page.locator("[data-coming-up]")).to_contain_text("Your mood over the last two weeks")
    walk.check("check-ins-day-1")
    assert InstrumentResponse.objects.get(owner__username="river").status == "complete"
    person = User.objects.get(username="river")
    assert (person.onboarding, person.country, person.time_zone) == ("done", "GB", "Europe/London")


def _day_2_im_activated(walk: Walk) -> None:
    page = walk.page
    walk.evening(2, 20, 30)
    walk.sign_in(look=True)
    walk.check("home-day-2")
    # The next day, the next questionnaire, and only that one.
    walk.nav("Check-ins", "**/check-ins/")
    ready = page.get_by_role("region", name="Ready when you are")
    expect(ready).to_contain_text("Your mood over the last two weeks")
    expect(ready).not_to_contain_text("Worry")
    walk.check("check-ins-day-2")

    page.click("a.activated-now")
    page.wait_for_url("**/diary/activated/")
    expect(page.locator("[data-flow-progress]")).to_have_text("Step 1 of 5")
    walk.check("activated-step-1")
    page.click("[data-step]:visible [data-next]")
    page.click("label[for=id_trigger_0]")
    page.fill("#id_trigger_note", "No reply since lunch")
    page.click("label[for=id_intensity_7]")
    walk.check("activated-step-2")
    page.click("[data-step]:visible [data-next]")
    page.fill("#id_thought", "They're pulling away from me")
    walk.check("activated-step-3")
    page.click("[data-step]:visible [data-next]")
    page.click("label[for=id_response_0]")
    walk.check("activated-step-4")
    page.click("[data-step]:visible [data-next]")
    walk.check("activated-step-5")
    page.click("button[type=submit]:visible")
    page.wait_for_url("**/?saved=1")
    expect(page.locator("main")).to_contain_text("Saved")
    walk.check("activated-saved")
    activation = Activation.objects.get(owner__username="river")
    assert activation.intensity == 7
    assert activation.occurred_at == timezone.now() == walk.moment  # saved at the frozen moment

    page.goto("/home/")
    week = page.get_by_role("region", name="This week and your start")
    expect(week).to_contain_text("1 so far this week")  # home shows the activation, without a false comparison
    expect(week).not_to_contain_text("→")
    walk.check("home-after-activation")


def _day_3_thought_record(walk: Walk) -> None:
    page = walk.page
    walk.evening(3, 21, 15)
    walk.sign_in()
    # A day after the entry, home's one next step is to close its loop.
    expect(page.get_by_role("region", name=re.compile("What actually happened"))).to_be_visible()
    walk.check("home-day-3")
    walk.nav("Think", "**/think/")
    walk.check("think")
    page.get_by_role("link", name="Write down a thought").click()
    page.wait_for_url("**/think/thoughts/new/")
    page.fill("#id_situation", "Sam went quiet at dinner")
    page.fill("#id_automatic_thought", "Sam is bored of me and will leave")
    page.fill("#id_emotion", "scared")
    page.click("label[for=id_intensity_before_7]")
    walk.check("thought-start")
    page.get_by_role("button", name="Look at this thought").click()
    page.wait_for_selector("button[value=save]")
    walk.check("thought-look")
    page.fill("#id_evidence_against", "Sam had a long day and said so.")
    page.fill("#id_balanced_thought", "Sam is tired; quiet is not the same as leaving.")
    page.click("label[for=id_intensity_after_4]")
    page.click("button[value=save]")
    page.wait_for_url(re.compile(r"/think/thoughts/\d+/"))
    expect(page.locator("main")).to_contain_text("Sam is tired; quiet is not the same as leaving.")
    walk.check("thought-saved")
    record = ThoughtRecord.objects.get(owner__username="river")
    assert (record.intensity_before, record.intensity_after) == (7, 4)


def _day_4_a_lesson(walk: Walk) -> None:
    page = walk.page
    walk.evening(4, 19, 45)
    walk.sign_in()
    walk.nav("Learn", "**/learn/")
    walk.check("learn")
    expect(page.locator("main")).to_contain_text("0 of 17 read")
    page.get_by_role("link", name="What anxious attachment is").click()
    page.wait_for_url("**/learn/what-is-anxious-attachment/")
    walk.check("lesson")
    page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text("You read this on 10 December")).to_be_visible()
    walk.check("lesson-read")
    assert LessonProgress.objects.filter(owner__username="river").count() == 1


def _days_5_to_7_looking_around(walk: Walk) -> None:
    page = walk.page
    walk.evening(5, 18, 0)
    walk.sign_in()
    main = page.locator("main")
    expect(main).to_contain_text("1 of 17 lessons read")
    walk.check("home-day-5")
    # The second questionnaire, offered since Tuesday, taken today through the real form.
    walk.nav("Check-ins", "**/check-ins/")
    page.get_by_role("region", name="Ready when you are").get_by_role(
        "link", name="Your mood over the last two weeks"
    ).click()
    page.wait_for_url("**/check-ins/phq-9/")
    for number in (1, 2, 3):
        expect(page.locator("#progress-text")).to_have_text(f"Page {number} of 3")
        if number == 1:
            walk.check("phq-9-page-1")
        for question in page.locator("fieldset.question").all():
            question.get_by_label("Not at all", exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="See my results" if number == 3 else "Next").click()
    page.wait_for_url("**/check-ins/results/*/")
    walk.check("phq-9-result")

    walk.evening(6, 20, 0)
    walk.sign_in()
    walk.nav("Diary", "**/diary/")
    expect(main).to_contain_text("Tue 8 Dec, 20:30")  # Tuesday's entry, in the person's own time
    expect(main).to_contain_text("What actually happened?")  # a few days on, the loop is there to close
    walk.check("diary-day-6")
    page.goto("/diary/insights/")
    assert page.locator("main svg").count() == 0  # one entry draws no chart
    walk.check("insights-day-6")

    walk.evening(7, 19, 30)
    walk.sign_in()
    walk.nav("Check-ins", "**/check-ins/")
    # Two days after the second questionnaire, the third; the second is not asked again for two weeks.
    ready = page.get_by_role("region", name="Ready when you are")
    expect(ready).to_contain_text("Worry and nerves over the last two weeks")
    expect(ready).not_to_contain_text("Your mood")
    expect(ready).not_to_contain_text("How you feel with your partner")
    walk.check("check-ins-day-7")
    assert InstrumentResponse.objects.filter(owner__username="river", status="complete").count() == 2


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_newcomer_lives_the_first_week(browser, live_server, transactional_db, width, height):
    with time_machine.travel(MONDAY_EVENING, tick=False) as traveller:
        outside = []
        context = guarded_context(
            browser,
            live_server.url,
            outside,
            viewport={"width": width, "height": height},
            timezone_id="Europe/London",
            locale="en-GB",
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.clock.install(time=MONDAY_EVENING)
        walk = Walk(page, traveller, width)
        try:
            _day_1_sign_up_first_steps_and_a_check_in(walk)
            _day_2_im_activated(walk)
            _day_3_thought_record(walk)
            _day_4_a_lesson(walk)
            _days_5_to_7_looking_around(walk)
        finally:
            context.close()
        assert outside == []
