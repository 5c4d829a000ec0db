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
    response = client.get("/help/crisis/?country=au")
    assert b"13 11 14" in response.content
    assert response.cookies["es_country"].value == "AU"
    assert b"13 11 14" in client.get("/help/crisis/").content


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
