"""Checklist items 16, 17, 19 and 23, walked through the real sign-in, reset and sessions pages.

Most of what these show is django-allauth's and Django's behaviour; the tests are here so that a setting or an
upgrade that loosens it turns them red.
"""

import json
import re
import subprocess
import sys

import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.personas import PASSWORD
from tests.totp import current_code, fresh_code

NEW_PASSWORD = "a lantern by the quiet harbour"


def _sign_in(client, login, password):
    return client.post("/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR="10.0.0.7")


# --- 16: a TOTP code works once ------------------------------------------------------------------------------


def test_a_totp_code_used_once_is_refused_the_second_time_within_its_thirty_seconds(alice):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    # Frozen inside one 30-second step, so the second attempt is the very same code, still inside its window.
    with time_machine.travel(timezone.now(), tick=False):
        code = current_code(secret)  # the clock is held still: no wait needed
        first = Client()
        assert _sign_in(first, "alice", PASSWORD)["Location"] == "/accounts/2fa/authenticate/"
        first.post("/accounts/2fa/authenticate/", {"code": code})
        assert first.get("/home/").status_code == 200

        # Someone who watched the code being typed tries it with the password, in the same 30 seconds.
        second = Client()
        assert _sign_in(second, "alice", PASSWORD)["Location"] == "/accounts/2fa/authenticate/"
        response = second.post("/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 200  # the form again, with its error
        assert response.context["form"].errors
        assert second.get("/home/").status_code == 302


# --- 17: a reset link works once, expires, and does not skip two-step sign-in --------------------------------


def _verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _reset_link(address):
    Client().post("/accounts/password/reset/", {"email": address})
    links = [
        re.search(r"http://[^/\s]+(/accounts/password/reset/key/\S+/)", m.body).group(1)
        for m in mail.outbox
        if address in m.to and "/accounts/password/reset/key/" in m.body
    ]
    assert len(links) == 1
    return links[0]


def _reset_with(link, password=NEW_PASSWORD):
    """Follow the mailed link and choose a new password: "reset", or "refused" when the link is not accepted.

    allauth moves the key from the address into the session, then shows the new-password form there.
    """
    client = Client()
    page = client.get(link, follow=True)
    if page.context.get("token_fail"):
        return "refused"
    form_address = page.redirect_chain[-1][0]
    response = client.post(form_address, {"password1": password, "password2": password})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/key/done/"
    return "reset"


def test_a_password_reset_link_works_once(alice):
    _verified(alice)
    link = _reset_link(alice.email)
    assert _reset_with(link) == "reset"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)

    assert _reset_with(link, password="someone else's chosen sentence") == "refused"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_a_password_reset_link_older_than_the_timeout_is_refused(alice, settings):
    assert settings.PASSWORD_RESET_TIMEOUT <= 60 * 60
    _verified(alice)
    sent = timezone.now()
    with time_machine.travel(sent, tick=False):
        link = _reset_link(alice.email)
    with time_machine.travel(sent + timezone.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60), tick=False):
        assert _reset_with(link) == "refused"
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_after_a_password_reset_two_step_sign_in_is_still_asked(alice):
    _verified(alice)
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    assert _reset_with(_reset_link(alice.email)) == "reset"

    client = Client()
    assert client.get("/home/").status_code == 302  # the reset itself signed nobody in
    response = _sign_in(client, "alice", NEW_PASSWORD)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/home/").status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": fresh_code(secret)})
    assert client.get("/home/").status_code == 200


# --- 19: the cookies a real sign-in sets with the production settings ---------------------------------------

# Run in a fresh interpreter: the HTTPS settings are read once, at start-up, from the environment.
_SIGN_IN_WITH_PRODUCTION_SETTINGS = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from earnedsecure.accounts.models import User
from earnedsecure.accounts.services import consent_give
user = User.objects.create_user("alice", "alice@example.com", "quiet river at dawn twice")
consent_give(user=user)
client = Client(HTTP_HOST="notebook.example.org")
client.get("/accounts/login/", secure=True)
response = client.post(
    "/accounts/login/", {"login": "alice", "password": "quiet river at dawn twice"},
    secure=True, REMOTE_ADDR="10.0.0.7",
)
print(json.dumps({"status": response.status_code, "set_cookie": [m.output(header="") for m in response.cookies.values()]}))
"""


def _parse_set_cookie(line):
    name_value, *attributes = [part.strip() for part in line.strip().split(";")]
    name = name_value.split("=", 1)[0]
    parsed = {}
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        parsed[key.lower()] = value
    return name, parsed


def test_with_the_production_settings_sign_in_sets_host_only_secure_cookies(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "EARNEDSECURE_DATA_DIR": str(tmp_path),
        "EARNEDSECURE_HTTPS": "1",
        "EARNEDSECURE_ALLOWED_HOSTS": "notebook.example.org",
        "DJANGO_SETTINGS_MODULE": "earnedsecure.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", _SIGN_IN_WITH_PRODUCTION_SETTINGS],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 302
    cookies = dict(_parse_set_cookie(line) for line in answer["set_cookie"])

    assert {"__Host-sessionid", "__Host-csrftoken"} <= set(cookies)
    assert "sessionid" not in cookies and "csrftoken" not in cookies
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        attributes = cookies[name]
        assert "secure" in attributes, name
        assert attributes.get("samesite") == "Lax", name
        assert attributes.get("path") == "/", name
        assert "domain" not in attributes, name
    assert "httponly" in cookies["__Host-sessionid"]


# --- 23: ending the other sessions, by hand and on a password change ----------------------------------------


def _three_sessions_of(user):
    sessions = [Client() for _ in range(3)]
    for client in sessions:
        assert _sign_in(client, user.username, PASSWORD).status_code == 302
        assert client.get("/home/").status_code == 200
    return sessions


def test_sign_out_other_sessions_leaves_only_this_one(alice, bob):
    here, phone, laptop = _three_sessions_of(alice)
    partner = Client()
    _sign_in(partner, "bob", PASSWORD)
    page = here.get("/accounts/sessions/")
    assert page.status_code == 200 and page.context["session_count"] == 3

    assert here.post("/accounts/sessions/").status_code == 302
    assert here.get("/home/").status_code == 200
    assert phone.get("/home/").status_code == 302
    assert laptop.get("/home/").status_code == 302
    assert not Session.objects.filter(
        session_key__in=[phone.cookies["sessionid"].value, laptop.cookies["sessionid"].value]
    ).exists()
    assert here.get("/accounts/sessions/").context["session_count"] == 1
    assert partner.get("/home/").status_code == 200  # another person's session is not touched


def test_a_password_change_signs_out_the_other_sessions(alice, bob):
    here, phone, laptop = _three_sessions_of(alice)
    partner = Client()
    _sign_in(partner, "bob", PASSWORD)
    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert here.get("/home/").status_code == 200  # the person who changed it stays signed in here
    assert phone.get("/home/").status_code == 302
    assert laptop.get("/home/").status_code == 302
    assert partner.get("/home/").status_code == 200
