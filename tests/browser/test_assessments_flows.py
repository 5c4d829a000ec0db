import random
import re

from django.utils import timezone

from earnedsecure.assessments.demo import seed
from earnedsecure.assessments.models import InstrumentResponse
from tests.assessments.helpers import ecr, submit
from tests.browser.conftest import serious_axe_violations, sign_in
from tests.personas import PASSWORD


def _answer_page(page, value_label):
    for group in page.locator("fieldset.question").all():
        group.get_by_label(value_label, exact=True).check()


def test_taking_the_phq_9_with_a_safety_answer_shows_help_first(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/check-ins/")
    page.locator("[data-all-check-ins] > summary").click()  # a newcomer's full list waits in a fold
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Start\W+Your mood over the last two weeks$")).click()
    assert page.locator("#progress-text").inner_text() == "Page 1 of 3"
    assert page.get_by_role("progressbar").get_attribute("value") == "1"
    assert serious_axe_violations(page) == []
    _answer_page(page, "Several days")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/check-ins/phq-9/?page=2")
    _answer_page(page, "Not at all")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/check-ins/phq-9/?page=3")
    page.get_by_role("group", name="7. Trouble concentrating").get_by_label("Not at all").check()
    page.get_by_role("group", name="8. Moving or speaking").get_by_label("Not at all").check()
    page.get_by_role("group", name="9. Thoughts that you would be better off dead").get_by_label("Several days").check()
    page.get_by_role("button", name="See my results").click()
    page.wait_for_url("**/check-ins/results/*/")
    response = page.locator("[data-item9-response]")
    assert response.is_visible() and "Thank you for telling us" in response.inner_text()
    assert "116 123" in page.locator("[data-risk-block]").inner_text()
    assert page.get_by_text("Minimal", exact=False).first.is_visible()
    assert serious_axe_violations(page) == []
    assert page.outside_requests == []


def test_a_missing_answer_is_pointed_out_and_the_person_can_pause_and_resume(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/check-ins/gad-7/")
    page.get_by_role("group", name="1. Feeling nervous").get_by_label("Several days").check()
    with page.expect_navigation():  # the form posts back to the same address: wait for the new page
        page.get_by_role("button", name="Next").click()
    assert page.get_by_text("Please choose an answer to go on.").first.is_visible()
    assert page.get_by_role("group", name="1. Feeling nervous").get_by_label("Several days").is_checked()
    assert serious_axe_violations(page) == []
    page.get_by_role("button", name="Save and pause").click()
    page.wait_for_url("**/check-ins/")
    with page.expect_navigation():
        page.get_by_role(
            "link", name=re.compile(r"^Carry on \(1 of 7 answered\)\W+Worry and nerves over the last two weeks$")
        ).click()
    assert page.get_by_role("group", name="1. Feeling nervous").get_by_label("Several days").is_checked()
    assert InstrumentResponse.objects.get(owner=alice).status == "in_progress"


def test_the_keyboard_alone_can_answer_a_question(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/check-ins/ecr-rs/")
    page.get_by_role("group", name="1. It helps to turn").get_by_label("Strongly disagree").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.get_by_role("group", name="1. It helps to turn").get_by_label("Somewhat disagree").is_checked()


def test_results_trajectories_and_settings_are_accessible_on_a_phone(page, alice):
    seed(user=alice, months=6, rng=random.Random(2), now=timezone.now())
    sign_in(page, "alice", PASSWORD)
    latest = InstrumentResponse.objects.filter(owner=alice, instrument="ecr-r").order_by("-completed_at").first()
    problems = {}
    for path in [
        "/check-ins/",
        f"/check-ins/results/{latest.pk}/",
        "/check-ins/ecr-r/trajectory/",
        "/check-ins/phq-9/trajectory/",
        "/check-ins/settings/",
        "/check-ins/settings/research/",
        "/check-ins/ecr-r/?page=6",
    ]:
        page.goto(path)
        found = serious_axe_violations(page)
        if found:
            problems[path] = found
        # Nothing wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    assert problems == {}
    assert page.outside_requests == []


def test_a_newcomer_gets_one_new_questionnaire_a_day_and_can_ask_for_another(page, alice):
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), timezone.now())
    sign_in(page, "alice", PASSWORD)
    page.goto("/check-ins/")
    coming = page.locator("[data-coming-up]")
    assert "Your mood over the last two weeks" in coming.inner_text()
    assert page.get_by_role("heading", name="Ready when you are").count() == 0
    assert serious_axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Do another now")).click()
    assert page.url.endswith("/check-ins/phq-9/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your mood over the last two weeks"
    page.goto("/check-ins/")
    due = page.get_by_role("region", name="Ready when you are")
    assert "Your mood over the last two weeks" in due.inner_text() and "Worry" not in due.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
