"""The Together pages in a few queries, whatever the length of the couple's history (issue 10's page budget).

The demo couple (Sam, the demo person, and Alex, demo-partner) at two lengths of history: every page costs the
same number of queries for 3 months as for 36, for each of them. The link is read once per page and passed down.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from earnedsecure.core.demo import DEMO_PARTNER_USERNAME, demo_create
from earnedsecure.partners import selectors, services
from earnedsecure.partners.models import Link
from tests.history import HISTORY_MONTHS
from tests.personas import _signed_in_client

PAGES = (
    "/together/",
    "/together/check-in/",
    "/together/check-in/earlier/",
    "/together/safety-check/",
    "/together/safety-check/access/",
    "/together/pattern/",
    "/together/time-out/terms/",
)

# Every page: the session, the user and (but on the Safety Check) the consent the middleware asks for; then the
# link, once. After that, per page:
EXPECTED = {
    # The partner's consent (one's own is the middleware's: the page shows one's own choices only to oneself);
    # the shares and the statuses of both (one query each); the access log's day; the reassurance requests
    # (today's are counted among them when all of them are there, as in the demo); a time-out open now (none in
    # the demo; the terms and the returns are on the time-out page). Alex sees how Sam's last week went: the
    # diary's figures (two) on top.
    "/together/": {"demo": 10, DEMO_PARTNER_USERNAME: 12},
    # One's own week; the partner's consent and their newest week shown; the day's access-log row for those
    # weeks (read once; written only the first time in a day).
    "/together/check-in/": {"demo": 8, DEMO_PARTNER_USERNAME: 8},
    # The same for four earlier weeks: one's own, the partner's consent and their weeks shown, the access log.
    "/together/check-in/earlier/": {"demo": 8, DEMO_PARTNER_USERNAME: 8},
    # One's consent and shares; sessions, authenticators, addresses, weeks of check-in shown, the pattern chosen,
    # a therapist's grants. What has happened (the access log, the resets) is on the next page, not read here.
    "/together/safety-check/": {"demo": 11, DEMO_PARTNER_USERNAME: 11},
    # The access log and the resets (no consent asked: it is the Safety Check's, and no link read).
    "/together/safety-check/access/": {"demo": 4, DEMO_PARTNER_USERNAME: 4},
    # Both pattern choices in one query; each person's newest ECR-RS or ECR-R (one each); the partner's consent.
    "/together/pattern/": {"demo": 8, DEMO_PARTNER_USERNAME: 8},
    # The time-out page: the agreed terms and the proposals (one query), a time-out open now, and the partner's
    # returns (counted in SQL). No partner's consent is asked: nothing of the partner's own writing is shown.
    "/together/time-out/terms/": {"demo": 7, DEMO_PARTNER_USERNAME: 7},
}


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    client.get("/still-here/")
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["demo", DEMO_PARTNER_USERNAME])
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_each_together_page_costs_the_same_queries_whatever_the_length_of_the_history(
    months, username, django_assert_num_queries
):
    demo_create(months=months)
    client = _client(username)
    for page in PAGES:
        client.get(page)  # the first visit may note the day in the access log
        with django_assert_num_queries(EXPECTED[page][username]):
            response = client.get(page)
        assert response.status_code == 200, page


@pytest.mark.django_db
def test_the_link_is_one_query(alice, bob, django_assert_num_queries):
    Link.objects.create(owner=alice, partner=bob, linked_on=timezone.now().date())
    Link.objects.create(owner=bob, partner=alice, linked_on=timezone.now().date())
    with django_assert_num_queries(1):
        link = selectors.link_for(user=alice)
    with django_assert_num_queries(0):
        assert link.partner == bob  # the partner comes with it


@pytest.mark.django_db
def test_one_side_of_a_link_alone_is_no_link(alice, bob):
    # Links are made and ended in pairs; were one row ever left alone, it would link nobody, on any page.
    Link.objects.create(owner=alice, partner=bob, linked_on=timezone.now().date())
    assert selectors.link_for(user=alice) is None
    assert selectors.partner_view(viewer=alice, now=timezone.now()) is None
    assert selectors.shared_categories(owner=alice) == []
    client = _signed_in_client(alice)
    page = client.get("/together/").content.decode()
    assert "four private questions" in page and "Linked since" not in page
    assert client.get("/together/pattern/").status_code == 302
    assert "Bob" not in client.get("/together/check-in/").content.decode()


@pytest.mark.django_db
def test_the_partners_returns_are_counted_only_while_the_partner_is_away(django_assert_num_queries):
    sam = demo_create(months=HISTORY_MONTHS[0])
    alex = get_user_model().objects.get(username=DEMO_PARTNER_USERNAME)
    client = _client(sam.username)
    client.get("/together/")
    services.timeout_start(owner=sam, minutes=20, now=timezone.now())
    with django_assert_num_queries(EXPECTED["/together/"]["demo"]):  # one's own time-out: nothing to count
        page = client.get("/together/").content.decode()
    assert "You stepped away" in page and "came back" not in page
    services.timeout_end(user=sam, pk=selectors.timeouts(user=sam, now=timezone.now()).mine.pk, now=timezone.now())
    services.timeout_start(owner=alex, minutes=20, now=timezone.now())
    with django_assert_num_queries(EXPECTED["/together/"]["demo"] + 1):  # Alex away: Sam waits, with the evidence
        page = client.get("/together/").content.decode()
    assert "Alex needs some space" in page and "Alex came back" in page
