import random
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from earnedsecure.assessments.demo import seed
from tests.history import HISTORY_MONTHS, client_with_history

from .helpers import ecr, phq9, submit

T0 = datetime(2026, 1, 1, 20, tzinfo=UTC)


def test_it_requires_login(client, db):
    assert client.get("/check-ins/ecr-r/trajectory/").status_code == 302


def test_it_draws_a_chart_per_dimension_with_its_noise_band(alice, alice_client):
    submit(alice, "ecr-r", ecr("ecr-r", 6, 3), T0)
    submit(alice, "ecr-r", ecr("ecr-r", 4, 3), T0 + timedelta(days=91))
    html = alice_client.get("/check-ins/ecr-r/trajectory/").content.decode()
    assert html.count('<svg class="traj"') == 2
    assert html.count("traj__band") == 2
    assert "Attachment anxiety over time" in html and "Attachment avoidance over time" in html
    # Compared first to latest by default: anxiety improved, avoidance did not move.
    assert "6 → 4" in html and "improved" in html and "no reliable change" in html
    assert "standard deviation of 1.1" in html


def test_it_compares_any_two_points(alice, alice_client):
    a = submit(alice, "phq-9", phq9(14), T0)
    b = submit(alice, "phq-9", phq9(13), T0 + timedelta(days=14))
    c = submit(alice, "phq-9", phq9(20), T0 + timedelta(days=28))
    html = alice_client.get(f"/check-ins/phq-9/trajectory/?first={a.pk}&second={b.pk}").content.decode()
    assert "14 → 13" in html and "no reliable change" in html
    html = alice_client.get(f"/check-ins/phq-9/trajectory/?first={c.pk}&second={a.pk}").content.decode()
    assert "14 → 20" in html and "worse" in html and "6 points or more" in html


def test_it_refuses_someone_elses_result_in_the_comparison(alice, charlie, alice_client):
    submit(alice, "phq-9", phq9(14), T0)
    submit(alice, "phq-9", phq9(8), T0 + timedelta(days=14))
    theirs = submit(charlie, "phq-9", phq9(1), T0)
    response = alice_client.get(f"/check-ins/phq-9/trajectory/?first={theirs.pk}&second={theirs.pk}")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_it_reads_a_long_history_in_a_few_queries(alice, alice_client, django_assert_max_num_queries):
    seed(user=alice, months=12, rng=random.Random(1), now=T0)
    with django_assert_max_num_queries(8):
        assert alice_client.get("/check-ins/ecr-rs/trajectory/").status_code == 200


def test_it_hides_other_peoples_data(alice, charlie):
    submit(alice, "phq-9", phq9(14), T0)
    client = Client()
    client.force_login(charlie)
    html = client.get("/check-ins/phq-9/trajectory/").content.decode()
    assert "No results yet" in html and "traj__point" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_5_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/check-ins/ecr-rs/trajectory/")
    # Session, user, consent; the results, the person's assumptions.
    with django_assert_num_queries(5):
        assert client.get("/check-ins/ecr-rs/trajectory/").status_code == 200


def test_it_links_the_12_most_recent_results_and_all_of_them_on_request(alice, alice_client):
    rows = [submit(alice, "phq-9", phq9(score), T0 + timedelta(days=7 * score)) for score in range(14)]
    html = alice_client.get("/check-ins/phq-9/trajectory/").content.decode()
    linked = [row for row in rows if f'href="/check-ins/results/{row.pk}/"' in html]
    assert linked == rows[2:]
    assert '<a href="?all=1">Show all 14 results</a>' in html
    assert "6 → 9" not in html and "0 → 13" in html  # still first against latest by default

    html = alice_client.get("/check-ins/phq-9/trajectory/?all=1").content.decode()
    assert all(f'href="/check-ins/results/{row.pk}/"' in html for row in rows)
    assert "?all=1" not in html
    assert "0 → 13" in html  # the default comparison, not an empty form


def test_it_lists_a_short_history_whole(alice, alice_client):
    rows = [submit(alice, "phq-9", phq9(score), T0 + timedelta(days=7 * score)) for score in range(12)]
    html = alice_client.get("/check-ins/phq-9/trajectory/").content.decode()
    assert all(f'href="/check-ins/results/{row.pk}/"' in html for row in rows)
    assert "?all=1" not in html and "Every result" in html


def test_it_explains_change_in_one_sentence_with_the_parameters_in_the_fold(alice, alice_client):
    submit(alice, "ecr-r", ecr("ecr-r", 6, 3), T0)
    submit(alice, "ecr-r", ecr("ecr-r", 4, 3), T0 + timedelta(days=91))
    html = alice_client.get("/check-ins/ecr-r/trajectory/").content.decode()
    main = html.split("<main")[1]
    assert "<h1>How you feel in close relationships, over time</h1>" in main
    headings = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", main, re.S)
    assert "Worry about being loved or left" in headings and not [h for h in headings if "ECR" in h]
    visible = re.sub(r"<details.*?</details>", "", main, flags=re.S)
    assert "Worry about being loved or left went down from 6 to 4, more than the wobble of measurement" in visible
    assert "bigger than the wobble you would expect" in visible
    for detail in ("Jacobson", "0.85", "project default", "ECR-R", "doi:"):
        assert detail not in visible and detail in main
    assert 'href="/check-ins/settings/research/"' in main


def test_a_mood_trajectory_is_headed_without_its_acronym(alice, alice_client):
    submit(alice, "phq-9", phq9(14), T0)
    submit(alice, "phq-9", phq9(6), T0 + timedelta(days=14))
    main = alice_client.get("/check-ins/phq-9/trajectory/").content.decode().split("<main")[1]
    headings = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", main, re.S)
    assert "Your mood over the last two weeks, over time" in headings and "Your score" in headings
    assert not [h for h in headings if "PHQ" in h]
    assert "Your score went down from 14 to 6" in main
