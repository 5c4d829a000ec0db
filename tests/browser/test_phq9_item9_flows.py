"""PHQ-9 item 9 in the browser: the response right after "Save and pause", the home card, the doctor summary.

Set EARNEDSECURE_SHOTS to a folder to keep phone and desktop screenshots of each (and the summary's print view).
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from earnedsecure.assessments.services import response_submit
from earnedsecure.diary.models import Activation
from tests.assessments.helpers import phq9, uniform_answers
from tests.browser.conftest import serious_axe_violations, sign_in
from tests.personas import PASSWORD

SHOTS = os.environ.get("EARNEDSECURE_SHOTS")


def shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1280, "height": 900})):
        page.set_viewport_size(size)
        page.screenshot(path=f"{SHOTS}/{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})


def _answer_page(page, value_label):
    for group in page.locator("fieldset.question").all():
        group.get_by_label(value_label, exact=True).check()


def test_save_and_pause_with_item_9_shows_the_safety_response_at_once(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/check-ins/phq-9/")
    _answer_page(page, "Several days")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/check-ins/phq-9/?page=2")
    _answer_page(page, "Not at all")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/check-ins/phq-9/?page=3")
    page.get_by_role("group", name="9. Thoughts that you would be better off dead").get_by_label("Several days").check()
    page.get_by_role("button", name="Save and pause").click()
    page.wait_for_url("**/check-ins/safety/*/")
    response = page.locator("[data-item9-response]")
    assert "Thank you for telling us" in response.inner_text()
    assert page.get_by_role("link", name="Make my safety plan").is_visible()
    assert "116 123" in page.locator("[data-risk-block]").inner_text()
    assert serious_axe_violations(page) == []
    shoot(page, "item9-after-save-and-pause")
    page.get_by_role("group", name="Are you thinking about acting on these thoughts?").get_by_label("Yes").check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert "Please don't stay alone with this" in page.locator("[data-item9-response]").inner_text()
    shoot(page, "item9-urgent-after-follow-up")
    assert page.outside_requests == []


def test_the_home_cards_and_the_summary_for_a_doctor(page, alice):
    now = timezone.now()
    for days, total in ((40, 12), (20, 13)):
        response_submit(user=alice, instrument="phq-9", answers=phq9(total), completed_at=now - timedelta(days=days))
    response_submit(
        user=alice, instrument="gad-7", answers=uniform_answers("gad-7", 1), completed_at=now - timedelta(days=20)
    )
    response_submit(user=alice, instrument="phq-9", answers=phq9(9, item9=1), completed_at=now - timedelta(days=2))
    for days in range(0, 120, 3):
        Activation.objects.create(
            owner=alice, occurred_at=now - timedelta(days=days, hours=2), trigger="unavailable", intensity=5 + days % 6
        )
    sign_in(page, "alice", PASSWORD)
    card = page.locator("[data-item9-card]")
    assert card.is_visible() and "You told us on" in card.inner_text()
    assert page.locator("[data-professional-help]").is_visible()
    assert serious_axe_violations(page) == []
    shoot(page, "home-cards")
    with page.expect_navigation():
        page.get_by_role("link", name="A summary for your doctor").click()
    assert "not a diagnosis" in page.locator(".doctor-summary__disclaimer").inner_text()
    assert serious_axe_violations(page) == []
    shoot(page, "doctor-summary")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    shoot(page, "doctor-summary-print")
    page.emulate_media(media="screen")
    page.goto("/home/")
    with page.expect_navigation():
        page.get_by_role("button", name="Put this away").click()
    assert page.locator("[data-item9-card]").count() == 0
    assert page.outside_requests == []
