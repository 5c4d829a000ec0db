"""Security events on the server's log (checklist item 61): a read refused at the door to another person's data,
sign-ins, failed ones, a lockout, partner links made, ended and blocked, therapist grants given and revoked.

Each is one JSON line with its ``event_type``, the account's number, the kind of object and the request's id,
written by the real formatter; none holds a name, an id asked for, or anything of the object.
"""

import io
import json
import logging

import pytest
from django.test import Client
from django.utils import timezone

from earnedsecure.care import services as care_services
from earnedsecure.core.logs import JsonFormatter
from earnedsecure.partners import services as partner_services
from tests.care.conftest import grant
from tests.partners.helpers import link
from tests.personas import PASSWORD, _signed_in_client


@pytest.fixture
def security_log():
    """The security logger's lines, as JSON objects, exactly as a server writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("earnedsecure.security")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    lines.text = stream.getvalue
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


@pytest.fixture
def theo_therapist(theo):
    """Theo with the therapist role and an authenticator app, as tests/care/conftest.py makes him."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(theo, generate_totp_secret())
    return care_services.therapist_add(user=theo, display_name="Theo Hart", now=timezone.now())


def events(lines) -> list[tuple[str, int | None, str]]:
    return [(line["event_type"], line["actor_id"], line["object_kind"]) for line in lines]


def _activation(owner_client, words) -> int:
    """An entry written as the person writes one (the API), its id."""
    written = owner_client.post(
        "/api/v1/diary/activations",
        json.dumps({"trigger": "threat", "intensity": 6, "thought": words, "response": "waited"}),
        content_type="application/json",
    )
    assert written.status_code == 201
    return written.json()["id"]


def test_a_refused_read_of_someone_elses_entry_is_a_security_event(
    alice_client, charlie_client, charlie, canary, security_log
):
    entry_id = _activation(alice_client, f"I wrote {canary}")
    response = charlie_client.get(f"/diary/{entry_id}/")
    assert response.status_code == 404
    [line] = security_log()
    assert (line["event_type"], line["actor_id"], line["object_kind"]) == (
        "owned_object_refused",
        charlie.pk,
        "diary.Activation",
    )
    assert line["level"] == "WARNING"
    assert line["request_id"] == response["X-Request-ID"]
    # Who asked and for what kind of row; nothing of the row, nor the id asked for, nor anyone's name.
    assert set(line) == {"time", "level", "logger", "message", "event_type", "actor_id", "object_kind", "request_id"}
    text = security_log.text()
    assert canary not in text and "alice" not in text.lower() and "charlie" not in text.lower()
    assert str(entry_id) not in line["message"]


def test_a_refused_read_through_the_api_is_a_security_event(alice_client, charlie_client, charlie, security_log):
    entry_id = _activation(alice_client, "mine")
    response = charlie_client.get(f"/api/v1/diary/activations/{entry_id}")
    assert response.status_code == 404
    assert events(security_log()) == [("owned_object_refused", charlie.pk, "diary.Activation")]


def test_ones_own_read_is_no_event(alice_client, security_log):
    entry_id = _activation(alice_client, "mine")
    assert alice_client.get(f"/diary/{entry_id}/").status_code == 200
    assert security_log() == []


def test_a_therapist_refused_a_client_is_a_security_event(alice, theo, theo_therapist, security_log):
    theo_client = _signed_in_client(theo)
    assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 404
    assert events(security_log())[-1:] == [("care_grant_refused", theo.pk, "care.Grant")]


def test_a_grant_given_and_revoked_are_security_events(alice, alice_client, theo_therapist, security_log):
    made = grant(alice, theo_therapist)
    assert alice_client.post(f"/account/therapist/{made.pk}/stop/").status_code == 302
    care_services.grants_revoke_all(person=alice, now=timezone.now())  # nothing left open: no event
    assert events(security_log()) == [
        ("care_grant_given", alice.pk, "care.Grant"),
        ("care_grant_revoked", alice.pk, "care.Grant"),
    ]


def test_partner_link_unlink_and_block_are_security_events(alice, bob, charlie, security_log):
    bob_client = _signed_in_client(bob)
    link(alice, bob)
    assert bob_client.post("/together/unlink/").status_code == 302
    link(alice, charlie)
    partner_services.partner_block(user=alice, now=timezone.now())
    assert [event for event in events(security_log()) if event[0] != "signed_in"] == [
        ("partner_linked", bob.pk, "partners.Link"),
        ("partner_unlinked", bob.pk, "partners.Link"),
        ("partner_linked", charlie.pk, "partners.Link"),
        ("partner_unlinked", alice.pk, "partners.Link"),
        ("partner_blocked", alice.pk, "partners.Block"),
    ]
    text = security_log.text().lower()
    assert "alice" not in text and "bob" not in text and "charlie" not in text


def test_sign_ins_failures_and_a_lockout_are_security_events(alice, security_log, canary):
    client = Client()
    client.post("/accounts/login/", {"login": f"{canary}@example.com", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    for _ in range(5):
        client.post("/accounts/login/", {"login": "alice", "password": f"wrong {canary}"}, REMOTE_ADDR="10.9.9.9")
    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9")
    assert Client().post("/accounts/login/", {"login": "alice", "password": PASSWORD}).status_code == 302
    seen = events(security_log())
    assert seen[0] == ("sign_in_failed", None, "accounts.User")  # no account by that name
    assert seen.count(("sign_in_failed", alice.pk, "accounts.User")) >= 5
    assert ("locked_out", alice.pk, "accounts.User") in seen
    assert seen[-1] == ("signed_in", alice.pk, "accounts.User")
    text = security_log.text()
    assert canary not in text and "alice" not in text.lower() and "10.9.9.9" not in text


def test_a_name_with_a_line_break_makes_one_line(db, security_log):
    """Log injection: a sign-in name that carries a line break and a made-up event stays inside one record."""
    forged = 'x\n{"event_type": "signed_in", "actor_id": 1}'
    Client().post("/accounts/login/", {"login": forged, "password": "x"})
    assert events(security_log()) == [("sign_in_failed", None, "accounts.User")]
    assert len(security_log.text().splitlines()) == 1
