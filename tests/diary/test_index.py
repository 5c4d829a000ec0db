import pytest

from earnedsecure.diary.services import activation_create
from tests.history import HISTORY_MONTHS, client_with_history


def test_it_works(alice_client, alice):
    activation_create(owner=alice, trigger="uncertainty", intensity=6, response="direct")
    html = alice_client.get("/diary/").content.decode()
    assert 'href="/diary/activated/"' in html
    assert 'href="/diary/good-moments/new/"' in html
    assert "Not knowing where I stand" in html


def test_it_requires_login(client, db):
    assert client.get("/diary/").status_code == 302


def test_it_hides_other_peoples_data(alice, charlie_client):
    activation_create(owner=alice, trigger="uncertainty", intensity=6)
    assert "Not knowing where I stand" not in charlie_client.get("/diary/").content.decode()


def test_the_main_nav_links_the_diary_and_tools(alice_client):
    html = alice_client.get("/diary/").content.decode()
    assert 'href="/diary/" aria-current="page"' in html
    assert 'href="/diary/tools/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_5_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/diary/")
    # Session, user, consent; the recent entries and the loops to close.
    with django_assert_num_queries(5):
        assert client.get("/diary/").status_code == 200
