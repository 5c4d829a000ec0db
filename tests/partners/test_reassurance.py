"""Reassurance requests (issue 14): a structured request, a one-tap answer, the history both see while linked,
and a gentle guard against asking again and again (a soothing tool suggested from the third request of a day)."""

from django.utils import timezone

from earnedsecure.partners.models import ReassuranceRequest
from tests.partners.helpers import link
from tests.personas import _signed_in_client


def test_it_works(alice, bob, alice_client, mailoutbox):
    link(alice, bob)
    assert alice_client.post("/together/ask/", {"request": "okay"}).status_code == 302
    bob_client = _signed_in_client(bob)
    page = bob_client.get("/together/").content.decode()
    assert "Alice asks: <strong>I&#x27;m feeling unsure about us right now." in page
    asked = ReassuranceRequest.objects.get()
    assert bob_client.post(f"/together/ask/{asked.pk}/answer/", {"answer": "here"}).status_code == 302
    for client in (alice_client, bob_client):
        history = client.get("/together/").content.decode()
        # Each line is plain words, escaped as a whole by the page (quotes included).
        assert "answered &quot;I&#x27;m here, and I&#x27;m not going anywhere.&quot;" in history
    assert mailoutbox == []


def test_it_requires_login(client, db):
    response = client.get("/together/ask/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, alice_client, charlie_client):
    link(alice, bob)
    alice_client.post("/together/ask/", {"request": "miss"})
    asked = ReassuranceRequest.objects.get()
    assert charlie_client.post(f"/together/ask/{asked.pk}/answer/", {"answer": "okay"}).status_code == 404
    assert alice_client.post(f"/together/ask/{asked.pk}/answer/", {"answer": "okay"}).status_code == 404  # own
    assert ReassuranceRequest.objects.get().answer == ""
    assert "missing you" not in charlie_client.get("/together/").content.decode()


def test_asking_needs_a_link_and_one_of_the_requests(alice, bob, alice_client):
    assert alice_client.post("/together/ask/", {"request": "okay"}).status_code == 400
    link(alice, bob)
    assert alice_client.post("/together/ask/", {"request": "tell me where you are"}).status_code == 400
    assert not ReassuranceRequest.objects.exists()


def test_the_third_request_of_a_day_suggests_a_soothing_tool_first(alice, bob, alice_client):
    link(alice, bob)
    for _ in range(2):
        assert "asked twice today" not in alice_client.get("/together/").content.decode()
        alice_client.post("/together/ask/", {"request": "okay"})
    page = alice_client.get("/together/").content.decode()
    assert "asked twice today" in page and 'href="/diary/tools/' in page
    assert 'action="/together/ask/"' in page  # still possible: a suggestion, not a lock
    assert "asked twice today" not in _signed_in_client(bob).get("/together/").content.decode()


def test_unlinking_leaves_neither_the_history(alice, bob, alice_client):
    from earnedsecure.partners import services

    link(alice, bob)
    alice_client.post("/together/ask/", {"request": "later"})
    assert "you asked" in alice_client.get("/together/").content.decode()
    services.link_end(user=bob)
    assert not ReassuranceRequest.objects.exists()
    link(bob, alice)
    assert "you asked" not in alice_client.get("/together/").content.decode()
    assert services.local_day(alice, timezone.now())  # (days only: no time is kept)


def test_the_requests_of_the_day_are_counted_beyond_the_eight_shown(alice, bob):
    # Alice asked twice this morning; then Bob asked eight times: the history shows Bob's eight only, and Alice's
    # two still count for the tool suggestion.
    from earnedsecure.partners import selectors, services

    link(alice, bob)
    now = timezone.now()
    for _ in range(2):
        services.reassurance_ask(owner=alice, request="okay", now=now)
    for _ in range(8):
        services.reassurance_ask(owner=bob, request="okay", now=now)
    seen = selectors.reassurance(user=alice, now=now)
    assert all(item.owner_id == bob.pk for item in seen.history) and len(seen.history) == 8
    assert seen.tool_first
    assert selectors.reassurance(user=bob, now=now).tool_first  # Bob asked eight times himself


def test_a_short_history_counts_the_day_from_itself(alice, bob, django_assert_num_queries):
    from earnedsecure.partners import selectors, services

    link(alice, bob)
    now = timezone.now()
    services.reassurance_ask(owner=bob, request="okay", now=now)
    link_row = selectors.link_for(user=alice)
    for asked in (1, 2):
        services.reassurance_ask(owner=alice, request="okay", now=now)
        with django_assert_num_queries(1):  # the history; today's requests are all in it
            seen = selectors.reassurance(user=alice, now=now, link=link_row)
        assert seen.tool_first is (asked == 2)
