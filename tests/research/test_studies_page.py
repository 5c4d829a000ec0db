"""The person's studies page, joining (opt-in, the password again) and leaving (at once, honestly told)."""

import pytest
from django.utils import timezone

from earnedsecure.accounts.models import Consent
from earnedsecure.research import services
from earnedsecure.research.models import Agreement, Participant
from tests.research.helpers import TEXT, join_form, reauthenticate, study

pytestmark = pytest.mark.django_db


def test_it_lists_open_studies_and_what_is_never_shared(alice_client):
    study()
    study("closed-one", is_open=False)
    page = alice_client.get("/research/studies/").content.decode()
    assert "How worry changes over a year" in page
    assert "/research/studies/worry-over-time/join/" in page
    assert "closed-one" not in page
    assert "anything you wrote in your own words" in page


def test_it_requires_login(client):
    assert client.get("/research/studies/").status_code == 302


def test_joining_asks_for_the_password_again(alice_client):
    study()
    response = alice_client.get("/research/studies/worry-over-time/join/")
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]
    assert not Participant.objects.exists()


def test_joining_stores_the_version_agreed_and_is_separate_from_the_apps_consent(alice, alice_client):
    study()
    reauthenticate(alice_client)
    page = alice_client.get("/research/studies/worry-over-time/join/").content.decode()
    assert TEXT in page
    assert 'name="agree"' in page and "checked" not in page.split('name="agree"')[1][:40]  # never pre-ticked
    response = alice_client.post("/research/studies/worry-over-time/join/", join_form())
    assert response.status_code == 302
    agreement = Agreement.objects.get(person=alice)
    assert agreement.version == 1 and agreement.withdrawn_at is None
    participant = Participant.objects.get(person=alice)
    assert (participant.birth_year, participant.gender, participant.country) == (1990, "woman", "GB")
    assert not Consent.objects.filter(owner=alice, purpose=Consent.Purpose.RESEARCH).exists()
    assert "You are taking part" in alice_client.get("/research/studies/").content.decode()


def test_joining_without_ticking_agree_joins_nothing(alice_client):
    study()
    reauthenticate(alice_client)
    response = alice_client.post("/research/studies/worry-over-time/join/", join_form(agree=""))
    assert response.status_code == 200
    assert not Participant.objects.exists()


def test_a_text_that_changed_while_reading_is_shown_again_not_agreed(alice_client):
    made = study()
    reauthenticate(alice_client)
    services.consent_text_publish(study=made, text="Version two.", now=timezone.now())
    response = alice_client.post("/research/studies/worry-over-time/join/", join_form(version=1))
    assert response["Location"] == "/research/studies/worry-over-time/join/"
    assert not Agreement.objects.exists()


def test_a_new_version_asks_the_person_to_agree_again(alice, alice_client):
    made = study()
    reauthenticate(alice_client)
    alice_client.post("/research/studies/worry-over-time/join/", join_form())
    services.consent_text_publish(study=made, text="Version two: we also count tool sessions.", now=timezone.now())
    page = alice_client.get("/research/studies/").content.decode()
    assert "The study&#x27;s text has changed" in page or "The study's text has changed" in page
    alice_client.post("/research/studies/worry-over-time/join/", join_form(version=2))
    agreements = [(a.version, a.withdrawn_at is None) for a in Agreement.objects.filter(person=alice)]
    assert agreements == [(2, True), (1, False)]  # the older agreement closed by the newer
    assert Participant.objects.filter(person=alice).count() == 1  # the same code and shift as before


def test_leaving_is_at_once_and_the_page_says_honestly_what_it_cannot_undo(alice, alice_client):
    study()
    reauthenticate(alice_client)
    alice_client.post("/research/studies/worry-over-time/join/", join_form())
    confirm = alice_client.get("/research/studies/worry-over-time/leave/").content.decode()
    assert "cannot be called back" in confirm
    alice_client.post("/research/studies/worry-over-time/leave/")
    assert Agreement.objects.get(person=alice).withdrawn_at is not None
    page = alice_client.get("/research/studies/").content.decode()
    today = timezone.localtime(timezone.now(), alice.zone)
    assert f"You left on {today.day} {today:%B %Y}" in page
    assert "Nothing from that day on is exported" in page
    assert "cannot be called back" in page


def test_it_hides_other_peoples_studies_standing(alice_client, charlie_client):
    study()
    reauthenticate(alice_client)
    alice_client.post("/research/studies/worry-over-time/join/", join_form())
    assert "You are taking part" not in charlie_client.get("/research/studies/").content.decode()


def test_a_study_that_does_not_exist_is_404(alice_client):
    reauthenticate(alice_client)
    assert alice_client.get("/research/studies/nope/join/").status_code == 404
    assert alice_client.post("/research/studies/nope/leave/").status_code == 404


def test_a_person_who_withdrew_the_apps_consent_can_still_leave_a_study(alice, alice_client):
    from earnedsecure.accounts.services import consent_withdraw

    study()
    reauthenticate(alice_client)
    alice_client.post("/research/studies/worry-over-time/join/", join_form())
    consent_withdraw(user=alice, purpose="core")
    assert alice_client.get("/research/studies/").status_code == 200
    alice_client.post("/research/studies/worry-over-time/leave/")
    assert Agreement.objects.get(person=alice).withdrawn_at is not None
    assert alice_client.get("/research/studies/worry-over-time/join/").status_code == 302  # joining asks again
