"""The researchers' page: studies, consent versions and counts, and nothing of anyone (checklist items 15, 32)."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from earnedsecure.research import services
from earnedsecure.research.models import ResearcherAccess
from earnedsecure.research.services import researcher_grant, researcher_revoke
from tests.accounts.software_key import SoftwareKey, add_passkey
from tests.conftest import CANARY
from tests.core.forensics import mark_everything
from tests.personas import make_person
from tests.research.helpers import researcher, study
from tests.routes import every_route

pytestmark = pytest.mark.django_db
URL = "/research/"


def _join(person, made, version=1):
    services.study_join(
        study=made,
        person=person,
        version=version,
        birth_year=1990,
        gender="woman",
        relationship="none",
        now=timezone.now(),
    )


def test_it_works_with_counts_per_study_and_versions(alice):
    made = study()
    bob, charlie = make_person("bob2"), make_person("charlie2")
    _join(alice, made)
    _join(bob, made)
    _join(charlie, made)
    services.study_leave(study=made, person=charlie, now=timezone.now())
    services.consent_text_publish(study=made, text="Version two.", now=timezone.now())
    _join(bob, made, version=2)
    _, client = researcher()
    page = client.get("/research/").content.decode()
    counts = re.findall(r"<th scope=\"row\">([^<]+)</th><td>(\d+)", page)
    assert counts == [
        ("In the study (current text)", "1"),
        ("Waiting to agree to the new text", "1"),
        ("Left", "1"),
        ("Exports", "0"),
    ]
    assert "2 (current)" in page and ">1</td>" in page
    assert "alice" not in page and "bob2" not in page


def test_it_is_404_for_anyone_without_the_researcher_role(alice_client):
    study()
    assert alice_client.get("/research/").status_code == 404


def test_a_researcher_without_two_step_sign_in_is_sent_to_set_it_up():
    _, client = researcher(two_step=False)
    response = client.get("/research/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"  # the two-step page: an authenticator app or a passkey


def test_a_researcher_with_only_a_passkey_gets_in():
    _, client = researcher(two_step=False)
    assert add_passkey(client, SoftwareKey()).status_code == 302
    assert client.get("/research/").status_code == 200


def test_it_requires_login(client):
    assert client.get("/research/").status_code == 302


def test_a_researcher_reaches_no_ones_data_through_the_api(alice):
    """Item 32: with Alice in a study and a marker in every field she has, every API route a researcher can GET,
    with every id of hers, answers 403 or 404, or holds nothing of hers."""
    made = study()
    _join(alice, made)
    mark_everything(alice, CANARY)
    from django.apps import apps

    ids = set()
    for model in apps.get_models():
        owner = next((f.name for f in model._meta.concrete_fields if f.name in ("owner", "person")), None)
        if owner:
            ids |= set(model.objects.filter(**{owner: alice}).values_list("pk", flat=True))
    _, client = researcher()
    checked = 0
    for route, _name, _ in every_route():
        if not route.startswith("api/") or "openapi" in route or "docs" in route:
            continue
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if not params:
            addresses = ["/" + route]
        elif all(name.endswith("id") for _, name in params):
            addresses = [re.sub(r"<(?:\w+:)?\w+>", str(pk), "/" + route) for pk in sorted(ids)]
        else:
            continue
        for address in addresses:
            response = client.get(address)
            checked += 1
            body = response.content.decode(errors="replace")
            assert CANARY not in body, address
            assert "alice" not in body, address
            if params:
                assert response.status_code in (403, 404, 405), (address, response.status_code)
    assert checked > 20  # every list, and each id route with each of her ids


def test_a_researchers_access_ends_when_its_time_is_over():
    """Checklist item 67: research access is time-boxed. Past the end the page is 404, as to anyone else. (The
    access is given as if a day and a minute ago rather than the clock moved on: a session ends within 12 hours.)"""
    person, client = researcher()
    assert client.get(URL).status_code == 200
    researcher_grant(user=person, days=1, now=timezone.now() - timedelta(days=1, minutes=1))
    assert client.get(URL).status_code == 404
    researcher_grant(user=person, days=30, now=timezone.now())  # the operator renews it
    assert client.get(URL).status_code == 200


def test_a_researchers_access_is_revoked_at_once():
    person, client = researcher()
    assert researcher_revoke(user=person) is True
    assert client.get(URL).status_code == 404
    assert not person.__class__.objects.get(pk=person.pk).has_perm("research.view_study_counts")


def test_the_permission_alone_is_not_access():
    person, client = researcher()
    ResearcherAccess.objects.filter(user=person).delete()  # as installed before access was time-boxed
    assert client.get(URL).status_code == 404


def test_the_command_gives_access_for_a_time_and_ends_it(capsys):
    person = make_person("rowan", first_name="Rowan")
    call_command("research", "researcher", "--username", "rowan", "--days", "14")
    access = ResearcherAccess.objects.get(user=person)
    assert timedelta(days=13, hours=23) < access.until - timezone.now() <= timedelta(days=14)
    assert "until" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("research", "researcher", "--username", "rowan", "--days", "400")
    call_command("research", "researcher", "--username", "rowan", "--revoke")
    assert not ResearcherAccess.objects.filter(user=person).exists()
