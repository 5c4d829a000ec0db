"""The Together page's choices (how one is, what one shows, the time-out terms) in plain HTML: every choice of the
form is offered, under the form's own words, and what is stored is what is ticked."""

import re

from django.utils import timezone

from earnedsecure.domain.together.sharing import Category, Status
from earnedsecure.partners import services
from earnedsecure.partners.forms import CategoriesForm, StatusForm, TimeoutTermsForm
from tests.partners.helpers import agree_timeouts, link

INPUT = re.compile(r"<input ([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)(?:="([^"]*)")?')


def _inputs(page: str, name: str) -> list[dict[str, str]]:
    found = [dict(ATTRIBUTE.findall(attributes)) for attributes in INPUT.findall(page)]
    return [attributes for attributes in found if attributes.get("name") == name]


def _offered(page: str, name: str) -> list[str]:
    return [attributes["value"] for attributes in _inputs(page, name)]


def _ticked(page: str, name: str) -> set[str]:
    return {attributes["value"] for attributes in _inputs(page, name) if "checked" in attributes}


def _choices(form_class, name: str) -> list[str]:
    return [str(value) for value, _ in form_class.base_fields[name].choices]


def test_it_ticks_what_is_stored(alice, bob, alice_client):
    link(alice, bob)
    services.status_choose(owner=alice, status=Status.SPACE, now=timezone.now())
    services.categories_choose(owner=alice, categories={Category.STATUS, Category.STAGE})
    agree_timeouts(bob, alice, longest_minutes=120, place="walk")
    page = alice_client.get("/together/").content.decode()
    terms = alice_client.get("/together/time-out/terms/").content.decode()  # a couple's terms: their own page
    assert _offered(page, "status") == _choices(StatusForm, "status")
    assert _offered(page, "categories") == _choices(CategoriesForm, "categories")
    assert _offered(terms, "longest_minutes") == _choices(TimeoutTermsForm, "longest_minutes")
    assert _offered(terms, "place") == _choices(TimeoutTermsForm, "place")
    assert _ticked(page, "status") == {"space"}
    assert _ticked(page, "categories") == {"status", "stage"}
    assert _ticked(terms, "longest_minutes") == {"120"}
    assert _ticked(terms, "place") == {"walk"}
    assert "<legend>What your partner may see:</legend>" in page
    assert 'type="checkbox" name="categories"' in page and 'type="radio" name="status"' in page


def test_with_nothing_stored_no_status_is_ticked_and_no_length_chosen(alice, bob, alice_client):
    link(alice, bob)
    page = alice_client.get("/together/").content.decode()
    terms = alice_client.get("/together/time-out/terms/").content.decode()
    assert _ticked(page, "status") == {""}  # "No status"
    assert _ticked(page, "categories") == set()
    assert _ticked(terms, "longest_minutes") == set()
    assert all("required" in attributes for attributes in _inputs(terms, "longest_minutes"))
    assert not any("required" in attributes for attributes in _inputs(terms, "place"))


def test_alone_ones_own_plan_is_ticked(alice, alice_client):
    services.timeout_agreement_propose(owner=alice, longest_minutes=30, place="sofa", now=timezone.now())
    page = alice_client.get("/together/").content.decode()
    assert _ticked(page, "longest_minutes") == {"30"} and _ticked(page, "place") == {"sofa"}
    assert _offered(page, "status") == []  # not linked: no status to choose
