"""Step 3 of a new person's first steps: country and time zone (/welcome/place/), stored where Account
settings keeps them, which is what PersonTimeZoneMiddleware reads."""

import pytest

from earnedsecure.accounts.models import User
from tests.accounts.newcomer import newcomer, sign_up


@pytest.fixture
def at_place(client, db):
    assert sign_up(client, country="AU", time_zone="Australia/Sydney").status_code == 302
    client.post("/welcome/")
    client.post("/account/consent/", {"agree": "on"})
    return client


def test_it_works_prefilled_from_sign_up(at_place):
    page = at_place.get("/welcome/place/").content.decode()
    assert "Step 3 of 4" in page
    assert '<a class="steps__back" href="/account/consent/">Back</a>' in page
    assert '<option value="AU" selected>' in page
    assert '<option value="Australia/Sydney" selected>' in page
    # A zone the browser gave at sign-up is the person's: the page does not guess over it.
    assert "time-zone-guess.js" not in page


def test_without_a_zone_from_sign_up_the_browser_may_fill_it_in(client, db):
    sign_up(client)  # no JavaScript at sign-up: the default zone
    client.post("/welcome/")
    client.post("/account/consent/", {"agree": "on"})
    page = client.get("/welcome/place/").content.decode()
    assert '<option value="UTC" selected>' not in page  # UTC is not in the list of named zones...
    assert "earnedsecure/time-zone-guess.js" in page  # ...so the browser's zone is offered, where it can say
    assert '<select aria-describedby="id_time_zone_helptext" id="id_time_zone" name="time_zone" required>' in page


def test_it_saves_the_time_zone_and_country_and_moves_on(at_place):
    response = at_place.post("/welcome/place/", {"country": "NZ", "time_zone": "Pacific/Auckland"})
    assert response["Location"] == "/welcome/first-step/"
    assert response.cookies["es_country"].value == "NZ"
    person = newcomer()
    assert (person.country, person.time_zone) == ("NZ", "Pacific/Auckland")
    assert person.onboarding == User.Onboarding.FIRST_STEP
    # The one time-zone mechanism and the settings page read the same field.
    assert '<option value="Pacific/Auckland" selected>' in at_place.get("/account/settings/").content.decode()


def test_a_zone_it_does_not_know_is_refused_and_nothing_moves_on(at_place):
    response = at_place.post("/welcome/place/", {"country": "NZ", "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    person = newcomer()
    assert (person.time_zone, person.onboarding) == ("Australia/Sydney", User.Onboarding.PLACE)


def test_it_cannot_be_reached_before_consent(client, db):
    sign_up(client)
    assert client.get("/welcome/place/")["Location"] == "/welcome/?next=%2Fwelcome%2Fplace%2F"
    client.post("/welcome/")
    response = client.post("/welcome/place/", {"country": "NZ", "time_zone": "Pacific/Auckland"})
    assert response["Location"] == "/account/consent/?next=%2Fwelcome%2Fplace%2F"
    assert newcomer().time_zone == "UTC"


def test_an_onboarded_person_never_sees_it(alice_client):
    assert alice_client.get("/welcome/place/")["Location"] == "/home/"
    assert (
        alice_client.post("/welcome/place/", {"country": "NZ", "time_zone": "Pacific/Auckland"})["Location"] == "/home/"
    )
    assert User.objects.get(username="alice").time_zone == "Europe/London"


def test_a_zone_nobody_chose_is_not_shown_as_the_first_in_the_list(client, db):
    sign_up(client)  # no JavaScript at sign-up: no zone
    client.post("/welcome/")
    client.post("/account/consent/", {"agree": "on"})
    page = client.get("/welcome/place/").content.decode()
    # The first option, so a browser without JavaScript shows it rather than Africa/Abidjan.
    assert 'name="time_zone" required>\n<option value="">Choose your time zone</option>' in page
    response = client.post("/welcome/place/", {"country": "GB", "time_zone": ""})
    assert "Please choose your time zone." in response.content.decode()
    assert newcomer().onboarding == User.Onboarding.PLACE
