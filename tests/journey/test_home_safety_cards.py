"""Home: the gentle card after PHQ-9 item 9 above 0, and "it might help to talk to a professional"."""

from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.assessments.models import SafetyFlag
from earnedsecure.assessments.services import response_submit
from earnedsecure.diary.models import Activation
from earnedsecure.domain.instruments import get_instrument

NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)
CARD = "data-item9-card"
HELP = "data-professional-help"


def phq9(user, *, when, item9=0, total=0):
    answers = {item.id: 0 for item in get_instrument("phq-9").items}
    answers["phq9.feeling_down"] = min(3, total)
    answers["phq9.little_interest"] = min(3, max(0, total - 3))
    answers["phq9.tired_low_energy"] = min(3, max(0, total - 6))
    answers["phq9.sleep_trouble"] = min(3, max(0, total - 9))
    answers["phq9.thoughts_dead_or_self_harm"] = item9
    return response_submit(user=user, instrument="phq-9", answers=answers, completed_at=when)


def home(client) -> str:
    response = client.get("/home/")
    assert response.status_code == 200
    return response.content.decode()


def fresh(user):
    """A new sign-in: sessions end after 12 hours, and these tests travel for days."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_it_shows_the_card_for_14_days_after_an_item_9_flag(alice):
    raised = NOW - timedelta(days=1)
    with time_machine.travel(raised, tick=False):
        phq9(alice, when=raised, item9=1)
    with time_machine.travel(NOW, tick=False):
        html = home(fresh(alice))
    assert CARD in html and "You told us on Tuesday 2 June" in html
    assert 'href="/help/plan/"' in html and 'href="/help/crisis/"' in html
    with time_machine.travel(raised + timedelta(days=13, hours=23), tick=False):
        assert CARD in home(fresh(alice))
    with time_machine.travel(raised + timedelta(days=14, hours=1), tick=False):
        assert CARD not in home(fresh(alice))


@time_machine.travel(NOW, tick=False)
def test_the_card_can_be_put_away_and_a_new_flag_brings_it_back(alice, alice_client):
    phq9(alice, when=NOW - timedelta(days=2), item9=1)
    flag = SafetyFlag.objects.get()
    response = alice_client.post(f"/check-ins/safety/{flag.pk}/put-away/")
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert SafetyFlag.objects.get().dismissed_at == NOW
    assert CARD not in home(alice_client)
    phq9(alice, when=NOW - timedelta(hours=1), item9=1)
    assert CARD in home(alice_client)


@time_machine.travel(NOW, tick=False)
def test_nothing_is_shown_without_reasons(alice, alice_client):
    phq9(alice, when=NOW - timedelta(days=20), total=12)
    html = home(alice_client)
    assert CARD not in html and HELP not in html


@time_machine.travel(NOW, tick=False)
def test_it_suggests_a_professional_with_reasons_and_the_summary_link(alice, alice_client):
    phq9(alice, when=NOW - timedelta(days=20), total=12)
    phq9(alice, when=NOW - timedelta(days=6), total=11)
    for days in (1, 3, 5, 7):
        Activation.objects.create(
            owner=alice, occurred_at=NOW - timedelta(days=days), trigger="unavailable", intensity=9
        )
    html = home(alice_client)
    assert HELP in html and "It might help to talk to a professional" in html
    assert 'data-reason="phq9_high"' in html and "(12, then 11)" in html
    assert 'data-reason="high_activations"' in html and 'data-reason="item9"' not in html
    assert 'href="/check-ins/summary/"' in html and "This is not a diagnosis" in html


@time_machine.travel(NOW, tick=False)
def test_an_item_9_flag_alone_is_a_reason_and_other_peoples_flags_are_not(alice, charlie, alice_client, charlie_client):
    phq9(alice, when=NOW - timedelta(days=30), item9=1)  # past the card's 14 days, inside the 8 weeks
    html = home(alice_client)
    assert CARD not in html and 'data-reason="item9"' in html
    assert HELP not in home(charlie_client)


@time_machine.travel(NOW, tick=False)
def test_two_high_phq_9s_in_a_row_count_across_the_year_and_no_further(alice, charlie, alice_client, charlie_client):
    # The latest is recent; the one before it is older than eight weeks but inside the year: a pattern.
    phq9(alice, when=NOW - timedelta(days=100), total=12)
    phq9(alice, when=NOW - timedelta(days=6), total=11)
    html = home(alice_client)
    assert 'data-reason="phq9_high"' in html and "(12, then 11)" in html
    # The one before it is older than the year: it says nothing about now.
    phq9(charlie, when=NOW - timedelta(days=400), total=12)
    phq9(charlie, when=NOW - timedelta(days=6), total=11)
    assert 'data-reason="phq9_high"' not in home(charlie_client)
