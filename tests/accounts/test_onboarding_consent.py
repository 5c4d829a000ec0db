"""Step 2 of a new person's first steps: the agreement (/account/consent/), reached in its turn, not as a
surprise at the first page of the app; and still the way back in for someone who took it back."""

from earnedsecure.accounts.models import Consent, User
from earnedsecure.accounts.services import consent_withdraw, has_core_consent
from tests.accounts.newcomer import newcomer


def test_it_is_step_2_of_4_with_back_to_step_1(newcomer_client):
    newcomer_client.post("/welcome/")
    page = newcomer_client.get("/account/consent/").content.decode()
    assert "Step 2 of 4" in page
    assert '<a class="steps__back" href="/welcome/">Back</a>' in page


def test_it_comes_after_step_1(newcomer_client):
    assert newcomer_client.get("/account/consent/")["Location"] == "/welcome/"
    assert newcomer_client.post("/account/consent/", {"agree": "on"})["Location"] == "/welcome/"
    assert not has_core_consent(newcomer())


def test_agreeing_leads_to_step_3(newcomer_client):
    newcomer_client.post("/welcome/")
    assert newcomer_client.post("/account/consent/", {"agree": "on"})["Location"] == "/welcome/place/"
    person = newcomer()
    assert has_core_consent(person)
    assert person.onboarding == User.Onboarding.PLACE


def test_without_the_box_nothing_moves_on(newcomer_client):
    newcomer_client.post("/welcome/")
    response = newcomer_client.post("/account/consent/", {})
    assert response.status_code == 200
    assert "Please tick the box" in response.content.decode()
    assert newcomer().onboarding == User.Onboarding.CONSENT


def test_it_says_only_what_is_true_about_sharing(alice_client):
    consent_withdraw(user=User.objects.get(username="alice"), purpose=Consent.Purpose.CORE)
    page = alice_client.get("/account/consent/").content.decode()
    assert "Nothing is shared unless you choose" in page
    assert "not built yet" not in page


def test_for_someone_who_took_it_back_it_is_no_step(alice_client, alice):
    consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    page = alice_client.get("/account/consent/").content.decode()
    assert "Step 2 of 4" not in page
    assert "Before you start" in page
    assert alice_client.post("/account/consent/", {"agree": "on"})["Location"] == "/home/"
    alice.refresh_from_db()
    assert alice.onboarding == User.Onboarding.DONE
