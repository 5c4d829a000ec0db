"""The access log's own page (checklist item 45): every day the partner was shown something, and what; the Safety
Check shows the newest week of days and links here when there are earlier ones. Only to its owner."""

from datetime import timedelta

from django.utils import timezone

from earnedsecure.partners.models import CHECK_IN_READ, AccessRecord
from earnedsecure.partners.selectors import ACCESS_DAYS_SHOWN
from tests.partners.helpers import link
from tests.personas import _signed_in_client

URL = "/together/safety-check/access/"


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
    _seen(alice, days=ACCESS_DAYS_SHOWN + 2)
    page = _main(alice_client.get(URL))
    oldest = timezone.now().date() - timedelta(days=ACCESS_DAYS_SHOWN + 1)
    assert _day(oldest) in page and page.count("<tr><td>") == ACCESS_DAYS_SHOWN + 2
    row = "The weekly check-ins you showed, Where I am on the path, How I am, How last week went"  # the log's order
    assert page.count(f"<td>{row}</td>") == ACCESS_DAYS_SHOWN + 2


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, charlie_client):
    _seen(alice, days=2)
    page = _main(charlie_client.get(URL))
    assert "<td>" not in page and "Never." in page


def test_the_safety_check_shows_the_newest_days_whole_and_links_here_for_the_rest(alice, bob, alice_client):
    link(alice, bob)
    _seen(alice, days=ACCESS_DAYS_SHOWN)  # as many days as are shown, each with every category: no link yet
    page = _main(alice_client.get("/together/safety-check/"))
    assert page.count("<tr><td>") == ACCESS_DAYS_SHOWN and f'href="{URL}"' not in page
    assert page.count("How last week went</td>") == ACCESS_DAYS_SHOWN  # every day whole, its last category too
    oldest = timezone.now().date() - timedelta(days=ACCESS_DAYS_SHOWN)
    AccessRecord.objects.create(owner=alice, category="status", day=oldest)
    page = _main(alice_client.get("/together/safety-check/"))
    assert page.count("<tr><td>") == ACCESS_DAYS_SHOWN and _day(oldest) not in page and f'href="{URL}"' in page
    assert _day(oldest) in _main(alice_client.get(URL))


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
