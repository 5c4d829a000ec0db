"""Closing the loop: what actually happened, when calm came back, whether a protest worked."""

from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.diary.services import activation_create

NOW = datetime(2026, 6, 17, 18, 0, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_it_works(alice_client, alice):
    activation = activation_create(
        owner=alice, trigger="unavailable", intensity=8, response="protest", occurred_at=NOW - timedelta(hours=6)
    )
    assert "What actually happened?" in alice_client.get("/diary/").content.decode()
    page = alice_client.get(f"/diary/{activation.pk}/follow-up/").content.decode()
    assert "Did the protest get you what you wanted?" in page
    response = alice_client.post(
        f"/diary/{activation.pk}/follow-up/",
        {"outcome": "He was in a meeting and called at lunch.", "calm_after": "120", "protest_result": "backfired"},
    )
    assert response.status_code == 302
    activation.refresh_from_db()
    assert activation.recovery_minutes == 120
    assert activation.protest_result == "backfired"
    assert activation.outcome_recorded_at == NOW
    assert f"/diary/{activation.pk}/follow-up/" not in alice_client.get("/diary/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_an_exact_time_is_read_in_the_persons_zone(alice_client, alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=5, occurred_at=NOW - timedelta(hours=5))
    # 17:30 in London in June is 16:30 UTC: 3.5 hours after 13:00 UTC.
    alice_client.post(f"/diary/{activation.pk}/follow-up/", {"calm_at": "2026-06-17T17:30"})
    activation.refresh_from_db()
    assert activation.recovery_minutes == 210


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_calm_time_in_the_future_and_keeps_the_text(alice_client, alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=5, occurred_at=NOW - timedelta(minutes=30))
    response = alice_client.post(
        f"/diary/{activation.pk}/follow-up/", {"outcome": "Still waiting to hear", "calm_after": "1440"}
    )
    assert response.status_code == 200
    assert "Still waiting to hear" in response.content.decode()
    assert "still in the future" in response.content.decode()
    activation.refresh_from_db()
    assert activation.outcome == ""


def test_it_requires_login(client, db):
    assert client.get("/diary/1/follow-up/").status_code == 302


def test_it_hides_other_peoples_data(alice, charlie_client):
    activation = activation_create(owner=alice, trigger="threat", intensity=5)
    assert charlie_client.post(f"/diary/{activation.pk}/follow-up/", {"outcome": "x"}).status_code == 404
    activation.refresh_from_db()
    assert activation.outcome == ""
