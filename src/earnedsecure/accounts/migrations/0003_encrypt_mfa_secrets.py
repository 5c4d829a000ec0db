"""Data step: encrypt two-step sign-in secrets stored in the clear before accounts.adapter.MFAAdapter.

The TOTP secret, the recovery-code seed and any codes carried over from another app are encrypted with the field
key, as the adapter now does for new ones. Running it twice changes nothing (encrypted values are left alone).
"""

from django.db import migrations


def encrypt_mfa_secrets(apps, schema_editor):
    # The field encryption itself is app code by necessity: a migration cannot carry its own copy of the keys.
    from earnedsecure.core import crypto

    def sealed(value: str) -> str:
        return value if crypto.is_encrypted(value) else crypto.encrypt(value)

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]).iterator():
        data = dict(authenticator.data)
        if "secret" in data:
            data["secret"] = sealed(data["secret"])
        if "seed" in data:
            data["seed"] = sealed(data["seed"])
        if "migrated_codes" in data:
            data["migrated_codes"] = [sealed(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_remove_user_email_reminders"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_mfa_secrets, migrations.RunPython.noop)]
