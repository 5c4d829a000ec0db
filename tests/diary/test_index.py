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


def test_it_reads_none_of_the_persons_words(alice, alice_client):
    """A line shows the time, trigger, intensity, response and recovery: the encrypted words stay unread."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activation_create(owner=alice, trigger="uncertainty", intensity=6, thought="a thought", outcome="it passed")
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get("/diary/").status_code == 200
    diary_reads = [q["sql"] for q in queries.captured_queries if 'FROM "diary_activation"' in q["sql"]]
    assert len(diary_reads) == 2
    for sql in diary_reads:
        for column in ("trigger_note", "body_sensations", "thought", "response_note", "outcome"):
            assert f'"diary_activation"."{column}"' not in sql
