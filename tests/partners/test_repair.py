"""The repair ritual (issue 14, Rituals): before, during and after a conflict, in the report's shape, as a guided
page for a couple or one person; nothing is kept."""

from django.utils.html import escape

from earnedsecure.domain.together.rituals import REPAIR_RITUAL
from tests.partners.helpers import link
from tests.personas import _signed_in_client

URL = "/together/repair/"


def test_it_works(alice_client):
    page = alice_client.get(URL).content.decode()
    assert [title for _, title, _ in REPAIR_RITUAL] == ["Before", "During", "After"]
    for _, title, steps in REPAIR_RITUAL:
        assert f">{title}</h2>" in page
        for step in steps:
            assert escape(step.title) in page
    # Its limits: for two people who are both safe; the safety lesson and the DV lines.
    assert "/learn/anxiety-or-not-safe/" in page and "/help/crisis/" in page
    assert "or on your own" in page  # alone, it says it works for one person


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie_client):
    link(alice, bob)
    page = charlie_client.get(URL).content.decode()
    assert "Alice" not in page and "Bob" not in page


def test_it_has_no_score_streak_or_count(alice, bob):
    link(alice, bob)
    page = _signed_in_client(alice).get(URL).content.decode().lower()
    for word in ("score", "streak", "points", "in a row"):
        assert word not in page
