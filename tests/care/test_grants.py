"""Grants: scoped, time-limited, read-only, revocable at once (checklist item 31); a partner never learns."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from earnedsecure.care import services
from earnedsecure.care.models import Category, Grant
from tests.care.conftest import grant
from tests.personas import make_person


def test_it_revokes_at_once(alice, theo_totp, theo_client):
    made = grant(alice, theo_totp)
    assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 200
    services.grant_revoke(owner=alice, pk=made.pk, now=timezone.now())
    assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 404
    assert theo_client.get(f"/clinician/client/{alice.pk}/report.pdf").status_code == 404
    assert alice.first_name not in theo_client.get("/clinician/").content.decode()


def test_it_ends_when_it_expires(alice, theo, theo_totp):
    from django.test import Client

    grant(alice, theo_totp, days=7)
    theo_client = Client()
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23, minutes=59)):
        theo_client.force_login(theo)  # a fresh sign-in: the first would have timed out
        assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=7, seconds=1)):
        assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 404
        assert theo_client.get(f"/clinician/client/{alice.pk}/check-ins.fhir.json").status_code == 404


def test_it_limits_to_the_categories(alice, theo_totp, theo_client):
    grant(alice, theo_totp, categories=[Category.CHECK_INS])
    assert theo_client.get(f"/clinician/client/{alice.pk}/activation/").status_code == 404
    page = theo_client.get(f"/clinician/client/{alice.pk}/").content.decode()
    assert "Check-ins over time" in page
    assert "Activations, last" not in page
    assert "Safety alerts" not in page
    assert "Pathway" not in page


def test_it_without_check_ins_refuses_the_fhir_file(alice, theo_totp, theo_client):
    grant(alice, theo_totp, categories=[Category.ACTIVATION])
    assert theo_client.get(f"/clinician/client/{alice.pk}/check-ins.fhir.json").status_code == 404
    assert theo_client.get(f"/clinician/client/{alice.pk}/activation/").status_code == 200


def test_it_hides_other_peoples_clients(alice, charlie, theo_totp, theo_client, db):
    other = services.therapist_add(user=make_person("tara"), display_name="Tara", now=timezone.now())
    grant(charlie, other)
    assert theo_client.get(f"/clinician/client/{charlie.pk}/").status_code == 404
    assert "Charlie" not in theo_client.get("/clinician/").content.decode()


def test_it_requires_an_expiry():
    field = Grant._meta.get_field("expires_at")
    assert not field.null


def test_it_refuses_an_expiry_before_the_start(alice, therapist):
    from django.db import IntegrityError

    now = timezone.now()
    with pytest.raises(IntegrityError):
        Grant.objects.create(owner=alice, therapist=therapist, check_ins=True, created_at=now, expires_at=now)


def test_it_refuses_a_grant_of_nothing(alice, therapist):
    from django.db import IntegrityError

    now = timezone.now()
    with pytest.raises(IntegrityError):
        Grant.objects.create(owner=alice, therapist=therapist, created_at=now, expires_at=now + timedelta(days=1))


def test_it_replaces_an_open_grant_to_the_same_therapist(alice, therapist):
    first = grant(alice, therapist)
    second = grant(alice, therapist, categories=[Category.PATHWAY])
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None


def test_revoke_all_ends_every_grant(alice, therapist):
    grant(alice, therapist)
    assert services.grants_revoke_all(person=alice, now=timezone.now()) == 1
    assert not Grant.objects.filter(owner=alice, revoked_at__isnull=True).exists()


def test_the_person_cannot_revoke_someone_elses_grant(alice, charlie, therapist, charlie_client):
    made = grant(alice, therapist)
    assert charlie_client.post(f"/account/therapist/{made.pk}/stop/").status_code == 404
    made.refresh_from_db()
    assert made.revoked_at is None


def test_the_person_revokes_from_their_page(alice, therapist, alice_client):
    made = grant(alice, therapist)
    assert alice_client.post(f"/account/therapist/{made.pk}/stop/").status_code == 302
    made.refresh_from_db()
    assert made.revoked_at is not None


def test_granting_asks_for_the_password_again(alice, therapist, client):
    client.force_login(alice)  # signed in long ago as far as allauth knows: no recent authentication
    response = client.get("/account/therapist/grant/")
    assert response.status_code == 302 and "reauthenticate" in response["Location"]


def test_granting_after_reauthentication(alice, therapist, alice_client):
    from tests.personas import PASSWORD

    alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = alice_client.post(
        "/account/therapist/grant/",
        {"therapist": therapist.pk, "categories": [Category.CHECK_INS, Category.SAFETY], "days": 30},
    )
    assert response.status_code == 302
    made = Grant.objects.get(owner=alice)
    assert made.check_ins and made.safety and not made.activation
    assert timedelta(days=29, hours=23) < made.expires_at - made.created_at <= timedelta(days=30)


def test_a_partner_never_learns_of_a_grant(alice, bob, therapist, db):
    """Item 40: the pages Bob can open are byte-equal before and after Alice grants, and no mail goes out."""
    from django.core import mail
    from django.test import Client

    from tests.partners.helpers import link, page_bytes

    link(alice, bob)
    bob_client = Client()
    bob_client.force_login(bob)
    paths = ("/together/", "/home/")
    before = [page_bytes(bob_client.get(path)) for path in paths]
    made = grant(alice, therapist)
    assert [page_bytes(bob_client.get(path)) for path in paths] == before
    services.grant_revoke(owner=alice, pk=made.pk, now=timezone.now())
    assert [page_bytes(bob_client.get(path)) for path in paths] == before
    assert mail.outbox == []


def test_while_consent_is_withdrawn_the_therapist_reads_nothing(alice, alice_client, theo_totp, theo_client):
    from earnedsecure.accounts.services import consent_give, consent_withdraw

    made = grant(alice, theo_totp)
    consent_withdraw(user=alice, purpose="core")
    assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 404
    assert "Alice" not in theo_client.get("/clinician/").content.decode()
    # The person still sees who may look, and can stop it, without agreeing again.
    assert "Theo Hart" in alice_client.get("/account/therapist/").content.decode()
    assert alice_client.post(f"/account/therapist/{made.pk}/stop/").status_code == 302
    consent_give(user=alice)
    assert theo_client.get(f"/clinician/client/{alice.pk}/").status_code == 404  # stopped stays stopped
