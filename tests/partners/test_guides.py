"""The partner guide, linked from Together for people linked and people alone (issue 14: the partner guide,
and "solo when the partner won't join")."""

from earnedsecure.content.loader import get_lesson
from earnedsecure.partners.views import PARTNER_GUIDE
from tests.partners.helpers import link
from tests.personas import _signed_in_client

GUIDE_URL = f"/learn/{PARTNER_GUIDE}/"


def test_a_person_alone_is_given_the_guide_and_told_it_works_for_one(alice_client):
    page = alice_client.get("/together/").content.decode()
    assert f'href="{GUIDE_URL}"' in page
    assert "These work for one person too" in page


def test_both_linked_people_are_given_the_guide(alice, bob):
    link(alice, bob)
    for person in (alice, bob):
        page = _signed_in_client(person).get("/together/").content.decode()
        assert f'href="{GUIDE_URL}"' in page
        assert "These work for one person too" not in page


def test_the_guide_covers_what_the_issue_asks_and_its_limits(alice_client):
    body = " ".join(get_lesson(PARTNER_GUIDE).body_markdown.split())
    for heading in (
        "## Look beneath the behaviour",
        "## What helps",
        "## What hurts",
        "## Words to try",
        "## Where this stops",
        "## If you're doing this alone",
    ):
        assert heading in body
    # The limits: it never asks anyone to put up with abuse, and it points to the safety lesson and the DV lines.
    assert "Nothing here asks you to put up with that" in body
    assert "(/learn/anxiety-or-not-safe/)" in body and "(/help/crisis/)" in body
    assert alice_client.get(GUIDE_URL).status_code == 200
