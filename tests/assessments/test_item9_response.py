"""PHQ-9 item 9 above 0 gets its safety response the moment it is saved, however the page is left.

Hazard: a person answers "thoughts that you would be better off dead or of hurting yourself" and then
presses "Save and pause" or "Back" and hears nothing; or finishes and reads "the tools in this app may help".
"""

from datetime import UTC, datetime

import pytest
from django.db import connection

from earnedsecure.assessments.models import InstrumentResponse, SafetyFlag
from earnedsecure.assessments.views import ITEM9_NEXT_STEP, NEXT_STEPS

from .helpers import phq9, submit
from .test_views_take import post_page

STRONG = "Please reach out to someone today"
SEVERAL_DAYS = "Thank you for telling us about those thoughts"
WHEN = datetime(2026, 3, 1, 20, tzinfo=UTC)
URGENT = "Please don't stay alone with this"


def answer_first_pages(client):
    post_page(client, "phq-9", 1, {1: 1, 2: 1, 3: 0})
    post_page(client, "phq-9", 2, {4: 1, 5: 0, 6: 0})


def flag_page(client, item9, action):
    answer_first_pages(client)
    response = post_page(client, "phq-9", 3, {7: 0, 8: 0, 9: item9}, action=action)
    flag = SafetyFlag.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/check-ins/safety/{flag.pk}/"
    return client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("action", ["pause", "back"])
def test_it_answers_item_9_at_once_on_save_and_pause_and_on_back(alice, alice_client, action):
    html = flag_page(alice_client, 1, action)
    assert SEVERAL_DAYS in html and "on several days in the last two weeks" in html
    assert 'href="/help/plan/"' in html and "Make my safety plan" in html
    # The person's own crisis lines, in the shared block (Alice is in the UK).
    assert "data-risk-block" in html and "116 123" in html and 'href="/help/crisis/"' in html
    # The check-in is still paused, and the person can carry on or leave it.
    assert InstrumentResponse.objects.get(owner=alice).status == "in_progress"
    assert "Carry on with the check-in" in html


def test_it_says_open_when_a_safety_plan_exists(alice, alice_client):
    from earnedsecure.core.models import SafetyPlan

    SafetyPlan.objects.create(owner=alice, people_i_can_ask_for_help="my sister")
    assert "Open my safety plan" in flag_page(alice_client, 1, "pause")


def test_the_wording_is_graded_by_the_answer(alice_client, charlie_client):
    several = flag_page(alice_client, 1, "pause")
    SafetyFlag.objects.all().delete()
    nearly_every_day = flag_page(charlie_client, 3, "pause")  # Charlie is in the US: 911 and 988
    assert SEVERAL_DAYS in several and STRONG not in several
    assert STRONG in nearly_every_day and SEVERAL_DAYS not in nearly_every_day
    assert "nearly every day in the last two weeks" in nearly_every_day
    assert 'data-item9-level="strong"' in nearly_every_day
    # Emergency number first: before the words, and before the crisis lines.
    assert nearly_every_day.index("call 911 now") < nearly_every_day.index("You said that")
    assert nearly_every_day.index("call 911 now") < nearly_every_day.index("988")
    assert "call 911" not in several.lower().split("data-risk-block")[0]


def test_a_yes_to_either_follow_up_question_gives_the_urgent_response(alice, alice_client):
    html = flag_page(alice_client, 1, "pause")
    assert "Are you thinking about acting on these thoughts?" in html and URGENT not in html
    flag = SafetyFlag.objects.get()
    response = alice_client.post(f"/check-ins/safety/{flag.pk}/", {"how_or_when": "yes"})
    assert response.status_code == 302
    html = alice_client.get(f"/check-ins/safety/{flag.pk}/").content.decode()
    assert URGENT in html and 'data-item9-level="urgent"' in html
    assert html.index("Call 999 now") < html.index("Samaritans")
    assert "Are you thinking about acting" not in html  # answered: the questions are not asked again


