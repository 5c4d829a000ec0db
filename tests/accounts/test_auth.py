import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import make_password
from django.core import mail

from earnedsecure.accounts.models import User
from tests.personas import PASSWORD

# What sign-up asks beyond the account itself: the crisis-lines country and being 18 or older.
SAFETY_FIELDS = {"country": "GB", "adult": "on"}


def _login(client, login, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.real_hasher
def test_it_hashes_new_passwords_with_argon2id(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newperson",
            "email": "",
            "password1": "quiet river at dawn",
            "password2": "quiet river at dawn",
            **SAFETY_FIELDS,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="newperson").password.startswith("argon2$argon2id$")


@pytest.mark.real_hasher
def test_it_upgrades_an_old_hash_on_login(client, alice):
    alice.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    alice.save()
    assert _login(client, "alice", PASSWORD).status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$")


@pytest.mark.parametrize("weak", ["1", "111111", "password123", "alice-alice"])
def test_it_rejects_weak_passwords_next_to_the_field(client, db, weak):
    response = client.post(
        "/accounts/signup/", {"username": "alice-alice", "password1": weak, "password2": weak, **SAFETY_FIELDS}
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="alice-alice").exists()
    assert b"errorlist" in response.content or b"error" in response.content
    assert b'value="alice-alice"' in response.content  # nothing the person typed is lost


def test_it_accepts_a_long_unicode_passphrase(client, db):
    phrase = "été à la mer — calme 🌊 toujours"
    response = client.post(
        "/accounts/signup/", {"username": "unicode", "password1": phrase, "password2": phrase, **SAFETY_FIELDS}
    )
    assert response.status_code == 302


def test_it_logs_in_and_out(client, alice):
    assert _login(client, "alice", PASSWORD)["Location"] == "/home/"
    assert client.get("/home/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/home/").status_code == 302


def test_it_rotates_the_session_key_at_login(client, alice):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    _login(client, "alice", PASSWORD)
    assert client.session.session_key != before


def test_wrong_username_and_wrong_password_look_the_same(alice):
    from django.test import Client

    unknown = _login(Client(), "nobody-here", "wrong password here")
    wrong = _login(Client(), "alice", "wrong password here", ip="10.0.0.2")
    assert unknown.status_code == wrong.status_code == 200
    assert [t.name for t in unknown.templates] == [t.name for t in wrong.templates]
    # The same cookies with the same attributes (their values, a CSRF token, differ on every drawing).
    cookies = lambda r: {name: {**morsel, "expires": ""} for name, morsel in r.cookies.items()}  # noqa: E731
    assert cookies(unknown) == cookies(wrong)
    strip = lambda r: r.content.decode().replace("nobody-here", "X").replace("alice", "X")  # noqa: E731
    import re

    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", strip(unknown)) == csrf.sub("", strip(wrong))


def test_password_reset_does_not_reveal_who_has_an_account(client, alice):
    known = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    to_alice = [m for m in mail.outbox if "alice@example.com" in m.to]
    assert len(to_alice) == 1
    assert not re.search(r"attach|anxi|therap|partner", to_alice[0].subject, re.I)
    assert to_alice[0].subject.startswith("Notebook")


import re  # noqa: E402


def test_five_wrong_passwords_lock_that_address_but_not_the_owner_elsewhere(client, alice):
    from django.test import Client

    for _ in range(5):
        _login(client, "alice", "not the password", ip="10.9.9.9")
    locked = _login(client, "alice", PASSWORD, ip="10.9.9.9")
    assert locked.status_code in (200, 403, 429)
    assert b"Too many" in locked.content
    assert client.get("/home/").status_code == 302  # even the right password does not get in from there
    # Alice on her own phone, from another address, still gets in: a partner cannot lock her out.
    elsewhere = Client()
    assert _login(elsewhere, "alice", PASSWORD, ip="10.1.1.1").status_code == 302


def test_totp_is_asked_at_login_once_enabled(client, alice):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.totp import fresh_code

    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    response = _login(client, "alice", PASSWORD)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/home/").status_code == 302  # not signed in yet
    code = fresh_code(secret)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/home/").status_code == 200
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()


def test_recovery_codes_are_stored_hashed_or_encrypted(alice):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(alice)
    plain = codes.get_unused_codes()
    stored = str(Authenticator.objects.get(user=alice, type=Authenticator.Type.RECOVERY_CODES).data)
    assert plain and not any(code in stored for code in plain)


def test_with_real_mail_signup_does_not_reveal_a_taken_address(client, alice, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
    fields = {"password1": "quiet river at dawn", "password2": "quiet river at dawn", **SAFETY_FIELDS}
    taken = client.post("/accounts/signup/", {"username": "newbie", "email": "alice@example.com", **fields})
    fresh = client.post("/accounts/signup/", {"username": "newbie2", "email": "fresh@example.com", **fields})
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    to_alice = [m for m in mail.outbox if m.to == ["alice@example.com"]]
    assert len(to_alice) == 1 and to_alice[0].subject.startswith("Notebook")


def test_real_mail_turns_on_address_verification(tmp_path):
    import subprocess
    import sys

    code = "from earnedsecure import settings as s; print(s.ACCOUNT_EMAIL_VERIFICATION, 'email*' in s.ACCOUNT_SIGNUP_FIELDS)"
    env = {"PATH": "/usr/bin:/bin", "EARNEDSECURE_DATA_DIR": str(tmp_path)}
    local = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    server = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "EARNEDSECURE_EMAIL_HOST": "smtp.example.org"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert local.stdout.split() == ["none", "False"]
    assert server.stdout.split() == ["mandatory", "True"]
