from datetime import timedelta

import pytest
from django.utils import timezone

from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.diary.services import activation_create
from tests.history import HISTORY_MONTHS, client_with_history


def _heavy_history(owner, *, activations=3000, sessions=1000, moments=500):
    now = timezone.now()
    start = now - timedelta(days=3 * 365)
    Activation.objects.bulk_create(
        Activation(
            owner=owner,
            occurred_at=start + timedelta(minutes=525 * i),
            trigger=["unavailable", "threat", "need_unmet", "uncertainty", "other"][i % 5],
            intensity=i % 11,
            response=["protest", "direct", "soothing", "waited", ""][i % 5],
            protest_result="worked" if i % 10 == 0 else "",
            calm_at=start + timedelta(minutes=525 * i + i % 900),
            recovery_minutes=i % 900,
        )
        for i in range(activations)
    )
    ToolSession.objects.bulk_create(
        ToolSession(
            owner=owner,
            tool=["breathing_478", "urge_surfing", "grounding_54321"][i % 3],
            started_at=start + timedelta(hours=26 * i),
            distress_before=8,
            distress_after=i % 9,
        )
        for i in range(sessions)
    )
    SavouringEntry.objects.bulk_create(
        SavouringEntry(owner=owner, occurred_at=start + timedelta(days=2 * i), what_happened="x", feeling_minutes=i)
        for i in range(moments)
    )


def test_it_works(alice_client, alice):
    _heavy_history(alice, activations=300, sessions=60, moments=30)
    html = alice_client.get("/diary/insights/?range=all").content.decode()
    for heading in (
        "Typical time to feel calm again",
        "Activations per week",
        "What you did instead",
        "When protest",
        "Which tools calm you",
        "Good moments",
    ):
        assert heading in html
    assert html.count('<svg class="chart"') == 8
    assert "<title id=" in html and "<desc id=" in html
    assert "Show the numbers" in html
    assert "Progress often shows as calming down sooner" in html and "The report's picture" not in html


def test_it_renders_three_years_of_heavy_use_in_ten_queries(alice_client, alice, django_assert_max_num_queries):
    _heavy_history(alice)
    # The first request in a minute also records the session's last activity (core's idle timeout): not
    # part of this page's cost, so warm up once. Session, user and consent are 3 of the 10.
    alice_client.get("/still-here/")
    for range_key in ("6m", "all"):
        with django_assert_max_num_queries(10):
            response = alice_client.get(f"/diary/insights/?range={range_key}")
        assert response.status_code == 200


def test_an_empty_diary_says_so_kindly(alice_client):
    assert "Not enough entries yet" in alice_client.get("/diary/insights/").content.decode()


def test_it_requires_login(client, db):
    assert client.get("/diary/insights/").status_code == 302


def test_it_hides_other_peoples_data(alice, charlie_client):
    activation_create(owner=alice, trigger="threat", intensity=9, calm_at=None)
    assert "Not enough entries yet" in charlie_client.get("/diary/insights/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_6_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/diary/insights/")
    # Session, user, consent; the range's activations, its good moments, tools.
    with django_assert_num_queries(6):
        assert client.get("/diary/insights/").status_code == 200


def test_a_day_old_diary_says_what_will_appear_instead_of_empty_charts(alice_client, alice):
    for hours in (2, 20):
        Activation.objects.create(
            owner=alice, occurred_at=timezone.now() - timedelta(hours=hours), trigger="unavailable", intensity=6
        )
    html = alice_client.get("/diary/insights/").content.decode()
    assert '<svg class="chart"' not in html
    assert "Show the numbers" not in html
    assert "Your charts appear once the diary holds 5 moments" in html
    assert "so far it holds 2" in html
    assert 'href="/diary/activated/"' in html.split('id="empty-heading"')[1]


def test_the_charts_appear_with_the_fifth_entry(alice_client, alice):
    for hours in range(2, 7):
        Activation.objects.create(
            owner=alice, occurred_at=timezone.now() - timedelta(hours=hours), trigger="unavailable", intensity=6
        )
    html = alice_client.get("/diary/insights/").content.decode()
    assert "Not enough entries yet for charts" not in html
    assert '<svg class="chart"' in html


def test_a_new_diary_offers_no_period_to_choose_and_says_what_will_appear(alice_client, alice):
    """Issue 13: the empty page offered 3 months, 6 months, a year and everything, all equally empty."""
    html = alice_client.get("/diary/insights/").content.decode()
    assert 'aria-label="Time range"' not in html and "?range=" not in html
    assert "Your charts appear once the diary holds 5 moments of feeling activated; so far it holds none." in html
    assert "how quickly you feel calm again, and which tools help you" in html
    for hours in (2, 20, 30, 40):
        Activation.objects.create(
            owner=alice, occurred_at=timezone.now() - timedelta(hours=hours), trigger="unavailable", intensity=6
        )
    html = alice_client.get("/diary/insights/?range=all").content.decode()
    assert 'aria-label="Time range"' not in html and "so far it holds 4." in html


def test_with_enough_entries_before_the_period_the_choice_stays(alice_client, alice):
    for days in range(200, 205):
        Activation.objects.create(
            owner=alice, occurred_at=timezone.now() - timedelta(days=days), trigger="unavailable", intensity=6
        )
    html = alice_client.get("/diary/insights/?range=3m").content.decode()
    assert "Not enough entries yet for charts" in html and "A longer period above shows the charts" in html
    assert 'aria-label="Time range"' in html and 'href="?range=all"' in html
    html = alice_client.get("/diary/insights/?range=1y").content.decode()
    assert '<svg class="chart"' in html and 'aria-label="Time range"' in html
