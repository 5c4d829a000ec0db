from datetime import UTC, datetime

from django.test import Client

from earnedsecure.assessments.services import response_start

from .helpers import ecr, phq9, submit, uniform_answers

WHEN = datetime(2026, 3, 1, 20, tzinfo=UTC)


def test_it_requires_login(client, db):
    response = client.get("/check-ins/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_lists_the_instruments_with_their_terms_and_whats_due(alice_client):
    html = alice_client.get("/check-ins/").content.decode()
    assert "Commercial use requires the permission of the authors." in html
    assert "No permission required to reproduce, translate, display or distribute." in html
    assert "Ready when you are" in html and "Take the PHQ-9" in html
    assert "<title>Check-ins · Notebook</title>" in html


def test_it_shows_recent_results_and_a_paused_check_in(alice, alice_client):
    submit(alice, "phq-9", phq9(11), WHEN)
    submit(alice, "ecr-r", ecr("ecr-r", 5, 2), WHEN)
    paused = response_start(user=alice, instrument="gad-7")
    paused.answers = {"gad7.nervous_anxious": 2}
    paused.save()
    html = alice_client.get("/check-ins/").content.decode()
    assert "total 11 (moderate)" in html
    assert "anxiety 5.00 · avoidance 2.00" in html
    assert "Carry on (1 of 7 answered)" in html


def test_it_hides_a_switched_off_instrument(alice_client, settings):
    settings.DISABLED_INSTRUMENTS = ["ecr-r"]
    html = alice_client.get("/check-ins/").content.decode()
    assert "/check-ins/ecr-r/" not in html
    assert alice_client.get("/check-ins/ecr-r/").status_code == 404


def test_it_hides_other_peoples_data(alice, charlie, canary):
    submit(alice, "phq-9", phq9(11), WHEN)
    client = Client()
    client.force_login(charlie)
    html = client.get("/check-ins/").content.decode()
    assert "total 11" not in html and "Recent results" not in html


def test_it_stays_at_a_few_queries_with_a_long_history(alice, alice_client, django_assert_max_num_queries):
    for day in range(40):
        submit(alice, "gad-7", uniform_answers("gad-7", 1), datetime(2025, 1, 1 + day % 28, tzinfo=UTC))
    with django_assert_max_num_queries(10):
        assert alice_client.get("/check-ins/").status_code == 200
