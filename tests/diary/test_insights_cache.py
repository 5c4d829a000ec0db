import re

from earnedsecure.diary import services


def _numbers(client):
    response = client.get("/diary/insights/?range=all")
    assert response.status_code == 200
    # The CSRF token is masked differently on every render; everything else must match.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_it_shows_a_new_entry_at_once_despite_the_cache(alice_client, alice):
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


def test_the_cache_never_mixes_two_people(alice_client, alice, bob, client):
    services.activation_create(owner=alice, trigger="uncertainty", intensity=6)
    alice_page = _numbers(alice_client)
    client.force_login(bob)
    bob_page = client.get("/diary/insights/?range=all").content.decode()
    assert bob_page != alice_page
