"""Deleting an account ends that person's sessions, and only theirs, without reading anyone else's."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from earnedsecure.accounts.services import account_delete
from tests.personas import PASSWORD, make_person


def _others_sessions(count: int) -> None:
    for number in range(count):
        store = SessionStore()
        store["_auth_user_id"] = str(10_000 + number)
        store.create()


def _signed_in(user) -> Client:
    """Through the real sign-in form, which records the session's key (force_login would not)."""
    client = Client()
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302
    return client


def test_it_ends_only_the_persons_sessions(alice, bob):
    laptop, phone = _signed_in(alice), _signed_in(alice)
    partner = _signed_in(bob)
    account_delete(user=alice)
    assert not Session.objects.filter(session_key__in=[laptop.session.session_key, phone.session.session_key]).exists()
    assert Session.objects.filter(session_key=partner.session.session_key).exists()
    assert partner.get("/home/").status_code == 200


def test_it_never_decodes_anyone_elses_session(alice, bob, monkeypatch):
    _signed_in(alice)
    _signed_in(bob)
    _others_sessions(3)

    def refuse(self):
        raise AssertionError("a session was decoded")

    monkeypatch.setattr(Session, "get_decoded", refuse)
    account_delete(user=alice)
    assert Session.objects.count() == 4


def _queries_to_delete(username: str, others: int) -> list[str]:
    person = make_person(username)
    _signed_in(person)
    _others_sessions(others)
    with CaptureQueriesContext(connection) as queries:
        account_delete(user=person)
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.django_db
def test_its_cost_does_not_grow_with_other_peoples_sessions():
    few = _queries_to_delete("dana", others=2)
    many = _queries_to_delete("erin", others=60)
    assert len(few) == len(many)
    assert all("django_session" not in sql or "WHERE" in sql for sql in many)