def test_no_to_both_keeps_the_graded_response_and_thanks_the_person(alice, alice_client):
    flag_page(alice_client, 1, "pause")
    flag = SafetyFlag.objects.get()
    alice_client.post(f"/check-ins/safety/{flag.pk}/", {"acting": "no", "how_or_when": "no"})
    html = alice_client.get(f"/check-ins/safety/{flag.pk}/").content.decode()
    assert URGENT not in html and SEVERAL_DAYS in html and "Thank you for answering" in html


def test_the_follow_up_answers_are_encrypted_at_rest_and_skipping_stores_nothing(alice, alice_client):
    flag_page(alice_client, 1, "pause")
    flag = SafetyFlag.objects.get()
    alice_client.post(f"/check-ins/safety/{flag.pk}/", {})
    assert SafetyFlag.objects.get().follow_up == ""
    alice_client.post(f"/check-ins/safety/{flag.pk}/", {"acting": "yes"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT follow_up FROM assessments_safetyflag")
        (raw,) = cursor.fetchone()
    assert raw and "yes" not in raw and "acting" not in raw
    assert SafetyFlag.objects.get().follow_up == '{"acting": "yes"}'


@pytest.mark.parametrize("total_without_item9", [0, 4, 8, 12, 17, 24])
def test_the_band_advice_is_replaced_whenever_item_9_is_above_zero(alice, alice_client, total_without_item9):
    row = submit(alice, "phq-9", phq9(total_without_item9, item9=1), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "data-item9-response" in html and ITEM9_NEXT_STEP.split(",")[0] in html
    assert "The tools in this app" not in html and "Keep doing what helps you" not in html
    for advice in NEXT_STEPS.values():
        assert advice.replace("'", "&#x27;") not in html


def test_the_same_page_without_item_9_keeps_the_band_advice(alice, alice_client):
    answer_first_pages(alice_client)
    response = post_page(alice_client, "phq-9", 3, {7: 1, 8: 1, 9: 0}, action="finish")
    html = alice_client.get(response["Location"]).content.decode()
    assert "The tools in this app" in html and "data-item9-response" not in html
    assert SafetyFlag.objects.count() == 0


def test_a_later_lower_answer_never_lowers_the_flag_and_a_higher_one_raises_it(alice, alice_client):
    flag_page(alice_client, 2, "pause")
    post_page(alice_client, "phq-9", 3, {7: 0, 8: 0, 9: 0}, action="pause")
    assert SafetyFlag.objects.get().answer == 2
    post_page(alice_client, "phq-9", 3, {7: 0, 8: 0, 9: 3}, action="pause")
    assert SafetyFlag.objects.get().answer == 3


def test_the_api_raises_the_flag_and_grades_its_response(alice, alice_client):
    body = alice_client.post(
        "/api/v1/assessments/responses",
        {"instrument": "phq-9", "answers": phq9(0, item9=3)},
        content_type="application/json",
    ).json()
    flag = SafetyFlag.objects.get(owner=alice)
    assert flag.answer == 3 and flag.response_id == body["id"]
    safety = body["safety"]
    assert safety["level"] == "strong" and safety["message"].startswith("If you might act on these thoughts")
    assert safety["safety_plan_url"] == "/help/plan/" and safety["follow_up_url"] == f"/check-ins/safety/{flag.pk}/"


def test_it_hides_other_peoples_flags(alice, alice_client, charlie_client):
    flag_page(alice_client, 1, "pause")
    flag = SafetyFlag.objects.get()
    assert charlie_client.get(f"/check-ins/safety/{flag.pk}/").status_code == 404
    assert charlie_client.post(f"/check-ins/safety/{flag.pk}/", {"acting": "yes"}).status_code == 404
    assert charlie_client.post(f"/check-ins/safety/{flag.pk}/put-away/").status_code == 404
    flag.refresh_from_db()
    assert flag.follow_up == "" and flag.dismissed_at is None


def test_it_requires_login(client, alice):
    assert client.get("/check-ins/safety/1/").status_code == 302
