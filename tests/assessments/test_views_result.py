from datetime import UTC, datetime, timedelta

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from earnedsecure.domain.instruments import get_instrument

from .helpers import ecr, phq9, submit, uniform_answers

WHEN = datetime(2026, 3, 1, 20, tzinfo=UTC)
SAFETY = "data-item9-response"
PHQ_9 = get_instrument("phq-9")


def test_it_requires_login(client, alice):
    row = submit(alice, "phq-9", phq9(3), WHEN)
    assert client.get(f"/check-ins/results/{row.pk}/").status_code == 302


def test_it_shows_both_dimensions_the_plot_and_the_prototype_with_its_rule(alice, alice_client):
    row = submit(alice, "ecr-r", ecr("ecr-r", 6, 2), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "6.00" in html and "2.00" in html
    assert '<svg class="plane"' in html and "plane__band" in html and "<desc" in html
    assert "Nearest prototype:</span> Anxious-preoccupied" in html
    assert "a score of exactly 4.0 or below counts as low" in html
    assert "Its strengths" in html and "It changes" in html
    assert "diagnos" not in html.split("<footer")[0].lower()
    assert "<title>Check-ins · Notebook</title>" in html


def test_it_shows_the_band_and_what_to_do_next(alice, alice_client):
    row = submit(alice, "phq-9", phq9(12), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "Moderate" in html and "What to do next" in html and "talking to your doctor" in html
    assert SAFETY not in html


def test_gad_7_of_ten_or_more_says_it_screens_positive(alice, alice_client):
    row = submit(alice, "gad-7", uniform_answers("gad-7", 2), WHEN)
    assert "closer look with a professional" in alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()


def test_it_says_whether_the_change_since_last_time_is_reliable(alice, alice_client):
    submit(alice, "phq-9", phq9(15), WHEN)
    row = submit(alice, "phq-9", phq9(8), WHEN + timedelta(days=14))
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "15 → 8" in html and "recovered" in html  # a reliable fall from a case to below 10


def test_the_ecr_r_never_says_recovered(alice, alice_client):
    submit(alice, "ecr-r", ecr("ecr-r", 7, 7), WHEN)
    row = submit(alice, "ecr-r", ecr("ecr-r", 1, 1), WHEN + timedelta(days=91))
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "improved" in html
    assert "recovered" not in html.lower().replace("never &quot;recovery&quot;", "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.fixed_dictionaries({item.id: st.integers(0, 3) for item in PHQ_9.items}))
def test_the_safety_block_is_shown_iff_item_9_is_above_zero(alice, alice_client, answers):
    row = submit(alice, "phq-9", answers, WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert (SAFETY in html) == (answers[PHQ_9.safety_item_id] > 0)
    if SAFETY in html:
        # At the top, before the score, with the person's own crisis lines (Alice is in the UK).
        assert html.index(SAFETY) < html.index("Your score")
        assert "116 123" in html and 'href="/help/crisis/"' in html


def test_the_safety_block_falls_back_without_a_country(db):
    from tests.personas import make_person

    person = make_person("nocountry", country="")
    row = submit(person, "phq-9", phq9(0, item9=2), WHEN)
    client = Client()
    client.force_login(person)
    html = client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert SAFETY in html and "call your local emergency number now" in html


def test_it_hides_other_peoples_data(alice, bob, theo, charlie):
    row = submit(alice, "phq-9", phq9(12, item9=1), WHEN)
    for person in (bob, theo, charlie):
        client = Client()
        client.force_login(person)
        assert client.get(f"/check-ins/results/{row.pk}/").status_code == 404
    owner = Client()
    owner.force_login(alice)
    assert owner.get(f"/check-ins/results/{row.pk}/").status_code == 200


def test_an_unfinished_response_has_no_result_page(alice, alice_client):
    from earnedsecure.assessments.services import response_start

    paused = response_start(user=alice, instrument="gad-7")
    assert alice_client.get(f"/check-ins/results/{paused.pk}/").status_code == 404
