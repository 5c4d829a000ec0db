"""Step 1 of a new person's first steps: what this is and what it is not (/welcome/)."""

from earnedsecure.accounts.models import User
from tests.accounts.newcomer import newcomer, sign_up


def test_it_is_where_sign_up_lands(client, db):
    assert sign_up(client)["Location"] == "/welcome/"


def test_it_works(newcomer_client):
    page = newcomer_client.get("/welcome/").content.decode()
    assert "Step 1 of 4" in page
    assert "Back</a>" not in page  # the first step has nowhere to go back to
    assert "Not therapy, and not a diagnosis" in page
    assert "nobody is told if you are in danger" in page
    assert 'href="/help/crisis/"' in page
    assert "stays on this machine" in page


def test_continue_leads_to_the_consent_step(newcomer_client):
    response = newcomer_client.post("/welcome/")
    assert response["Location"] == "/account/consent/"
    assert newcomer().onboarding == User.Onboarding.CONSENT


def test_it_carries_on_to_the_page_the_person_asked_for(newcomer_client):
    response = newcomer_client.post("/welcome/", {"next": "/diary/activated/"})
    assert response["Location"] == "/diary/activated/"
    # ... which the consent door then puts behind the agreement, keeping where they were going.
    assert newcomer_client.get("/diary/activated/")["Location"] == "/account/consent/?next=%2Fdiary%2Factivated%2F"


def test_it_refuses_a_next_elsewhere(newcomer_client):
    assert newcomer_client.post("/welcome/", {"next": "https://example.com/"})["Location"] == "/account/consent/"


def test_reading_it_again_changes_nothing(newcomer_client):
    newcomer_client.post("/welcome/")
    newcomer_client.post("/account/consent/", {"agree": "on"})
    assert newcomer_client.get("/welcome/").status_code == 200
    assert newcomer_client.post("/welcome/")["Location"] == "/welcome/place/"  # never backwards
    assert newcomer().onboarding == User.Onboarding.PLACE


def test_an_onboarded_person_never_sees_it(alice_client, alice):
    assert alice_client.get("/welcome/")["Location"] == "/home/"
    assert alice_client.post("/welcome/")["Location"] == "/home/"
    alice.refresh_from_db()
    assert alice.onboarding == User.Onboarding.DONE


def test_it_requires_login(client, db):
    assert client.get("/welcome/")["Location"].startswith("/accounts/login/")
