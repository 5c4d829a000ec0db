"""Checklist item 15 over the roles: two-step sign-in is offered to everyone and required of therapists (T) and
researchers (R); either kind of second step (an authenticator app, or a passkey or security key) meets the
requirement. ADM is not applicable: there is no admin site (/admin/ is not routed).

Each role's own page, with no second step, with an authenticator app, and with only a passkey."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from earnedsecure.care import services as care_services
from earnedsecure.research.services import researcher_grant
from tests.accounts.software_key import SoftwareKey, add_passkey
from tests.personas import make_person


def _person():
    return make_person("pat"), "/home/"


def _therapist():
    user = make_person("tess")
    care_services.therapist_add(user=user, display_name="Tess", now=timezone.now())
    return user, "/clinician/"


def _researcher():
    user = make_person("rhea")
    researcher_grant(user=user, days=30, now=timezone.now())
    return user, "/research/"


ROLES = {"person": (_person, False), "therapist": (_therapist, True), "researcher": (_researcher, True)}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("second_step", ["none", "authenticator app", "passkey"])
def test_two_step_is_offered_to_all_and_required_of_therapists_and_researchers(db, role, second_step):
    make, required = ROLES[role]
    user, own_page = make()
    client = Client()
    client.force_login(user)
    if second_step == "authenticator app":
        TOTP.activate(user, generate_totp_secret())
    elif second_step == "passkey":
        assert add_passkey(client, SoftwareKey()).status_code == 302  # offered: anyone can add one
    response = client.get(own_page)
    if required and second_step == "none":
        assert response.status_code == 302 and response["Location"] == "/accounts/2fa/"
    else:
        assert response.status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200  # the two-step page, for every role


def test_there_is_no_admin_site(client, db):
    assert client.get("/admin/").status_code == 404
