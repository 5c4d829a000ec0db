"""Sign-up asks what safety needs from the first minute: the country whose crisis lines to show, and 18+."""

from datetime import UTC, datetime

import pytest
import time_machine

from earnedsecure.accounts.models import User

PASSPHRASE = "quiet river at dawn"


def _sign_up(client, **fields):
    data = {"username": "newperson", "password1": PASSPHRASE, "password2": PASSPHRASE, **fields}
    return client.post("/accounts/signup/", data)


def test_it_refuses_sign_up_without_the_age_box(client, db):
    response = _sign_up(client, country="GB")
    assert response.status_code == 200
    assert not User.objects.filter(username="newperson").exists()
    assert b"This app is for adults" in response.content
    assert b'value="newperson"' in response.content  # nothing typed is lost


def test_it_refuses_sign_up_without_a_country(client, db):
    response = _sign_up(client, adult="on")
    assert response.status_code == 200
    assert not User.objects.filter(username="newperson").exists()
    assert b"Please choose your country" in response.content


def test_it_stores_the_country_and_the_browsers_time_zone(client, db):
    assert _sign_up(client, country="AU", adult="on", time_zone="Australia/Sydney").status_code == 302
    person = User.objects.get(username="newperson")
    assert (person.country, person.time_zone) == ("AU", "Australia/Sydney")


def test_my_country_isnt_listed_stores_no_country(client, db):
    assert _sign_up(client, country="other", adult="on").status_code == 302
    assert User.objects.get(username="newperson").country == ""


@pytest.mark.parametrize("zone", ["Mars/Olympus", "UTC'; DROP", ""])
def test_it_ignores_a_time_zone_it_does_not_know(client, db, zone):
    assert _sign_up(client, country="GB", adult="on", time_zone=zone).status_code == 302
    assert User.objects.get(username="newperson").time_zone == "UTC"


def test_it_refuses_a_country_that_is_not_in_the_list(client, db):
    assert _sign_up(client, country="ZZ", adult="on").status_code == 200
    assert not User.objects.filter(username="newperson").exists()


def test_a_new_person_sees_their_own_crisis_lines_at_once(client, db):
    _sign_up(client, country="AU", adult="on")
    page = client.get("/help/crisis/").content.decode()
    assert "In an emergency in Australia" in page
    assert 'href="tel:000"' in page
    assert 'href="tel:131114"' in page


@pytest.mark.parametrize(
    ("header", "selected"),
    [
        ("en-GB,en;q=0.9", "GB"),
        ("de-DE,de;q=0.9,en;q=0.8", "DE"),
        ("en;q=0.9,en-NZ", "NZ"),
    ],
)
def test_it_preselects_the_country_from_the_browsers_language_region(client, db, header, selected):
    html = client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE=header).content.decode()
    assert f'<option value="{selected}" selected>' in html
    assert html.count(" selected>") == 1


def test_without_a_region_it_preselects_nothing(client, db):
    html = client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="" selected>' in html


def test_a_country_chosen_on_the_crisis_page_wins_over_the_language(client, db):
    client.post("/help/crisis/", {"country": "IE"})
    html = client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert '<option value="IE" selected>' in html


def test_the_page_offers_the_time_zone_table_and_its_script(client, db):
    html = client.get("/accounts/signup/").content.decode()
    assert '<script id="zone-countries" type="application/json">' in html
    assert '"Europe/London": "GB"' in html
    assert "earnedsecure/country-guess.js" in html
    assert '<option value="other">My country isn&#x27;t listed</option>' in html


def test_it_links_to_who_this_is_for(client, db):
    assert b'href="/who-this-is-for/"' in client.get("/accounts/signup/").content


def test_settings_say_plainly_when_no_country_is_set(alice_client):
    assert "My country isn&#x27;t listed" in alice_client.get("/account/settings/").content.decode()


def test_it_records_when_the_person_confirmed_being_18_or_older(client, db):
    moment = datetime(2026, 6, 3, 12, 30, tzinfo=UTC)
    with time_machine.travel(moment, tick=False):
        assert _sign_up(client, country="GB", adult="on").status_code == 302
    assert User.objects.get(username="newperson").adult_confirmed_at == moment


def test_an_account_not_made_by_sign_up_has_no_age_confirmation(db):
    assert User.objects.create_user(username="made-by-a-command").adult_confirmed_at is None
