"""Withdrawing consent from the settings page: said plainly, done at once, undone by agreeing again."""

from django.utils import timezone

from earnedsecure.accounts.services import has_core_consent
from earnedsecure.diary.models import Activation


def test_it_explains_what_withdrawing_means(alice_client):
    page = alice_client.get("/account/settings/").content.decode()
    assert 'action="/account/consent/withdraw/"' in page
    assert "nothing is deleted" in page
    assert "nothing new is stored or analysed" in page
    assert "safety plan" in page


def test_it_works(alice, alice_client):
    response = alice_client.post("/account/consent/withdraw/")
    assert response["Location"] == "/account/settings/"
    assert not has_core_consent(alice)
    assert alice_client.get("/diary/")["Location"].startswith("/account/consent/")
    page = alice_client.get("/account/settings/").content.decode()
    assert "You have withdrawn your agreement" in page
    assert 'href="/account/consent/"' in page


def test_nothing_is_deleted_and_agreeing_again_opens_the_notebook(alice, alice_client):
    Activation.objects.create(owner=alice, occurred_at=timezone.now(), trigger="threat", intensity=5)
    alice_client.post("/account/consent/withdraw/")
    assert Activation.objects.filter(owner=alice).count() == 1
    alice_client.post("/account/consent/", {"agree": "on", "next": "/diary/"})
    assert alice_client.get("/diary/").status_code == 200


def test_it_needs_a_post(alice, alice_client):
    assert alice_client.get("/account/consent/withdraw/").status_code == 405
    assert has_core_consent(alice)


def test_it_requires_login(client, db):
    response = client.post("/account/consent/withdraw/")
    assert response["Location"].startswith("/accounts/login/")
