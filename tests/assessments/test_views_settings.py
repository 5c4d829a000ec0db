from django.test import Client

from earnedsecure.assessments.models import ChangeAssumption, Schedule


def test_it_requires_login(client, db):
    assert client.get("/check-ins/settings/").status_code == 302


def test_it_shows_the_suggested_rhythm_and_the_assumptions(alice_client):
    html = alice_client.get("/check-ins/settings/").content.decode()
    assert "Every 3 months" in html and "SD 1.1, reliability 0.85" in html


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
    bad = alice_client.post("/check-ins/settings/", {"form": "ecr-r", "ecr-r-sd": "1.0", "ecr-r-reliability": "1.5"})
    assert bad.status_code == 200 and "less than or equal to 0.99" in bad.content.decode()
    assert 'value="1.0"' in bad.content.decode()
    alice_client.post("/check-ins/settings/", {"form": "ecr-r", "ecr-r-sd": "1.0", "ecr-r-reliability": "0.9"})
    assert ChangeAssumption.objects.get(owner=alice).reliability == 0.9
    assert "your own setting" in alice_client.get("/check-ins/settings/").content.decode()
    alice_client.post("/check-ins/settings/", {"form": "ecr-r", "reset": "1"})
    assert not ChangeAssumption.objects.filter(owner=alice).exists()


def test_it_hides_other_peoples_data(alice, charlie, alice_client):
    alice_client.post("/check-ins/settings/", {"form": "ecr-r", "ecr-r-sd": "2.5", "ecr-r-reliability": "0.7"})
    client = Client()
    client.force_login(charlie)
    html = client.get("/check-ins/settings/").content.decode()
    assert "SD 2.5" not in html and "SD 1.1" in html
