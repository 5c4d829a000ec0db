import pytest
from django.test import Client

from earnedsecure.assessments.models import ChangeAssumption, Schedule
from tests.history import HISTORY_MONTHS, client_with_history

RESEARCH = "/check-ins/settings/research/"


def test_it_requires_login(client, db):
    assert client.get("/check-ins/settings/").status_code == 302


def test_it_shows_the_suggested_rhythm_and_the_assumptions(alice_client):
    html = alice_client.get("/check-ins/settings/").content.decode()
    assert "Every 3 months" in html
    html = alice_client.get(RESEARCH).content.decode()
    assert "SD 1.1, reliability 0.85" in html


def test_everyday_settings_keep_only_how_often_and_which_ones_in_plain_words(alice_client):
    html = alice_client.get("/check-ins/settings/").content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert (
        ">How you feel in close relationships:</label>" in main
        and ">Your mood over the last two weeks:</label>" in main
    )
    for research in ("reliability", "standard deviation", "SD ", "Jacobson", "ECR", "PHQ", "GAD", 'type="number"'):
        assert research not in main
    # The research parameters are one tap away, on their own page.
    fold = main.split("<details")[1].split("</details>")[0]
    assert "For researchers" in fold and f'href="{RESEARCH}"' in fold


def test_the_research_page_requires_login(client, db):
    assert client.get(RESEARCH).status_code == 302


def test_it_saves_the_rhythm(alice, alice_client):
    data = {
        "form": "schedule",
        "ecr-rs": 7,
        "ecr-r": 91,
        "phq-9": 28,
        "gad-7": 0,
        "ecr-rs-mother": 0,
        "ecr-rs-father": 0,
        "ecr-rs-friend": 0,
    }
    assert alice_client.post("/check-ins/settings/", data).status_code == 302
    assert dict(Schedule.objects.filter(owner=alice).values_list("instrument", "every_days"))["phq-9"] == 28


def test_it_saves_and_resets_assumptions_and_explains_bad_values(alice, alice_client):
    bad = alice_client.post(RESEARCH, {"form": "ecr-r", "ecr-r-sd": "1.0", "ecr-r-reliability": "1.5"})
    assert bad.status_code == 200 and "Choose a reliability between 0.5 and 0.99" in bad.content.decode()
    assert 'value="1.0"' in bad.content.decode()
    alice_client.post(RESEARCH, {"form": "ecr-r", "ecr-r-sd": "1.0", "ecr-r-reliability": "0.9"})
    assert ChangeAssumption.objects.get(owner=alice).reliability == 0.9
    assert "your own setting" in alice_client.get(RESEARCH).content.decode()
    alice_client.post(RESEARCH, {"form": "ecr-r", "reset": "1"})
    assert not ChangeAssumption.objects.filter(owner=alice).exists()


def test_it_hides_other_peoples_data(alice, charlie, alice_client):
    alice_client.post(RESEARCH, {"form": "ecr-r", "ecr-r-sd": "2.0", "ecr-r-reliability": "0.7"})
    client = Client()
    client.force_login(charlie)
    html = client.get(RESEARCH).content.decode()
    assert ChangeAssumption.objects.get(owner=alice).sd == 2.0
    assert "SD 2.0" not in html and "SD 1.1" in html


def test_it_keeps_assumptions_within_a_plausible_range_with_clear_messages(alice, alice_client):
    for sd, reliability, message in (
        ("0.1", "0.85", "Choose a standard deviation between 0.55 and 2.2 for the ECR-R"),
        ("2.5", "0.85", "Choose a standard deviation between 0.55 and 2.2 for the ECR-R"),
        ("1.1", "0", "Choose a reliability between 0.5 and 0.99"),
        ("1.1", "0.49", "Choose a reliability between 0.5 and 0.99"),
    ):
        response = alice_client.post(RESEARCH, {"form": "ecr-r", "ecr-r-sd": sd, "ecr-r-reliability": reliability})
        html = response.content.decode()
        assert response.status_code == 200 and message in html
        # Nothing typed is lost: both values come back as typed.
        assert f'value="{sd}"' in html and f'value="{reliability}"' in html
    assert not ChangeAssumption.objects.filter(owner=alice).exists()
    # The ECR-RS range follows its own published SD (1.2).
    html = alice_client.post(
        RESEARCH, {"form": "ecr-rs", "ecr-rs-sd": "3", "ecr-rs-reliability": "0.7"}
    ).content.decode()
    assert "between 0.6 and 2.4 for the ECR-RS" in html
    alice_client.post(RESEARCH, {"form": "ecr-r", "ecr-r-sd": "0.55", "ecr-r-reliability": "0.5"})
    assert ChangeAssumption.objects.get(owner=alice).sd == 0.55


def test_it_ignores_an_implausible_setting_saved_before_the_range_existed(alice, alice_client):
    ChangeAssumption.objects.create(owner=alice, instrument="ecr-r", sd=0.1, reliability=0)
    html = alice_client.get(RESEARCH).content.decode()
    assert "SD 1.1, reliability 0.85" in html


def test_it_says_the_path_keeps_the_defaults(alice_client):
    html = alice_client.get(RESEARCH).content.decode()
    assert "Your path always uses the published defaults" in html


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_5_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/check-ins/settings/")
    # Session, user, consent; schedules, completions (first, last, open) grouped per questionnaire.
    with django_assert_num_queries(5):
        assert client.get("/check-ins/settings/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_the_research_page_costs_exactly_4_queries(months, django_assert_num_queries):
    client = client_with_history(months, warm_up=RESEARCH)
    # Session, user, consent; every instrument's assumptions in one.
    with django_assert_num_queries(4):
        assert client.get(RESEARCH).status_code == 200
