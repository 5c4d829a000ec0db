"""The couple's time-out terms (issue 14): agreed while calm, one proposes and the other accepts, each from their
own session; alone, a person keeps their own plan "for myself"."""

from django.utils import timezone

from earnedsecure.partners import services
from earnedsecure.partners.models import TimeoutAgreement
from tests.partners.helpers import agree_timeouts, link
from tests.personas import _signed_in_client


def test_it_works(alice, bob, alice_client, mailoutbox):
    link(alice, bob)
    assert (
        alice_client.post("/together/time-out/terms/", {"longest_minutes": 60, "place": "kitchen"}).status_code == 302
    )
    bob_client = _signed_in_client(bob)
    page = bob_client.get("/together/time-out/terms/").content.decode()  # the time-out page
    assert "Alice proposes: at most <strong>1 hour</strong>; come back: <strong>at the kitchen table</strong>" in page
    proposed = TimeoutAgreement.objects.get()
    assert bob_client.post(f"/together/time-out/terms/{proposed.pk}/accept/").status_code == 302
    for client in (alice_client, bob_client):
        page = client.get("/together/time-out/terms/").content.decode()
        assert "Agreed between you: at most <strong>1 hour</strong>" in page
    assert mailoutbox == []


def test_it_requires_login(client, db):
    response = client.get("/together/time-out/terms/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, alice_client, charlie_client):
    link(alice, bob)
    alice_client.post("/together/time-out/terms/", {"longest_minutes": 120, "place": "walk"})
    proposed = TimeoutAgreement.objects.get()
    assert charlie_client.post(f"/together/time-out/terms/{proposed.pk}/accept/").status_code == 404
    assert alice_client.post(f"/together/time-out/terms/{proposed.pk}/accept/").status_code == 404  # her own
    assert TimeoutAgreement.objects.get().accepted_on is None
    page = charlie_client.get("/together/").content.decode()
    assert "Alice" not in page and "proposes" not in page and "<strong>2 hours</strong>" not in page


def test_alone_a_person_keeps_their_own_plan(alice, alice_client):
    page = alice_client.get("/together/").content.decode()
    assert "Planning it alone still helps" in page and "Your plan" not in page
    alice_client.post("/together/time-out/terms/", {"longest_minutes": 120, "place": ""})
    page = alice_client.get("/together/").content.decode()
    assert "Your plan: a time-out lasts at most <strong>2 hours</strong>" in page
    assert TimeoutAgreement.objects.get(owner=alice).accepted_on is not None


def test_only_the_listed_lengths_and_places(alice, bob, alice_client):
    link(alice, bob)
    assert alice_client.post("/together/time-out/terms/", {"longest_minutes": 600}).status_code == 400
    response = alice_client.post("/together/time-out/terms/", {"longest_minutes": 60, "place": "my mother's"})
    assert response.status_code == 400
    assert not TimeoutAgreement.objects.exists()


def test_agreed_terms_hold_until_new_ones_are_accepted(alice, bob):
    link(alice, bob)
    agree_timeouts(alice, bob, longest_minutes=30)
    newer = services.timeout_agreement_propose(owner=bob, longest_minutes=240, place="", now=timezone.now())
    assert services.timeout_start(owner=alice, minutes=30, now=timezone.now())  # the old terms still hold
    services.timeout_agreement_accept(user=alice, pk=newer.pk, now=timezone.now())
    assert list(TimeoutAgreement.objects.values_list("longest_minutes", flat=True)) == [240]


def test_a_couple_proposes_terms_and_takes_time_outs_on_a_page_of_their_own(alice, bob, alice_client):
    link(alice, bob)
    card = alice_client.get("/together/").content.decode()
    assert 'href="/together/time-out/terms/">take a time-out, or agree its terms</a>' in card
    assert 'name="longest_minutes"' not in card and 'name="minutes"' not in card
    page = alice_client.get("/together/time-out/terms/").content.decode()
    assert "Propose terms to Bob" in page and 'name="longest_minutes"' in page and ">Propose</button>" in page
    agree_timeouts(alice, bob, longest_minutes=120)
    page = alice_client.get("/together/time-out/terms/").content.decode()
    # The agreed terms are said once on the page (the card above the form), not twice.
    assert page.count("at most <strong>2 hours</strong>") == 1
    assert "Agreed between you: at most <strong>2 hours</strong>" in page
    assert 'name="longest_minutes" value="120" checked' in page  # the agreed terms, to change
    assert (
        "Start a time-out</button>" in page
        and "Start a time-out" not in alice_client.get("/together/").content.decode()
    )


def test_the_terms_page_shows_nobody_else_s_terms(alice, bob, alice_client, charlie_client):
    link(alice, bob)
    alice_client.post("/together/time-out/terms/", {"longest_minutes": 120, "place": "walk"})
    page = charlie_client.get("/together/time-out/terms/").content.decode()
    assert (
        "Bob" not in page and "Alice" not in page and "Your plan now" not in page and 'value="120" checked' not in page
    )
