"""/api/v1/docs: the API's reference as a page of the app, with nothing loaded from anywhere else."""

import re


def test_it_works(alice_client):
    response = alice_client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v1/diary/activations" in page
    assert 'href="/api/v1/openapi.json"' in page


def test_it_requires_login(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 401


def test_it_loads_nothing_from_another_site(alice_client):
    page = alice_client.get("/api/v1/docs").content.decode()
    # Every src and href is a path of this app: no scheme, no protocol-relative //host.
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert addresses
    outside = [a for a in addresses if not a.startswith(("/", "#")) or a.startswith("//")]
    # Quick exit's neutral site is in a data- attribute, not loaded; nothing else may point outside.
    assert outside == []
    assert "cdn" not in page.lower()


def test_it_has_quick_exit_and_the_crisis_link(alice_client):
    page = alice_client.get("/api/v1/docs").content.decode()
    assert 'id="quick-exit"' in page
    assert 'href="/help/crisis/"' in page
