"""Unlinking and leaving (checklist items 38, 39; issue 14's "when it ends"): either side, at once, silently;
afterwards each has only their own rows, and a deleted account leaves nothing of itself with the other."""

import pytest
from django.utils import timezone

from earnedsecure.accounts.services import account_delete, account_export
from earnedsecure.domain.together.sharing import Category, Status
from earnedsecure.partners import selectors, services
from earnedsecure.partners.models import Link, Share, TimeOut, TimeoutAgreement
from tests.partners.helpers import agree_timeouts, link
from tests.personas import _signed_in_client


def test_it_works(alice, bob, mailoutbox):
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    response = _signed_in_client(bob).post("/together/unlink/")  # the other side ends it
    assert response.status_code == 302
    assert selectors.partner_view(viewer=bob, now=timezone.now()) is None
    assert selectors.partner_view(viewer=alice, now=timezone.now()) is None
    assert not Share.objects.exists() and not Link.objects.exists()
    assert mailoutbox == []


def test_it_requires_login(client, db):
    response = client.post("/together/unlink/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie_client):
    link(alice, bob)
    charlie_client.post("/together/unlink/")
    charlie_client.post("/together/block/")
    assert selectors.link_for(user=alice).partner == bob  # Charlie cannot end someone else's link


def test_after_unlinking_each_export_holds_only_their_own(alice, bob):
    link(alice, bob)
    services.status_choose(owner=alice, status=Status.OKAY, now=timezone.now())
    services.categories_choose(owner=alice, categories={Category.STATUS})
    services.link_end(user=alice)
    exported = account_export(user=bob)["data"]
    assert exported["partners.link"] == [] and exported["partners.share"] == []
    assert exported["partners.status"] == []
    assert len(account_export(user=alice)["data"]["partners.status"]) == 1  # her own status stays hers


def test_a_deleted_account_leaves_nothing_linked(alice, bob):
    link(alice, bob)
    services.categories_choose(owner=bob, categories=set(Category))
    account_delete(user=alice)
    assert not Link.objects.exists()
    assert selectors.partner_view(viewer=bob, now=timezone.now()) is None
    assert selectors.shared_categories(owner=bob) == []


def _end_by(how, alice, bob):
    if how == "unlink":
        services.link_end(user=bob)
    elif how == "block":
        services.partner_block(user=bob, now=timezone.now())
    elif how == "reset":
        services.emergency_reset(user=bob, keep_session_key=None, now=timezone.now())
    else:
        account_delete(user=bob)


@pytest.mark.parametrize("how", ["unlink", "block", "reset", "delete"])
def test_ending_the_link_ends_an_open_time_out_and_leaves_each_only_their_own_plan(alice, bob, how):
    services.timeout_agreement_propose(owner=alice, longest_minutes=30, place="", now=timezone.now())  # alone
    link(alice, bob)
    agree_timeouts(bob, alice, longest_minutes=120)
    services.timeout_start(owner=alice, minutes=120, now=timezone.now())
    _end_by(how, alice, bob)
    assert not TimeOut.objects.exists()
    assert list(TimeoutAgreement.objects.values_list("owner", "partner", "longest_minutes")) == [(alice.pk, None, 30)]
    assert account_export(user=alice)["data"]["partners.timeout"] == []
    page = _signed_in_client(alice).get("/together/").content.decode()
    assert "Your plan: a time-out lasts at most <strong>30 minutes</strong>" in page
    assert "You stepped away" not in page and "Bob" not in page
