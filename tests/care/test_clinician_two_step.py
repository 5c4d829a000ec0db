"""/clinician/ is for therapists with two-step sign-in only (checklist item 64)."""

import pytest
from django.test import Client

from tests.accounts.software_key import SoftwareKey, add_passkey
from tests.care.conftest import grant


@pytest.mark.parametrize("path", ["/clinician/", "/clinician/client/{pk}/", "/clinician/client/{pk}/report.pdf"])
def test_it_sends_a_therapist_without_an_authenticator_to_set_one_up(path, alice, theo, therapist):
    grant(alice, therapist)
    client = Client()
    client.force_login(theo)
    response = client.get(path.format(pk=alice.pk))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"  # the two-step page: an authenticator app or a passkey


def test_it_is_not_there_for_someone_who_is_not_a_therapist(alice_client, alice):
    assert alice_client.get("/clinician/").status_code == 404
    assert alice_client.get(f"/clinician/client/{alice.pk}/").status_code == 404


def test_it_requires_login(client):
    response = client.get("/clinician/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_works_with_an_authenticator(theo_client):
    assert theo_client.get("/clinician/").status_code == 200


def test_it_works_with_only_a_passkey(theo, therapist):
    """Checklist item 15: a passkey or security key is a second step too, without an authenticator app."""
    client = Client()
    client.force_login(theo)
    assert client.get("/clinician/").status_code == 302
    assert add_passkey(client, SoftwareKey()).status_code == 302
    assert client.get("/clinician/").status_code == 200


def test_the_operator_command_makes_a_therapist(theo, capsys):
    from django.core.management import call_command

    from earnedsecure.care.models import Therapist

    call_command("care_add_therapist", "--username", "theo", "--name", "Theo Hart")
    assert Therapist.objects.get(user=theo).display_name == "Theo Hart"
