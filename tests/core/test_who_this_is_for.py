"""The scope page: who the app is for, who it is not for on its own, and what to do instead."""

import pytest


def test_it_is_public(client, db):
    response = client.get("/who-this-is-for/")
    assert response.status_code == 200
    assert b"Who this is for, and who it is not for" in response.content


@pytest.mark.parametrize("path", ["/", "/accounts/signup/", "/help/crisis/", "/privacy/"])
def test_it_is_linked_from_landing_sign_up_crisis_and_the_footer(client, db, path):
    assert b'href="/who-this-is-for/"' in client.get(path).content


def test_the_footer_links_it_for_signed_in_people_too(alice_client):
    assert b'href="/who-this-is-for/"' in alice_client.get("/diary/").content


@pytest.mark.parametrize(
    ("who", "instead"),
    [
        ("afraid of them", "domestic-abuse service"),
        ("ending your life", "crisis line"),
        ("hearing or seeing things", "GP or doctor"),
        ("very low most days", "therapist"),
        ("under 18", "adult you trust"),
    ],
)
def test_it_says_what_to_do_instead_for_each_group(client, db, who, instead):
    html = client.get("/who-this-is-for/").content.decode()
    assert who in html
    assert instead in html
    assert 'href="/help/crisis/"' in html
