import io
import json
import re
import zipfile

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from earnedsecure.accounts import services
from earnedsecure.accounts.models import Consent, User
from earnedsecure.core import personal_data


def _models_with_a_user_key():
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if field.concrete and related is not None and related._meta.label == settings.AUTH_USER_MODEL:
                found.add(model._meta.label_lower)
    return found


def test_every_model_that_belongs_to_a_person_is_exported_or_excused():
    registered = {r.model._meta.label_lower for r in personal_data.registrations()}
    missing = _models_with_a_user_key() - registered - set(personal_data.NOT_PERSONAL) - {"axes.accesslog"}
    assert missing == set(), f"register these in AppConfig.ready() so export and deletion include them: {missing}"


def test_the_export_holds_every_registered_model_and_only_the_owners_rows(alice, bob):
    exported = services.account_export(user=alice)
    assert set(exported["data"]) == {r.model._meta.label_lower for r in personal_data.registrations()}
    assert [row["username"] for row in exported["data"]["accounts.user"]] == ["alice"]
    assert "password" not in exported["data"]["accounts.user"][0]
    assert len(exported["data"]["accounts.consent"]) == 1
    assert "bob" not in services.account_export_json(user=alice)


def test_export_requires_a_recent_password(alice_client, alice):
    response = alice_client.get("/account/export/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]


def _reauthenticate(client):
    from tests.personas import PASSWORD

    client.post("/accounts/reauthenticate/", {"password": PASSWORD})


def test_export_downloads_json_after_reauthentication(alice_client):
    _reauthenticate(alice_client)
    page = alice_client.post("/account/export/")
    assert page.status_code == 200
    (link,) = re.findall(r'href="(/account/export/[^"/]+/)"', page.content.decode())
    response = alice_client.get(link)  # the single-use link (tests/accounts/test_export_link.py)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        (document,) = [name for name in archive.namelist() if name.endswith("/everything.json")]
        assert json.loads(archive.read(document))["username"] == "alice"


def test_delete_requires_a_recent_password(alice_client):
    response = alice_client.get("/account/delete/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]


def test_delete_keeps_the_account_when_the_confirmation_is_wrong(alice_client, alice):
    _reauthenticate(alice_client)
    response = alice_client.post("/account/delete/", {"confirm": "alicee"})
    assert response.status_code == 200
    assert b"doesn&#x27;t match" in response.content or b"doesn't match" in response.content
    assert b'value="alicee"' in response.content
    assert User.objects.filter(pk=alice.pk).exists()


def _dump_database() -> str:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        chunks = []
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_delete_leaves_nothing_of_the_person(client, alice, bob):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    from tests.personas import PASSWORD

    RecoveryCodes.activate(alice)
    client.post("/accounts/login/", {"login": "alice", "password": "wrong password!!"}, REMOTE_ADDR="10.0.0.5")
    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.5")
    _reauthenticate(client)
    response = client.post("/account/delete/", {"confirm": "alice"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "are deleted from this machine" in client.get("/").content.decode()
    dump = _dump_database()
    assert "alice@example.com" not in dump
    assert "'alice'" not in dump
    assert not Consent.objects.filter(owner_id=alice.pk).exists()
    assert User.objects.filter(username="bob").exists()  # a partner's account is untouched
    assert client.get("/home/").status_code == 302


def test_sensitive_pages_ask_for_consent_first(client, db):
    from tests.personas import make_person

    person = make_person("newcomer", consent=False)
    client.force_login(person)
    response = client.get("/diary/activated/")
    assert response.status_code == 302 and response["Location"].startswith("/account/consent/")

    assert client.post("/account/consent/", {"next": "/home/"}).status_code == 200  # box not ticked
    assert client.post("/account/consent/", {"agree": "on", "next": "/home/"})["Location"] == "/home/"
    assert services.has_core_consent(person)
    assert client.get("/diary/activated/").status_code == 200


def test_consent_can_be_withdrawn(alice):
    assert services.has_core_consent(alice)
    services.consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    assert not services.has_core_consent(alice)


@pytest.mark.parametrize("field", ["security_question", "secret_answer", "hint"])
def test_no_secret_questions_or_hints_anywhere(field):
    names = {f.name for model in apps.get_models() for f in model._meta.get_fields()}
    assert not any(field in name for name in names)
