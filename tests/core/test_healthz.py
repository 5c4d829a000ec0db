"""/healthz: the process is alive. It asks nothing of the database, so an outage never restarts good servers."""

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper


def test_it_works_anonymously(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_it_stays_alive_when_the_database_is_down(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 200


def test_it_sets_no_cookie_and_says_nothing_about_anyone(alice_client):
    response = alice_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert "alice" not in response.content.decode().lower()
    assert not response.cookies
