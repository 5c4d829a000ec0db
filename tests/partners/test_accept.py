"""Entering a partner's code (checklist items 34 and 46): from one's own account after re-authentication; one
answer for every code that does not link; a few wrong codes an hour; blocked people never link again."""

from datetime import timedelta

from django.utils import timezone

from earnedsecure.domain.together.sharing import WRONG_CODES_PER_HOUR
from earnedsecure.partners import selectors, services
from earnedsecure.partners.models import Link
from tests.partners.helpers import link, reauthenticate
from tests.personas import _signed_in_client


def test_it_works(alice, bob):
    code = services.invite_create(owner=alice, now=timezone.now())
    client = _signed_in_client(bob)
    reauthenticate(client)
    assert client.get("/together/enter-code/").status_code == 200
    response = client.post("/together/enter-code/", {"code": code.lower()[:5] + " " + code.lower()[5:]})
    assert response.status_code == 302
    assert selectors.link_for(user=bob).partner == alice and selectors.link_for(user=alice).partner == bob


def test_it_requires_login(client, db):
    response = client.post("/together/enter-code/", {"code": "ABCDEABCDE"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_requires_a_recent_password(alice, bob):
    code = services.invite_create(owner=alice, now=timezone.now())
    response = _signed_in_client(bob).post("/together/enter-code/", {"code": code})
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert not Link.objects.exists()


def test_it_hides_other_peoples_data(alice, bob, charlie_client):
    link(alice, bob)
    reauthenticate(charlie_client)
    page = charlie_client.get("/together/enter-code/").content.decode()
    assert "Alice" not in page and "Bob" not in page


def test_before_the_code_is_entered_the_partner_has_nothing(alice, bob):
    services.invite_create(owner=alice, now=timezone.now())
    assert selectors.partner_view(viewer=bob, now=timezone.now()) is None
    assert "Alice" not in _signed_in_client(bob).get("/together/").content.decode()


def test_the_inviter_cannot_enter_their_own_code(alice, alice_client):
    code = services.invite_create(owner=alice, now=timezone.now())
    reauthenticate(alice_client)
    assert alice_client.post("/together/enter-code/", {"code": code}).status_code == 403
    assert not Link.objects.exists()


def test_every_code_that_does_not_link_gets_the_same_answer(alice, bob, charlie, theo):
    now = timezone.now()
    used = link(alice, theo)
    expired = services.invite_create(owner=charlie, now=now - timedelta(hours=73))
    client = _signed_in_client(bob)
    reauthenticate(client)
    answers = {
        client.post("/together/enter-code/", {"code": typed}).content.decode().count("That code doesn")
        for typed in ("ABCDEFGHJK", used, expired)
    }
    assert answers == {1}
    assert selectors.link_for(user=bob) is None


def test_wrong_codes_are_limited_per_hour(alice, bob):
    client = _signed_in_client(bob)
    reauthenticate(client)
    for _ in range(WRONG_CODES_PER_HOUR):
        assert client.post("/together/enter-code/", {"code": "ABCDEFGHJK"}).status_code == 200
    right = services.invite_create(owner=alice, now=timezone.now())
    assert client.post("/together/enter-code/", {"code": right}).status_code == 429
    assert selectors.link_for(user=bob) is None


def test_a_block_ends_the_link_and_refuses_their_codes_silently(alice, bob, mailoutbox):
    link(alice, bob)
    services.partner_block(user=bob, now=timezone.now())
    assert selectors.link_for(user=alice) is None and selectors.link_for(user=bob) is None
    again = services.invite_create(owner=alice, now=timezone.now())
    assert services.invite_accept(user=bob, typed=again, now=timezone.now()) is None
    # Nor can the blocked person enter the blocker's code; and nothing tells either of them why.
    theirs = services.invite_create(owner=bob, now=timezone.now())
    assert services.invite_accept(user=alice, typed=theirs, now=timezone.now()) is None
    assert mailoutbox == []


def test_relinking_starts_with_nothing_shown(alice, bob):
    link(alice, bob)
    services.categories_choose(owner=alice, categories={services.Category.STATUS})
    services.link_end(user=bob)
    link(bob, alice)
    assert selectors.shared_categories(owner=alice) == []
