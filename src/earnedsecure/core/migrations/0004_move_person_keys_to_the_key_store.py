"""Data step: every person's wrapped key goes from the main database into the key store (core/keystore.py).

Forward: each ``core_personkey`` row's key is added to the key store (a key already there, or destroyed
there, is left as it is), then blanked in the main database; the schema step after this drops the column.
Backward: the keys are copied back from the key store. The key store is a file, not a Django database: it is
reached through core/keystore.py, the one module that knows it.
"""

from django.db import migrations


def to_the_key_store(apps, schema_editor):
    from earnedsecure.core import keystore

    PersonKey = apps.get_model("core", "PersonKey")
    rows = list(PersonKey.objects.exclude(wrapped_key="").values_list("key_id", "wrapped_key"))
    if not rows:
        return  # a new installation: nothing to move, and no key store to make yet
    held, destroyed = keystore.keys_known(key_id for key_id, _ in rows)
    for key_id, wrapped_key in rows:
        if key_id not in held and key_id not in destroyed:
            keystore.key_add(key_id=key_id, wrapped_key=wrapped_key)
    # Only once every key is committed in the key store: a failure before this leaves the main rows whole.
    PersonKey.objects.update(wrapped_key="")


def back_from_the_key_store(apps, schema_editor):
    from earnedsecure.core import keystore

    PersonKey = apps.get_model("core", "PersonKey")
    for row in PersonKey.objects.filter(wrapped_key=""):
        wrapped_key = keystore.key_get(row.key_id)
        if wrapped_key is not None:
            row.wrapped_key = wrapped_key
            row.save(update_fields=["wrapped_key"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_seal_personal_rows")]

    operations = [migrations.RunPython(to_the_key_store, back_from_the_key_store)]
