"""Nothing typed is lost (issue 13): a thought record written over a long pause, sent after the session ended,
comes back after signing in, with a line saying why, and is saved from there.

The session ends the way it does for a person: its last sign of life is moved 31 minutes back, and
SessionTimeoutMiddleware signs her out on the request that finds it idle (the Save).
"""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from earnedsecure.coach.models import ThoughtRecord
from earnedsecure.core.middleware import SessionTimeoutMiddleware
from tests.browser.conftest import serious_axe_violations, sign_in
from tests.personas import PASSWORD

BALANCED = "They're busy today, which doesn't mean they don't care. KEPT-IN-THE-BROWSER"


def _idle_for_31_minutes(page):
    key = next(c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=key)
    session[SessionTimeoutMiddleware.KEY] = time.time() - 31 * 60
    session.save()


@pytest.mark.parametrize("width", [390, 1366])
def test_a_thought_record_sent_after_the_session_ended_comes_back_after_signing_in(page, alice, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "alice", PASSWORD)
    page.goto("/think/thoughts/new/")
    page.fill("#id_situation", "No reply since this morning")
    page.fill("#id_automatic_thought", "They're pulling away from me.")
    page.fill("#id_emotion", "scared")
    page.click("label[for=id_intensity_before_7]")
    page.click("button[value=check]")
    page.fill("#id_evidence_against", "They said the deadline is today.")
    page.fill("#id_balanced_thought", BALANCED)
    page.click("label[for=id_intensity_after_3]")

    _idle_for_31_minutes(page)  # she put the phone down before pressing Save
    page.click("button[value=save]")

    page.wait_for_url("**/accounts/login/**")
    expect(page.locator("main")).to_contain_text("What you were writing is kept")
    assert not ThoughtRecord.objects.exists()
    page.fill("input[name=login]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")

    page.wait_for_url("**/account/kept/")
    expect(page.locator("main")).to_contain_text("You were signed out before it was sent")
    assert BALANCED in [page.input_value(f"#{t.get_attribute('id')}") for t in page.locator("main textarea").all()]
    assert serious_axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.click("button[value=send]")
    page.wait_for_url("**/think/thoughts/*/")
    record = ThoughtRecord.objects.get(owner=alice)
    assert record.balanced_thought == BALANCED and record.situation == "No reply since this morning"
    assert page.outside_requests == []
