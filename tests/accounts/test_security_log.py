"""The security log a person can see under Account: sign-ins, failed sign-ins, two-step, password, email, exports.

It shows only the person's own events, keeps no addresses, and goes with the export and the deletion.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client

from earnedsecure.accounts import services
from earnedsecure.accounts.models import SecurityEvent
from tests.personas import PASSWORD

Kind = SecurityEvent.Kind
PAGE = "/account/security/"


def _kinds(user) -> list[str]:
    return list(SecurityEvent.objects.filter(owner=user).order_by("at", "pk").values_list("kind", flat=True))


def _login(client, login, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=ip)


def test_it_works(client, alice):
    _login(client, "alice", "not the password")
    _login(client, "alice", PASSWORD)
    html = client.get(PAGE).content.decode()
    assert client.get(PAGE).status_code == 200
    assert "A sign-in with your username or email failed" in html
    assert "Signed in" in html
    assert _kinds(alice) == [Kind.SIGN_IN_FAILED, Kind.SIGNED_IN]


def test_it_requires_login(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_events(alice_client, alice, charlie):
    # Charlie signs in and fails to sign in as himself; none of it is on Alice's page, nor hers on his.
    _login(Client(), "charlie", "wrong for charlie")
    _login(Client(), "charlie", PASSWORD)
    services.security_event_record(user=charlie, kind=Kind.EXPORTED)
    before = SecurityEvent.objects.filter(owner=alice).count()
    html = alice_client.get(PAGE).content.decode()
    assert html.count("<tr>") - 1 == before  # header row plus exactly Alice's own
    assert "downloaded" not in html
    assert SecurityEvent.objects.filter(owner=charlie).count() == 3


def test_a_failed_sign_in_by_email_is_on_the_owners_log(alice):
    _login(Client(), "alice@example.com", "not the password")
    assert _kinds(alice) == [Kind.SIGN_IN_FAILED]


def test_an_unknown_name_records_nothing_anywhere(alice):
    _login(Client(), "nobody-here", "whatever it is")
    assert SecurityEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # allauth signals two-step changes after the commit
def test_two_step_changes_and_password_changes_are_logged(alice_client, alice):
    from tests.totp import fresh_code

    alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    alice_client.get("/accounts/2fa/totp/activate/")
    secret = alice_client.session["mfa.totp.secret"]
    code = fresh_code(secret)
    assert alice_client.post("/accounts/2fa/totp/activate/", {"code": code}).status_code == 302
    alice_client.post("/accounts/2fa/recovery-codes/generate/")
    alice_client.post("/accounts/2fa/totp/deactivate/")
    alice_client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a new and quiet sentence", "password2": "a new and quiet sentence"},
    )
    events = list(SecurityEvent.objects.filter(owner=alice).order_by("at", "pk").values_list("kind", "method"))
    assert (Kind.TWO_STEP_ADDED, "totp") in events
    assert (Kind.RECOVERY_CODES_RESET, "") in events
    assert (Kind.TWO_STEP_REMOVED, "totp") in events
    assert (Kind.PASSWORD_CHANGED, "") in events


def test_a_refused_two_step_code_is_logged(client, alice):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(alice, generate_totp_secret())
    RecoveryCodes.activate(alice)
    _login(client, "alice", PASSWORD)
    client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert Kind.TWO_STEP_FAILED in _kinds(alice)


def test_an_email_change_is_logged(alice_client, alice, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
    alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    alice_client.post("/accounts/email/", {"action_add": "", "email": "new-alice@example.com"})
    assert Kind.EMAIL_ADDED in _kinds(alice)
    address = EmailAddress.objects.get(email="new-alice@example.com")
    from allauth.account.models import EmailConfirmationHMAC

    alice_client.post(f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/")
    assert Kind.EMAIL_CHANGED in _kinds(alice)


def _exported(client) -> dict:
    """Prepare an export, open its single-use link, and read the JSON document in the zip."""
    import io
    import re
    import zipfile

    page = client.post("/account/export/").content.decode()
    (link,) = re.findall(r'href="(/account/export/[^"/]+/)"', page)
    with zipfile.ZipFile(io.BytesIO(client.get(link).content)) as archive:
        (document,) = [name for name in archive.namelist() if name.endswith("/everything.json")]
        return json.loads(archive.read(document))


def test_an_export_is_logged_and_the_log_is_exported(alice_client, alice):
    alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    first = _exported(alice_client)
    assert Kind.EXPORTED in _kinds(alice)
    second = _exported(alice_client)
    logged = [row["kind"] for row in second["data"]["accounts.securityevent"]]
    assert Kind.EXPORTED in logged and len(logged) > len(first["data"]["accounts.securityevent"])


def test_deleting_the_account_deletes_its_log(alice):
    services.security_event_record(user=alice, kind=Kind.SIGNED_IN)
    services.account_delete(user=alice)
    assert SecurityEvent.objects.count() == 0


def test_no_address_or_browser_is_kept(alice):
    fields = {field.name for field in SecurityEvent._meta.get_fields()}
    assert fields == {"id", "owner", "kind", "method", "at"}
    assert all(
        field.choices for field in SecurityEvent._meta.concrete_fields if field.get_internal_type() == "CharField"
    )


@pytest.mark.parametrize("name", ["alice\nFAKE signed_in", "ALICE", " alice "])
def test_a_typed_name_never_reaches_the_log(alice, name):
    _login(Client(), name, "not the password")
    assert all(event.method == "" for event in SecurityEvent.objects.all())


def test_it_stays_open_after_consent_is_withdrawn(alice_client, alice):
    # Who signed in to the account is about the account, not the notebook: a person who took back their
    # agreement still sees it.
    alice_client.post("/account/consent/withdraw/")
    assert alice_client.get(PAGE).status_code == 200
