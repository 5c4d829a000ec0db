import pytest

from tests.history import HISTORY_MONTHS, client_with_history


def test_it_works(alice_client):
    html = alice_client.get("/account/settings/").content.decode()
    assert '<option value="Europe/London" selected>Europe/London</option>' in html
    assert '<option value="Pacific/Auckland">Pacific/Auckland</option>' in html
    assert '<option value="GB" selected>' in html


def test_it_saves_a_new_time_zone(alice, alice_client):
    response = alice_client.post("/account/settings/", {"country": "NZ", "time_zone": "Pacific/Auckland"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.country, alice.time_zone) == ("NZ", "Pacific/Auckland")


def test_it_refuses_an_unknown_zone_and_keeps_the_choice_shown(alice, alice_client):
    html = alice_client.post("/account/settings/", {"country": "GB", "time_zone": "Mars/Olympus"}).content.decode()
    assert "Select a valid choice" in html
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/London"


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_3_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/account/settings/")
    # Session, user, consent: the page reads nothing else.
    with django_assert_num_queries(3):
        assert client.get("/account/settings/").status_code == 200
