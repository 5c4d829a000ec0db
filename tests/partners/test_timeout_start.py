"""Starting a time-out (issue 14): "I need some space and I'm not leaving; let's talk at HH:MM", a return time
within the couple's agreed longest, shown to each in their own time zone; the one waiting gets a soothing tool."""

import re
from datetime import UTC, datetime

import time_machine

from earnedsecure.partners.models import TimeOut
from tests.partners.helpers import agree_timeouts, link
from tests.personas import _signed_in_client

# 18:00 UTC on a July evening: 19:00 for Alice in London (summer time), 14:00 for Bob in New York.
EVENING = datetime(2026, 7, 10, 18, 0, tzinfo=UTC)


def _in_new_york(bob):
    bob.time_zone = "America/New_York"
    bob.save(update_fields=["time_zone"])
    return bob


def test_it_works(alice, bob, mailoutbox):
    _in_new_york(bob)
    link(alice, bob)
    agree_timeouts(alice, bob, longest_minutes=60)
    alice_client, bob_client = _signed_in_client(alice), _signed_in_client(bob)
    with time_machine.travel(EVENING, tick=False):
        offered = alice_client.get("/together/time-out/terms/").content.decode()  # the time-out page
        assert "19:45 (in 45 minutes)" in offered and "20:00 (in 1 hour)" in offered
        assert "(in 1 hour 30 minutes)" not in offered  # beyond the agreed longest
        assert alice_client.post("/together/time-out/start/", {"minutes": 60}).status_code == 302
        mine = alice_client.get("/together/").content.decode()
        theirs = bob_client.get("/together/").content.decode()
    assert "You said you'd be back at 20:00</strong>, at the kitchen table" in mine
    assert 'action="/together/time-out/' in mine and "Come back</button>" in mine
    assert "Alice needs some space and isn't leaving. Let's talk at 15:00</strong>" in theirs
    assert 'href="/diary/tools/breathing/">4-7-8 breathing</a>' in theirs
    assert "Come back</button>" not in theirs and "End the time-out</button>" in theirs
    assert mailoutbox == []


def test_the_return_time_is_the_only_time_of_day_the_partner_is_shown(alice, bob):
    _in_new_york(bob)
    link(alice, bob)
    agree_timeouts(alice, bob, longest_minutes=60)
    with time_machine.travel(EVENING, tick=False):
        _signed_in_client(alice).post("/together/time-out/start/", {"minutes": 30})
        page = _signed_in_client(bob).get("/together/").content.decode()
    assert set(re.findall(r"\b\d{1,2}:\d{2}\b", page)) == {"14:30"}


def test_it_requires_login(client, db):
    response = client.get("/together/time-out/start/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie_client):
    link(alice, bob)
    agree_timeouts(alice, bob)
    assert charlie_client.post("/together/time-out/start/", {"minutes": 20}).status_code == 400  # not their terms
    _signed_in_client(alice).post("/together/time-out/start/", {"minutes": 20})
    page = charlie_client.get("/together/").content.decode()
    assert "Alice" not in page and "needs some space" not in page
    assert TimeOut.objects.get().waiter == bob


def test_it_needs_accepted_terms_and_a_time_within_them(alice, bob):
    from django.utils import timezone

    from earnedsecure.partners import services

    link(alice, bob)
    alice_client, bob_client = _signed_in_client(alice), _signed_in_client(bob)
    services.timeout_agreement_propose(owner=alice, longest_minutes=30, place="", now=timezone.now())
    assert alice_client.post("/together/time-out/start/", {"minutes": 20}).status_code == 400  # not accepted
    agree_timeouts(alice, bob, longest_minutes=30)
    assert alice_client.post("/together/time-out/start/", {"minutes": 45}).status_code == 400  # beyond it
    assert alice_client.post("/together/time-out/start/", {"minutes": "soon"}).status_code == 400
    assert alice_client.post("/together/time-out/start/", {"minutes": 30}).status_code == 302
    assert bob_client.post("/together/time-out/start/", {"minutes": 20}).status_code == 400  # one at a time
    assert TimeOut.objects.count() == 1
