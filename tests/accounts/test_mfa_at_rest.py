"""Finding 5 of issue 11: two-step sign-in secrets are encrypted at rest.

allauth stored the TOTP secret and the recovery-code seed as they are, so a database row or a backup was enough
to compute every code. They now go through allauth's MFA adapter hooks to the app's field encryption.
"""

import importlib

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.db import connection

from tests.personas import PASSWORD
from tests.totp import fresh_code


def _raw_data(user, kind) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s AND type = %s", [user.pk, kind])
        return str(cursor.fetchone()[0])


def test_the_totp_secret_is_not_in_the_database_row(alice):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    raw = _raw_data(alice, Authenticator.Type.TOTP)
    assert secret not in raw
    assert "fernet:" in raw


def test_the_recovery_code_seed_is_not_in_the_database_row(alice):
    codes = RecoveryCodes.activate(alice)
    seed = codes.instance.data["seed"]
    raw = _raw_data(alice, Authenticator.Type.RECOVERY_CODES)
    plain_seed = RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk))
    from allauth.mfa.utils import decrypt

    assert decrypt(seed) not in raw
    assert not any(code in raw for code in plain_seed.get_unused_codes())


def test_sign_in_with_an_encrypted_totp_secret_still_works(client, alice):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    response = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    code = fresh_code(secret)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert client.get("/home/").status_code == 200


def test_an_encrypted_recovery_code_still_works_once(alice):
    codes = RecoveryCodes.activate(alice)
    first = codes.get_unused_codes()[0]
    assert RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk)).validate_code(first)
    assert not RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk)).validate_code(first)


def test_the_migration_encrypts_secrets_stored_before_it(alice):
    secret, seed = generate_totp_secret(), RecoveryCodes.generate_seed()
    Authenticator.objects.bulk_create(
        [
            Authenticator(user=alice, type=Authenticator.Type.TOTP, data={"secret": secret}),
            Authenticator(
                user=alice,
                type=Authenticator.Type.RECOVERY_CODES,
                data={"seed": seed, "used_mask": 0, "migrated_codes": ["12345678"]},
            ),
        ]
    )
    migration = importlib.import_module("earnedsecure.accounts.migrations.0003_encrypt_mfa_secrets")
    migration.encrypt_mfa_secrets(apps, None)
    migration.encrypt_mfa_secrets(apps, None)  # twice is the same as once
    raw = _raw_data(alice, Authenticator.Type.TOTP) + _raw_data(alice, Authenticator.Type.RECOVERY_CODES)
    assert secret not in raw and seed not in raw and "12345678" not in raw
    totp = TOTP(Authenticator.objects.get(user=alice, type=Authenticator.Type.TOTP))
    assert totp.validate_code(fresh_code(secret))
    codes = RecoveryCodes(Authenticator.objects.get(user=alice, type=Authenticator.Type.RECOVERY_CODES))
    assert codes.get_unused_codes() == ["12345678"]


def test_key_rotation_carries_two_step_secrets_over_to_the_new_key(alice, settings, tmp_path, monkeypatch):
    # Finding 8's command rotated encrypted fields only: once the old key was retired, the TOTP secret and the
    # recovery codes could no longer be read, and the person could not sign in.
    from django.core.management import call_command

    from earnedsecure.core import crypto

    monkeypatch.delenv("EARNEDSECURE_FIELD_KEYS", raising=False)
    settings.FIELD_KEYS_FILE = tmp_path / "keys"
    crypto.reset_keys()
    try:
        secret = generate_totp_secret()
        TOTP.activate(alice, secret)
        codes = RecoveryCodes.activate(alice).get_unused_codes()
        before = _raw_data(alice, Authenticator.Type.TOTP) + _raw_data(alice, Authenticator.Type.RECOVERY_CODES)
        old_keys = crypto.current_keys()

        call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115

        assert not set(old_keys) & set(crypto.current_keys())  # the old key is retired
        after = _raw_data(alice, Authenticator.Type.TOTP) + _raw_data(alice, Authenticator.Type.RECOVERY_CODES)
        assert after != before and secret not in after
        totp = TOTP(Authenticator.objects.get(user=alice, type=Authenticator.Type.TOTP))
        assert totp.validate_code(fresh_code(secret))
        recovery = RecoveryCodes(Authenticator.objects.get(user=alice, type=Authenticator.Type.RECOVERY_CODES))
        assert recovery.get_unused_codes() == codes
    finally:
        crypto.reset_keys()
