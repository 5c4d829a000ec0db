"""The insights page is computed on every visit: a change shows at once, and two people never see each
other's numbers (each test fails if the figures are kept under a key that is not the person's own)."""

import re

from earnedsecure.diary import services


def _numbers(client):
    response = client.get("/diary/insights/?range=all")
    assert response.status_code == 200
    # The CSRF token is masked differently on every render; everything else must match.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_it_shows_a_new_entry_at_once(alice_client, alice):
    services.activation_create(owner=alice, trigger="uncertainty", intensity=6)
    before = _numbers(alice_client)
    assert _numbers(alice_client) == before  # served again, unchanged
    services.activation_create(owner=alice, trigger="threat", intensity=9)
    assert _numbers(alice_client) != before


def test_it_shows_an_edit_and_a_deletion_at_once(alice_client, alice):
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
    """Alice has one activation and Bob three; whoever visits first, each page counts its own."""
    services.activation_create(owner=alice, trigger="uncertainty", intensity=6)
    for _ in range(3):
        services.activation_create(owner=bob, trigger="threat", intensity=8)
    client.force_login(bob)
    for _ in range(2):  # twice, so a second visit could be served from anything kept after the first
        assert "1 activations over" in _numbers(alice_client)
        assert "3 activations over" in _numbers(client)
