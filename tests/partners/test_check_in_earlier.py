"""The earlier check-ins, four weeks at a time: one's own beside those the linked partner showed, through the same
door as the check-in page (only while linked, only the weeks shown to this person, nothing after the partner
withdrew their consent)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from earnedsecure.domain.progress.figures import week_start
from earnedsecure.partners import services
from earnedsecure.partners.models import CHECK_IN_READ, AccessRecord, CheckIn
from tests.partners.helpers import link
from tests.personas import _signed_in_client

URL = "/together/check-in/earlier/"


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>")[0]


def _weeks_ago(weeks: int):
    return timezone.now() - timedelta(weeks=weeks)


def _answered(owner, words: str, *, weeks_ago: int, share: bool = False):
    services.check_in_save(owner=owner, answers={"went_well": words}, share=share, now=_weeks_ago(weeks_ago))


def _joined(user, *, weeks_ago: int):
    user.date_joined = _weeks_ago(weeks_ago)
    user.save(update_fields=["date_joined"])


def test_it_works(alice, alice_client):
    _joined(alice, weeks_ago=10)
    _answered(alice, "A walk this week", weeks_ago=0)
    _answered(alice, "Pancakes last week", weeks_ago=1)
    _answered(alice, "An old film night", weeks_ago=6)
    response = alice_client.get(URL)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = _main(response)
    # The four weeks before this one: this week is the check-in page's, the sixth week back is older.
    assert "Pancakes last week" in page and "A walk this week" not in page and "film night" not in page
    older = week_start(timezone.now(), alice.zone).date() - timedelta(weeks=4)
    assert f'href="{URL}?before={older.isoformat()}">Older weeks</a>' in page
    assert "film night" in _main(alice_client.get(f"{URL}?before={older.isoformat()}"))


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie, charlie_client):
    link(alice, bob)
    _answered(alice, "pancakes", weeks_ago=1, share=True)
    page = _main(charlie_client.get(URL))
    assert "pancakes" not in page and "Alice" not in page


def test_the_partner_reads_only_the_weeks_shown_to_them_while_they_consent(alice, bob):
    from earnedsecure.accounts.models import Consent
    from earnedsecure.accounts.services import consent_withdraw

    link(alice, bob)
    _answered(alice, "Shown pancakes", weeks_ago=1, share=True)
    _answered(alice, "Kept film night", weeks_ago=2)
    bob_client = _signed_in_client(bob)
    page = _main(bob_client.get(URL))
    assert "What Alice showed you" in page and "Shown pancakes" in page and "Kept film night" not in page
    consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    assert "pancakes" not in _main(bob_client.get(URL))


def test_an_unlinked_partner_reads_nothing(alice, bob):
    link(alice, bob)
    _answered(alice, "Shown pancakes", weeks_ago=1, share=True)
    services.link_end(user=alice)
    page = _main(_signed_in_client(bob).get(URL))
    assert "pancakes" not in page and "Alice" not in page


def test_the_days_the_partner_read_them_are_in_the_owners_access_log(alice, bob):
    link(alice, bob)
    _answered(alice, "Shown pancakes", weeks_ago=1, share=True)
    _signed_in_client(bob).get(URL)
    assert list(AccessRecord.objects.filter(owner=alice).values_list("category", flat=True)) == [CHECK_IN_READ]
    _signed_in_client(alice).get(URL)  # one's own weeks note nothing
    assert not AccessRecord.objects.filter(owner=bob).exists()


def test_a_week_that_is_not_a_date_is_refused_and_a_later_one_is_this_week(alice, alice_client):
    assert alice_client.get(f"{URL}?before=soon").status_code == 400
    _answered(alice, "A walk this week", weeks_ago=0)
    later = (timezone.now() + timedelta(weeks=8)).date().isoformat()
    assert "A walk this week" not in _main(alice_client.get(f"{URL}?before={later}"))


def test_no_older_weeks_are_offered_before_the_account_began(alice, alice_client):
    _joined(alice, weeks_ago=3)
    page = _main(alice_client.get(URL))
    assert "Older weeks" not in page and "None in these weeks" in page


@pytest.mark.parametrize(("joined_weeks_ago", "linked"), [(0, False), (3, True)])
def test_the_check_in_page_links_here_once_there_can_be_earlier_weeks(alice, alice_client, joined_weeks_ago, linked):
    _joined(alice, weeks_ago=joined_weeks_ago)
    page = _main(alice_client.get("/together/check-in/"))
    assert (f'href="{URL}"' in page) is linked


def test_hiding_a_week_comes_back_here(alice, bob, alice_client):
    link(alice, bob)
    _answered(alice, "Shown pancakes", weeks_ago=1, share=True)
    week = CheckIn.objects.get(owner=alice).week
    response = alice_client.post("/together/check-in/hide/", {"week": week.isoformat()})
    assert response.status_code == 302 and response["Location"] == URL
    assert CheckIn.objects.get(owner=alice).shared_with is None
