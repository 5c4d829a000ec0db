"""Choosing what the partner sees (checklist items 24 and 38): showing more asks for the password again, and the
choice survives it; showing less, unlinking and blocking never ask for anything (leaving is never slowed down)."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from earnedsecure.domain.together.sharing import Category
from earnedsecure.partners import selectors, services
from earnedsecure.partners.models import Block, Link
from tests.partners.helpers import link, reauthenticate
from tests.personas import PASSWORD

REAUTH = "/accounts/reauthenticate/"


def test_it_works(alice, bob, alice_client):
    link(alice, bob)
    reauthenticate(alice_client)
    response = alice_client.post("/together/choose/", {"categories": ["status", "week"]})
    assert response.status_code == 302 and response["Location"] == "/together/"
    assert selectors.shared_categories(owner=alice) == [Category.STATUS, Category.WEEK]


def test_it_requires_login(client, db):
    response = client.post("/together/choose/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie, charlie_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories={Category.STATUS})
    reauthenticate(charlie_client)
    charlie_client.post("/together/choose/", {"categories": []})  # Charlie is not linked: only his own rows
    assert selectors.shared_categories(owner=alice) == [Category.STATUS]


def test_showing_more_without_a_recent_password_asks_for_it_and_changes_nothing(alice, bob, alice_client):
    link(alice, bob)  # signed in (force_login): no password typed in this session
    response = alice_client.post("/together/choose/", {"categories": ["status"]})
    assert response.status_code == 302 and response["Location"].startswith(REAUTH)
    assert selectors.shared_categories(owner=alice) == []


def test_adding_one_more_to_what_is_shown_asks_for_the_password(alice, bob, alice_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories={Category.STATUS})
    response = alice_client.post("/together/choose/", {"categories": ["status", "stage"]})
    assert response["Location"].startswith(REAUTH)
    assert selectors.shared_categories(owner=alice) == [Category.STATUS]


def test_after_the_password_the_choice_is_applied(alice, bob, alice_client):
    link(alice, bob)
    asked = alice_client.post("/together/choose/", {"categories": ["status", "week"]})
    response = alice_client.post(asked["Location"], {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/together/"
    assert selectors.shared_categories(owner=alice) == [Category.STATUS, Category.WEEK]
    assert b"Saved. Your partner sees exactly this from now on." in alice_client.get("/together/").content


def test_a_wrong_password_applies_nothing(alice, bob, alice_client):
    link(alice, bob)
    asked = alice_client.post("/together/choose/", {"categories": ["status"]})
    response = alice_client.post(asked["Location"], {"password": "not the password"})
    assert response.status_code == 200
    assert selectors.shared_categories(owner=alice) == []


def test_the_password_counts_for_five_minutes(alice, bob, alice_client):
    link(alice, bob)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        reauthenticate(alice_client)
        traveller.shift(timedelta(minutes=4))
        assert alice_client.post("/together/choose/", {"categories": ["status"]})["Location"] == "/together/"
        traveller.shift(timedelta(minutes=2))
        assert alice_client.post("/together/choose/", {"categories": ["status", "week"]})["Location"].startswith(REAUTH)
    assert selectors.shared_categories(owner=alice) == [Category.STATUS]


def test_showing_less_needs_no_password(alice, bob, alice_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    response = alice_client.post("/together/choose/", {"categories": ["week"]})
    assert response.status_code == 302 and response["Location"] == "/together/"
    assert selectors.shared_categories(owner=alice) == [Category.WEEK]
    assert alice_client.post("/together/choose/", {})["Location"] == "/together/"
    assert selectors.shared_categories(owner=alice) == []


def test_saving_the_same_choice_again_needs_no_password(alice, bob, alice_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories={Category.STATUS})
    assert alice_client.post("/together/choose/", {"categories": ["status"]})["Location"] == "/together/"


def test_unlinking_and_blocking_need_no_password(alice, bob, charlie, alice_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    assert alice_client.post("/together/unlink/")["Location"] == "/together/"
    assert not Link.objects.exists() and selectors.shared_categories(owner=alice) == []
    link(charlie, alice)
    assert alice_client.post("/together/block/")["Location"] == "/together/"
    assert not Link.objects.exists() and Block.objects.filter(owner=alice).exists()


def test_the_page_says_showing_more_asks_for_the_password(alice, bob, alice_client):
    link(alice, bob)
    assert b"showing more asks for your password again" in alice_client.get("/together/").content
