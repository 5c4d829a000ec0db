"""Bring stored rows under each person's own key (core/crypto.py), in raw SQL so values are never mixed up.

Two kinds of rows are sealed:

1. Columns that used to be plaintext and are now encrypted (listed by the migration that encrypted them):
   every non-empty value is plaintext and is encrypted with its owner's key, unless it is already under that
   key (a second run, after the migration was undone: undoing it leaves the rows sealed).
2. Values written under the master key (``fernet:``) before per-person keys existed, or by a path that did
   not know the row's owner: decrypted and encrypted again with the owner's key.

Used by the data migration ``core.0003_seal_personal_rows`` and by ``earnedsecure manage seal_personal_data``.
"""

import json

from django.db import connection

from earnedsecure.core import crypto
from earnedsecure.core.fields import EncryptedJSONField, EncryptedTextField


def _plaintext_as_stored(field, value) -> str:
    """A plaintext value as the field itself would have written it before encryption."""
    if not isinstance(field, EncryptedJSONField):
        return str(value)
    decoded = json.loads(value) if isinstance(value, str) else value
    if isinstance(field.default, bool):
        decoded = bool(decoded)  # SQLite kept a former boolean column as 0/1
    return json.dumps(decoded, separators=(",", ":"))


def seal_rows(models, *, were_plaintext: frozenset[str] = frozenset()) -> int:
    """Re-encrypt every encrypted column of ``models`` under the owners' keys; returns how many values.

    ``were_plaintext`` names columns (``"app_label.model.field"``) whose stored values are still plaintext.
    """
    from earnedsecure.core import personal_data

    quote = connection.ops.quote_name
    sealed = 0
    with connection.cursor() as cursor:
        for model in models:
            try:
                owner_field = personal_data.owner_field_for(model)
            except LookupError:
                continue  # not a person's data: the master key is the right key
            owner_column = model._meta.pk.column if owner_field == "pk" else model._meta.get_field(owner_field).column
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            for field in model._meta.concrete_fields:
                if not isinstance(field, EncryptedTextField):
                    continue
                name = f"{model._meta.label_lower}.{field.name}"
                column = quote(field.column)
                cursor.execute(
                    f"SELECT {pk}, {quote(owner_column)}, {column} FROM {table} "  # noqa: S608
                    f"WHERE {column} IS NOT NULL AND {column} <> ''"
                )
                for row_pk, owner_id, stored in cursor.fetchall():
                    if isinstance(stored, str) and stored.startswith(crypto.PERSON_PREFIX):
                        continue  # already under the person's key (also on a second run, after the step was undone)
                    if isinstance(stored, str) and stored.startswith(crypto.PREFIX):
                        plaintext = crypto.decrypt(stored)
                    elif name in were_plaintext:
                        plaintext = _plaintext_as_stored(field, stored)
                    else:
                        continue
                    cursor.execute(
                        f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                        [crypto.encrypt(plaintext, owner_id=owner_id), row_pk],
                    )
                    sealed += 1
    return sealed
