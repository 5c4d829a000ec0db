"""The Safety Check lists therapist grants and Emergency Reset revokes them all, telling no one (item 42)."""

from django.core import mail
from django.utils import timezone

from earnedsecure.care.models import Category, Grant
from earnedsecure.partners import services as partners
from tests.care.conftest import grant


def test_the_safety_check_lists_live_grants(alice, alice_client, therapist):
    grant(alice, therapist, categories=[Category.SAFETY])
    page = alice_client.get("/together/safety-check/").content.decode()
    assert "Theo Hart" in page and "Safety alerts" in page


def test_the_safety_check_says_when_there_are_none(alice_client):
    assert "No therapist sees anything of yours." in alice_client.get("/together/safety-check/").content.decode()


def test_emergency_reset_revokes_every_grant_and_tells_no_one(alice, alice_client, theo_client, theo_totp):
    grant(alice, theo_totp)
    assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 200
    partners.emergency_reset(user=alice, keep_session_key=None, now=timezone.now())
    assert not Grant.objects.filter(owner=alice, revoked_at__isnull=True).exists()
    assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 404
    assert mail.outbox == []
