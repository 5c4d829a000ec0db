"""The access log's own page (checklist item 45): every day the partner was shown something, and what, and the days
one used Emergency Reset. The Safety Check (who can see or get in now) links here and reads none of it. Only to its
owner."""

from datetime import timedelta

from django.utils import timezone

from earnedsecure.partners import services
from earnedsecure.partners.models import CHECK_IN_READ, AccessRecord
from tests.partners.helpers import link
from tests.personas import _signed_in_client

URL = "/together/safety-check/access/"
DAYS = 9  # more than a week of days, each with every category
# The Safety Check for a linked person (as in test_page_queries), whatever their log and resets hold.
SAFETY_CHECK_QUERIES = 11


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>")[0]


def _seen(owner, *, days: int, categories=("status", "week", "stage", CHECK_IN_READ)):
    """The partner was shown each of ``categories`` on each of the last ``days`` days (the fullest days there are)."""
    today = timezone.now().date()
    for back in range(days):
        for category in categories:
            AccessRecord.objects.create(owner=owner, category=category, day=today - timedelta(days=back))


def _day(day) -> str:
    return f"<td>{day.day} {day:%b %Y}</td>"


def test_it_works(alice, alice_client):
    _seen(alice, days=DAYS)
    page = _main(alice_client.get(URL))
    oldest = timezone.now().date() - timedelta(days=DAYS - 1)
    assert _day(oldest) in page and page.count("<tr><td>") == DAYS
    row = "The weekly check-ins you showed, Where I am on the path, How I am, How last week went"  # the log's order
    assert page.count(f"<td>{row}</td>") == DAYS
    assert "Never used." in page  # no emergency reset yet


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, charlie_client):
    _seen(alice, days=2)
    page = _main(charlie_client.get(URL))
    assert "<td>" not in page and "Never." in page


def test_the_safety_check_links_here_and_reads_none_of_it(alice, bob, alice_client, django_assert_num_queries):
    link(alice, bob)
    alice_client.get("/together/safety-check/")
    with django_assert_num_queries(SAFETY_CHECK_QUERIES):  # an empty log and no resets
        alice_client.get("/together/safety-check/")
    _seen(alice, days=DAYS)
    services.emergency_reset(user=alice, keep_session_key=None, now=timezone.now())
    link(alice, bob)
    client = _signed_in_client(alice)
    client.get("/together/safety-check/")
    with django_assert_num_queries(SAFETY_CHECK_QUERIES):  # the same with both: neither is read
        page = _main(client.get("/together/safety-check/"))
    assert f'href="{URL}">When your partner saw what</a>' in page and "<td>" not in page and "You used it" not in page


def test_it_lists_the_days_one_used_emergency_reset(alice, bob, charlie_client):
    link(alice, bob)
    services.emergency_reset(user=alice, keep_session_key=None, now=timezone.now())
    today = services.local_day(alice, timezone.now())
    page = _main(_signed_in_client(alice).get(URL))
    assert f"You used it on {today.day} {today:%b %Y}." in page
    assert "You used it" not in _main(charlie_client.get(URL)) and "Never used." in _main(charlie_client.get(URL))


def test_it_stays_open_with_consent_withdrawn(alice, alice_client):
    from earnedsecure.accounts.models import Consent
    from earnedsecure.accounts.services import consent_withdraw

    _seen(alice, days=1)
    consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    response = alice_client.get(URL)
    assert response.status_code == 200 and "How I am" in _main(response)


def test_the_partner_never_sees_the_log(alice, bob):
    link(alice, bob)
    _seen(alice, days=2)
    assert "<td>" not in _main(_signed_in_client(bob).get(URL))
