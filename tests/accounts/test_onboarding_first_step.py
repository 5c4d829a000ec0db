"""Step 4 of a new person's first steps: one first step, chosen (/welcome/first-step/); each goes straight there."""

import pytest

from earnedsecure.accounts.models import User
from tests.accounts.newcomer import newcomer, sign_up


@pytest.fixture
def at_first_step(client, db):
    sign_up(client)
    client.post("/welcome/")
    client.post("/account/consent/", {"agree": "on"})
    client.post("/welcome/place/", {"country": "GB", "time_zone": "Europe/London"})
    return client


def test_it_works(at_first_step):
    page = at_first_step.get("/welcome/first-step/").content.decode()
    assert "Step 4 of 4" in page
    assert '<a class="steps__back" href="/welcome/place/">Back</a>' in page
    assert "How you feel in close relationships" in page
    assert "36 short statements" in page
    assert "What anxious attachment is" in page
    assert "4-7-8 breathing" in page
    assert "I&#x27;ll look around first" in page
    assert page.count('<button type="submit" name="choice"') == 4


@pytest.mark.parametrize(
    ("choice", "destination", "on_the_page"),
    [
        ("check_in", "/check-ins/ecr-r/", "close relationships"),
        ("lesson", "/learn/what-is-anxious-attachment/", "What anxious attachment is"),
        ("tool", "/diary/tools/breathing/", "4-7-8 breathing"),
        ("look_around", "/home/", "Home"),
    ],
)
def test_each_choice_leads_where_it_says(at_first_step, choice, destination, on_the_page):
    response = at_first_step.post("/welcome/first-step/", {"choice": choice})
    assert response["Location"] == destination
    assert newcomer().onboarding == User.Onboarding.DONE
    arrived = at_first_step.get(destination)
    assert arrived.status_code == 200
    assert on_the_page in arrived.content.decode()


def test_no_choice_finishes_nothing(at_first_step):
    assert at_first_step.post("/welcome/first-step/", {"choice": "somewhere"}).status_code == 200
    assert newcomer().onboarding == User.Onboarding.FIRST_STEP


def test_it_comes_after_step_3(client, db):
    sign_up(client)
    client.post("/welcome/")
    client.post("/account/consent/", {"agree": "on"})
    assert client.get("/welcome/first-step/")["Location"] == "/welcome/place/"
    assert client.post("/welcome/first-step/", {"choice": "tool"})["Location"] == "/welcome/place/"
    assert newcomer().onboarding == User.Onboarding.PLACE


def test_once_chosen_it_is_never_shown_again(at_first_step):
    at_first_step.post("/welcome/first-step/", {"choice": "lesson"})
    for path in ("/welcome/", "/welcome/place/", "/welcome/first-step/"):
        assert at_first_step.get(path)["Location"] == "/home/"
    assert at_first_step.get("/home/").status_code == 200


def test_an_onboarded_person_never_sees_it(alice_client):
    assert alice_client.get("/welcome/first-step/")["Location"] == "/home/"
