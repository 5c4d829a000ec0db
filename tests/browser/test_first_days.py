"""A day-old account on a phone (issue 13): home and insights speak of what will come, draw no empty charts,
and stay accessible."""

from datetime import UTC, datetime, timedelta

from earnedsecure.diary.models import Activation
from tests.browser.conftest import serious_axe_violations, sign_in
from tests.personas import PASSWORD


def test_home_and_insights_for_a_day_old_account(page, alice):
    Activation.objects.create(
        owner=alice, occurred_at=datetime.now(UTC) - timedelta(hours=20), trigger="unavailable", intensity=6
    )
    sign_in(page, "alice", PASSWORD)
    compare = page.locator("section[aria-labelledby=compare-heading]").inner_text()
    assert "→" not in compare
    assert compare.count("not enough entries yet") <= 1
    assert serious_axe_violations(page) == []

    page.goto("/diary/insights/")
    assert page.locator("svg").count() == 0
    assert "so far it holds 1" in page.locator("main").inner_text()
    page.click("text=Write down a moment")
    page.wait_for_url("**/diary/activated/")
    page.go_back()
    assert serious_axe_violations(page) == []
