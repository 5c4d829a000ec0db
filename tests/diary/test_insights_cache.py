"""The insights page is computed on every visit: a change shows at once, and two people never see each
other's numbers (each test fails if the figures are kept under a key that is not the person's own)."""

import re

from earnedsecure.diary import services
from earnedsecure.diary.insights_page import CHARTS_AFTER


def _numbers(client):
    response = client.get("/diary/insights/?range=all")
    assert response.status_code == 200
    # The CSRF token is masked differently on every render; everything else must match.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _enough_to_chart(owner, count=CHARTS_AFTER - 1):
    """Earlier entries, so the page draws its charts (fewer than CHARTS_AFTER and it only says what will come)."""
    for _ in range(count):
        services.activation_create(owner=owner, trigger="other", intensity=5)


def test_it_shows_a_new_entry_at_once(alice_client, alice):
    _enough_to_chart(alice)
    services.activation_create(owner=alice, trigger="uncertainty", intensity=6)
    before = _numbers(alice_client)
    assert _numbers(alice_client) == before  # served again, unchanged
    services.activation_create(owner=alice, trigger="threat", intensity=9)
    assert _numbers(alice_client) != before


def test_it_shows_an_edit_and_a_deletion_at_once(alice_client, alice):
    _enough_to_chart(alice)
    first = services.activation_create(owner=alice, trigger="uncertainty", intensity=6)
    services.activation_create(owner=alice, trigger="uncertainty", intensity=2)
    before = _numbers(alice_client)
    first.intensity = 10
    first.save()
    edited = _numbers(alice_client)
    assert edited != before
    first.delete()
    assert _numbers(alice_client) != edited


def test_two_people_get_two_answers(alice_client, alice, bob, client):
    """Alice has five activations and Bob seven; whoever visits first, each page counts its own."""
    _enough_to_chart(alice, 5)
    _enough_to_chart(bob, 7)
    client.force_login(bob)
    for _ in range(2):  # twice, so a second visit could be served from anything kept after the first
        assert "5 activations over" in _numbers(alice_client)
        assert "7 activations over" in _numbers(client)
