"""The private safety screen before linking (issue 14): four questions; any yes gets the advice not to link and
the domestic-violence lines; the answers are stored nowhere, so no partner can ever see them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from earnedsecure.domain.together.sharing import SAFETY_QUESTIONS

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
SESSION_STORE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?django_session"?', re.I)


def _answers(yes=()):
    return {key: "yes" if key in yes else "no" for key, _ in SAFETY_QUESTIONS}


def test_it_works(alice_client):
    page = alice_client.get("/together/before-linking/").content.decode()
    for _, question in SAFETY_QUESTIONS:
        assert question.replace("'", "&#x27;") in page
    answer = alice_client.post("/together/before-linking/", _answers()).content.decode()
    assert "Make a code" in answer and "I have a code" in answer
    assert "Please don" not in answer


@pytest.mark.parametrize("key", [key for key, _ in SAFETY_QUESTIONS])
def test_any_yes_advises_not_to_link_and_gives_the_lines(alice_client, key):
    answer = alice_client.post("/together/before-linking/", _answers(yes=[key])).content.decode()
    assert "Please don't link for now" in answer
    assert "0808 2000 247" in answer  # Alice is in the UK: the national domestic abuse helpline
    assert "Make a code" not in answer


def test_it_requires_login(client, db):
    response = client.get("/together/before-linking/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, alice_client, charlie_client):
    answer = charlie_client.post("/together/before-linking/", _answers(yes=["fear"])).content.decode()
    assert "0808 2000 247" not in answer  # Charlie's lines are his own country's (US), not Alice's
    assert "1 800 799 7233" in answer


def test_the_answers_are_stored_nowhere(alice_client):
    with CaptureQueriesContext(connection) as queries:
        alice_client.post("/together/before-linking/", _answers(yes=["fear", "checking"]))
    writes = [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"]) and not SESSION_STORE.match(q["sql"])]
    assert writes == []
    assert "fear" not in str(alice_client.session.items()) and "checking" not in str(alice_client.session.items())
