"""The Together page: linked or not, what the partner shows, what one shows (checklist items 35, 37, 38, 39)."""

from django.utils import timezone

from earnedsecure.domain.together.sharing import Category, Status
from earnedsecure.partners import services
from tests.partners.helpers import link, page_bytes, partner_section, show
from tests.personas import _signed_in_client


def test_it_works(alice_client):
    response = alice_client.get("/together/")
    assert response.status_code == 200
    assert b"four private questions" in response.content
    assert "no-store" in response["Cache-Control"]


def test_it_requires_login(client, db):
    response = client.get("/together/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie, charlie_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    services.status_choose(owner=alice, status=Status.REASSURANCE, now=timezone.now())
    page = charlie_client.get("/together/").content.decode()
    assert "Alice" not in page and "reassurance" not in page and "Linked since" not in page


def test_after_linking_nothing_is_shown_either_way(alice, bob):
    link(alice, bob)
    services.status_choose(owner=alice, status=Status.REASSURANCE, now=timezone.now())
    page = partner_section(_signed_in_client(bob).get("/together/").content.decode())
    assert "What Alice shows you" in page and "Nothing shown to you yet" in page
    assert "reassurance" not in page


def test_the_partner_sees_only_what_was_chosen(alice, bob):
    link(alice, bob)
    services.status_choose(owner=alice, status=Status.REASSURANCE, now=timezone.now())
    services.categories_choose(owner=alice, categories={Category.STATUS})
    page = partner_section(_signed_in_client(bob).get("/together/").content.decode())
    assert "I could use some reassurance" in page
    assert "How last week went" not in page and "Where I am on the path" not in page


def test_after_revoking_the_page_is_byte_for_byte_nothing_shared_yet(alice, bob, mailoutbox):
    link(alice, bob)
    bob_client = _signed_in_client(bob)
    nothing_yet = page_bytes(bob_client.get("/together/"))
    services.status_choose(owner=alice, status=Status.SPACE, now=timezone.now())
    alice_client = _signed_in_client(alice)
    show(alice_client, Category)  # showing more: the password again, typed where the page asks for it
    assert page_bytes(bob_client.get("/together/")) != nothing_yet  # shown, so the comparison can fail
    alice_client.post("/together/choose/", {})  # narrowed to nothing: no password asked
    assert page_bytes(bob_client.get("/together/")) == nothing_yet
    assert mailoutbox == []


def test_choosing_needs_a_link(alice, alice_client):
    show(alice_client, [Category.STATUS])
    assert services.Share.objects.filter(owner=alice).count() == 0


def test_unknown_categories_are_refused(alice, bob, alice_client):
    link(alice, bob)
    assert alice_client.post("/together/choose/", {"categories": ["diary", "status"]}).status_code == 400
    assert services.Share.objects.filter(owner=alice).count() == 0


def test_withdrawing_consent_shows_the_partner_nothing(alice, bob):
    from earnedsecure.accounts.services import consent_give, consent_withdraw

    link(alice, bob)
    bob_client = _signed_in_client(bob)
    nothing_yet = page_bytes(bob_client.get("/together/"))
    services.status_choose(owner=alice, status=Status.OKAY, now=timezone.now())
    services.categories_choose(owner=alice, categories=set(Category))
    consent_withdraw(user=alice, purpose="core")
    assert page_bytes(bob_client.get("/together/")) == nothing_yet
    consent_give(user=alice)
    assert "I&#x27;m doing okay" in partner_section(bob_client.get("/together/").content.decode())
