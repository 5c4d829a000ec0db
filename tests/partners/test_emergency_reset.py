"""Emergency Reset (checklist item 42): after re-authentication, ends the link, what is shown and every unused
code, signs out every other session, asks for a new password, and tells nobody."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from earnedsecure.domain.together.sharing import Category
from earnedsecure.partners import selectors, services
from earnedsecure.partners.models import EmergencyReset
from tests.partners.helpers import link, page_bytes, reauthenticate
from tests.personas import PASSWORD, _signed_in_client


def _sign_in(user) -> Client:
    """A real sign-in (allauth's), so that the session is listed among the person's sessions."""
    client = Client()
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_it_works(alice, bob, mailoutbox):
    bob_client = _signed_in_client(bob)
    never_linked = page_bytes(bob_client.get("/together/"))
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    code = services.invite_create(owner=alice, now=timezone.now())
    other_device = _sign_in(alice)
    this_device = _sign_in(alice)
    reauthenticate(this_device)
    assert this_device.get("/together/safety-check/reset/").status_code == 200

    response = this_device.post("/together/safety-check/reset/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/"
    assert selectors.link_for(user=alice) is None and selectors.link_for(user=bob) is None
    assert selectors.shared_categories(owner=alice) == []
    assert services.invite_accept(user=bob, typed=code, now=timezone.now()) is None  # the code is dead
    assert other_device.get("/home/").status_code == 302  # signed out
    assert this_device.get("/home/").status_code == 200  # still signed in here
    assert EmergencyReset.objects.filter(owner=alice).count() == 1
    assert mailoutbox == []
    # Bob's page is byte for byte the page of someone never linked: nothing says a reset happened.
    assert page_bytes(bob_client.get("/together/")) == never_linked
    assert not EmergencyReset.objects.filter(owner=bob).exists()


def test_it_requires_login(client, db):
    response = client.post("/together/safety-check/reset/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_requires_a_recent_password(alice, bob, alice_client):
    link(alice, bob)
    response = alice_client.post("/together/safety-check/reset/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert selectors.link_for(user=alice) is not None


def test_it_hides_other_peoples_data(alice, bob, charlie, charlie_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    reauthenticate(charlie_client)
    charlie_client.post("/together/safety-check/reset/")
    assert selectors.link_for(user=alice) is not None and selectors.shared_categories(owner=alice)
    assert Session.objects.count() >= 1
    assert "Alice" not in charlie_client.get("/together/safety-check/").content.decode()


def test_it_works_without_consent_too(alice, bob):
    from earnedsecure.accounts.services import consent_withdraw

    link(alice, bob)
    consent_withdraw(user=alice, purpose="core")
    client = _sign_in(alice)
    assert client.get("/together/safety-check/").status_code == 200
    reauthenticate(client)
    assert client.post("/together/safety-check/reset/").status_code == 302
    assert selectors.link_for(user=bob) is None
