"""The Safety Check page (checklist items 42 and 45): the link and what is shown, sessions, two-step sign-in, the
recovery address, and a link to the days on which the partner was shown what (their own page); only to its owner."""

from django.utils import timezone

from earnedsecure.domain.together.sharing import Category, Status
from earnedsecure.partners import services
from earnedsecure.partners.models import AccessRecord
from tests.partners.helpers import link
from tests.personas import _signed_in_client


def test_it_works(alice, bob, alice_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories={Category.STATUS})
    page = alice_client.get("/together/safety-check/").content.decode()
    assert "Linked with <strong>Bob</strong>" in page and "They can see: How I am." in page
    assert "alice@example.com" in page and "Two-step sign-in: off" in page
    assert "Emergency reset" in page


def test_it_requires_login(client, db):
    response = client.get("/together/safety-check/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie_client):
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    _signed_in_client(bob).get("/together/")  # Bob is shown Alice's categories: rows in Alice's log
    page = charlie_client.get("/together/safety-check/").content.decode()
    assert "Not linked with anyone" in page and "Bob" not in page and "alice@" not in page
    assert "<td>How I am</td>" not in page


def test_it_lists_the_days_the_partner_was_shown_what(alice, bob, alice_client):
    link(alice, bob)
    services.status_choose(owner=alice, status=Status.OKAY, now=timezone.now())
    bob_client = _signed_in_client(bob)
    bob_client.get("/together/")  # nothing shown yet: nothing to log
    assert not AccessRecord.objects.exists()
    services.categories_choose(owner=alice, categories={Category.STATUS, Category.STAGE})
    bob_client.get("/together/")
    bob_client.get("/together/")
    rows = list(AccessRecord.objects.filter(owner=alice).values_list("category", "day"))
    today = services.local_day(alice, timezone.now())
    assert sorted(rows) == [("stage", today), ("status", today)]  # once a day each, however often shown
    assert (
        'href="/together/safety-check/access/">When your partner saw what'
        in alice_client.get("/together/safety-check/").content.decode()
    )
    page = alice_client.get("/together/safety-check/access/").content.decode()
    # Days and what, never how often: a count per day would tell the person how often their partner opens the
    # app, which is the partner's own activity (and a way to watch them).
    # One row a day, naming what was shown that day.
    day = f"<td>{today.day} {today:%b %Y}</td>"
    assert f"<tr>{day}<td>Where I am on the path, How I am</td></tr>" in page
    assert page.count(day) == 1 and "<td>2</td>" not in page and "Times" not in page
    # The partner never sees the log of what they were shown.
    assert "<td>" not in bob_client.get("/together/safety-check/access/").content.decode()
    assert not AccessRecord.objects.filter(owner=bob).exists()


def test_it_names_each_signed_in_browser_in_words(alice, db):
    from django.test import Client

    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
    client = Client(HTTP_USER_AGENT=firefox)
    from tests.personas import PASSWORD

    signed_in = client.post("/accounts/login/", {"login": alice.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.8")
    assert signed_in.status_code == 302  # a real sign-in, so allauth records the session and its browser
    page = client.get("/together/safety-check/").content.decode()
    where = page.split("Where you are signed in")[1].split("</section>")[0]
    # "Firefox on Windows", not the raw browser string a person cannot read (the full string stays in a tooltip).
    assert ">Firefox on Windows</span>" in where
    assert where.count("Mozilla/5.0") <= 1 and ">Mozilla/5.0" not in where


def test_it_names_the_two_step_methods_in_words(alice, alice_client):
    from allauth.mfa.models import Authenticator

    for kind in (Authenticator.Type.WEBAUTHN, Authenticator.Type.TOTP):
        Authenticator.objects.create(user=alice, type=kind, data={})
    page = alice_client.get("/together/safety-check/").content.decode()
    assert "Two-step sign-in: an authenticator app, a passkey or security key." in page
    assert "TOTP" not in page and "WebAuthn" not in page
