import re
from datetime import date

import phonenumbers
import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from earnedsecure.core import crisis_lines


def test_it_works_anonymously(client):
    response = client.get("/help/crisis/")
    assert response.status_code == 200
    assert b"Get help now" in response.content
    assert b"findahelpline.com" in response.content  # no country known: the international fallback


def test_it_shows_the_persons_own_country(alice_client):
    response = alice_client.get("/help/crisis/")
    assert b"Samaritans" in response.content
    assert b"116 123" in response.content
    assert b"tel:999" in response.content


def test_it_lets_anyone_choose_a_country_and_remembers_it(client):
    response = client.post("/help/crisis/", {"country": "au"})
    assert response.status_code == 303 and response["Location"] == "/help/crisis/?country=AU"
    assert response.cookies["es_country"].value == "AU"
    assert b"13 11 14" in client.get(response["Location"]).content
    assert b"13 11 14" in client.get("/help/crisis/").content


def test_a_link_shows_a_country_but_cannot_change_the_remembered_one(client):
    # A plain link (a GET) used to set the cookie for a year: anyone could change someone's crisis lines.
    client.post("/help/crisis/", {"country": "GB"})
    response = client.get("/help/crisis/?country=AU")
    assert b"13 11 14" in response.content  # looking is fine
    assert "es_country" not in response.cookies
    assert b"116 123" in client.get("/help/crisis/").content  # still Great Britain


def test_remembering_a_country_needs_the_csrf_token(db):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    refused = browser.post("/help/crisis/", {"country": "AU"})
    assert refused.status_code == 403 and "es_country" not in refused.cookies
    page = browser.get("/help/crisis/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    accepted = browser.post("/help/crisis/", {"country": "AU", "csrfmiddlewaretoken": token})
    assert accepted.status_code == 303 and accepted.cookies["es_country"].value == "AU"


def test_an_unknown_country_is_not_remembered(client):
    response = client.post("/help/crisis/", {"country": "ZZ"})
    assert response.status_code == 303 and "es_country" not in response.cookies


def test_it_shows_violence_lines_where_known(client):
    assert b"If a partner is hurting or frightening you" in client.get("/help/crisis/?country=US").content


def test_it_works_when_the_database_is_down(alice_client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("database is down")

    # Log in first, then take the database away: the session, user and every query now fail.
    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        alice_client.cookies["es_country"] = "NZ"
        response = alice_client.get("/help/crisis/")
    assert response.status_code == 200
    assert b"1737" in response.content


def test_it_says_nobody_monitors_the_app(client):
    assert b"not monitored" in client.get("/help/crisis/").content


@pytest.mark.parametrize("country", sorted(crisis_lines.COUNTRIES))
def test_every_number_is_a_real_number_for_its_country(country):
    entry = crisis_lines.COUNTRIES[country]
    numbers = [entry.emergency, *(line.number for line in entry.lines if line.in_metadata)]
    for number in numbers:
        digits = "".join(ch for ch in number if ch.isdigit())
        parsed = phonenumbers.parse(digits, country)
        is_valid = phonenumbers.is_valid_number(parsed) or phonenumbers.is_valid_short_number(parsed)
        assert is_valid, f"{country}: {number}"


@pytest.mark.parametrize("country", sorted(crisis_lines.COUNTRIES))
def test_every_country_has_an_emergency_number_and_a_crisis_line(country):
    entry = crisis_lines.COUNTRIES[country]
    assert entry.emergency
    assert entry.crisis_lines()
    assert all(line.source for line in entry.lines)


def test_the_table_has_been_reviewed_recently():
    age = (date.today() - crisis_lines.LAST_REVIEWED).days
    assert age <= crisis_lines.REVIEW_EVERY_DAYS, (
        "crisis numbers are due for review: check every entry, then bump LAST_REVIEWED"
    )


def test_an_unknown_country_falls_back_to_the_directory(client):
    response = client.get("/help/crisis/?country=ZZ")
    assert response.status_code == 200
    assert b"findahelpline.com" in response.content


def _emergency_card(html: str) -> str:
    return html.split('id="emergency-heading"', 1)[1].split("</section>", 1)[0]


def _every_country_table(html: str) -> str:
    return html.split('id="every-country-heading"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("who", ["anonymous", "alice"])
def test_it_lists_every_countrys_numbers_as_links_on_the_page(client, alice_client, who):
    # Offline first: every number is on the page itself (the suite has no network), as a tel:/sms: link.
    html = (alice_client if who == "alice" else client).get("/help/crisis/").content.decode()
    table = _every_country_table(html)
    for entry in crisis_lines.COUNTRIES.values():
        assert entry.name in table, entry.code
        assert f'href="tel:{entry.emergency}"' in table, entry.code
        for line in entry.lines:
            scheme = "sms" if line.kind == "text" else "tel"
            assert f'href="{scheme}:{line.tel}">{line.number}</a>' in table, (entry.code, line.name)


def test_the_persons_own_country_comes_first_in_the_table(alice_client):
    table = _every_country_table(alice_client.get("/help/crisis/").content.decode())
    first = table.split("<summary>", 2)[1]
    assert "United Kingdom" in first and "(yours)" in first


def test_the_persons_own_lines_are_tel_links_at_the_top(alice_client):
    html = alice_client.get("/help/crisis/").content.decode()
    assert 'href="tel:999"' in _emergency_card(html)
    talk = html.split('id="talk-heading"', 1)[1].split("</section>", 1)[0]
    assert 'href="tel:116123"' in talk
    violence = html.split('id="violence-heading"', 1)[1].split("</section>", 1)[0]
    assert 'href="tel:08082000247"' in violence


def test_without_a_country_it_gives_emergency_numbers_by_region_not_only_a_website(client):
    card = _emergency_card(client.get("/help/crisis/").content.decode())
    for number, names in crisis_lines.emergency_numbers():
        assert f'href="tel:{number}"' in card
        assert ", ".join(names) in card
    assert {"112", "911", "999", "000", "111"} <= {number for number, _ in crisis_lines.emergency_numbers()}


def test_it_says_quick_exit_signs_you_out(client):
    assert b"Quick exit, at the top of every page, signs you out" in client.get("/help/crisis/").content


def test_it_links_to_who_this_is_for(client):
    assert b'href="/who-this-is-for/"' in client.get("/help/crisis/").content


def test_the_table_covers_the_countries_people_can_choose():
    from earnedsecure.accounts.forms import SignupSafetyForm

    offered = {code for code, _ in SignupSafetyForm.base_fields["country"].choices if code not in {"", "other"}}
    assert offered == set(crisis_lines.COUNTRIES)
    assert crisis_lines.countries_in_order(first="nz")[0].code == "NZ"
    assert len(crisis_lines.countries_in_order()) == len(crisis_lines.COUNTRIES)


def test_the_demo_person_has_a_country_and_sees_its_lines_first(db):
    from django.test import Client

    from earnedsecure.core.demo import demo_create

    person = demo_create(months=1)
    assert crisis_lines.country_for(person.country) is not None
    client = Client()
    client.force_login(person)
    html = client.get("/help/crisis/").content.decode()
    assert f"In an emergency in {crisis_lines.country_for(person.country).name}" in html


def test_a_country_without_a_national_violence_number_gets_its_shelter_directory(client):
    html = client.get("/help/crisis/?country=CA").content.decode()
    assert "If a partner is hurting or frightening you" in html and "https://www.sheltersafe.ca" in html
    assert html.count("https://www.sheltersafe.ca") == 2  # the person's own section, and Canada in the full list
