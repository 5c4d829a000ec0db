"""Coming back from a time-out, or ending it (issue 14): back by the time or within 15 minutes is kept, later is
late; either side may end it; the one who waited sees "came back N of M times" from the couple's own rows."""

from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.partners import selectors, services
from earnedsecure.partners.models import TimeOut
from tests.partners.helpers import agree_timeouts, link
from tests.personas import _signed_in_client

EVENING = datetime(2026, 7, 10, 18, 0, tzinfo=UTC)


def _time_out(owner, *, at, minutes=60):
    with time_machine.travel(at, tick=False):
        return services.timeout_start(owner=owner, minutes=minutes, now=at)


def test_it_works(alice, bob, mailoutbox):
    link(alice, bob)
    agree_timeouts(alice, bob)
    alice_client, bob_client = _signed_in_client(alice), _signed_in_client(bob)
    timeout = _time_out(alice, at=EVENING)
    with time_machine.travel(EVENING + timedelta(minutes=50), tick=False):
        assert alice_client.post(f"/together/time-out/{timeout.pk}/end/").status_code == 302
        waited = bob_client.get("/together/time-out/terms/").content.decode()  # the time-out page
        own = alice_client.get("/together/time-out/terms/").content.decode()
        assert "needs some space" not in bob_client.get("/together/").content.decode()
        assert "You stepped away" not in alice_client.get("/together/").content.decode()
    assert TimeOut.objects.get().kept is True
    assert "Alice came back 1 of 1 time (on time or within 15 minutes)." in waited
    assert "came back" not in own  # no score for the one who stepped away, and no comparison
    assert mailoutbox == []


def test_it_requires_login(client, db):
    response = client.get("/together/time-out/1/end/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie_client):
    link(alice, bob)
    agree_timeouts(alice, bob)
    timeout = _time_out(alice, at=EVENING)
    assert charlie_client.post(f"/together/time-out/{timeout.pk}/end/").status_code == 404
    assert TimeOut.objects.get().ended is False
    assert "came back" not in charlie_client.get("/together/").content.decode()


def test_back_within_15_minutes_is_kept_later_is_not_and_an_ended_one_counts_neither_way(alice, bob):
    link(alice, bob)
    agree_timeouts(alice, bob)
    day = timedelta(days=1)
    for n, back_after in enumerate((timedelta(minutes=75), timedelta(minutes=76))):
        timeout = _time_out(alice, at=EVENING + n * day)
        services.timeout_end(user=alice, pk=timeout.pk, now=EVENING + n * day + back_after)
    ended_by_bob = _time_out(alice, at=EVENING + 2 * day)
    services.timeout_end(user=bob, pk=ended_by_bob.pk, now=EVENING + 2 * day + timedelta(minutes=5))
    assert list(TimeOut.objects.order_by("return_at").values_list("kept", flat=True)) == [True, False, None]
    _time_out(alice, at=EVENING + 3 * day)  # still open
    still_due = EVENING + 3 * day + timedelta(minutes=75)
    assert (selectors.timeouts(user=bob, now=still_due).came_back, selectors.timeouts(user=bob, now=still_due).of) == (
        1,
        2,
    )
    overdue = selectors.timeouts(user=bob, now=still_due + timedelta(minutes=1))
    assert (overdue.came_back, overdue.of) == (1, 3)  # the time and its grace passed: not kept
    assert selectors.timeouts(user=alice, now=still_due).of == 0  # Bob never stepped away


def test_either_side_can_end_it_once(alice, bob):
    link(alice, bob)
    agree_timeouts(alice, bob)
    timeout = _time_out(alice, at=EVENING)
    bob_client = _signed_in_client(bob)
    assert bob_client.post(f"/together/time-out/{timeout.pk}/end/").status_code == 302
    assert bob_client.post(f"/together/time-out/{timeout.pk}/end/").status_code == 404  # already over
    assert TimeOut.objects.get().kept is None
