"""Encryption at rest for what a person writes and answers (diary, thoughts, drafts, check-in answers).

Fernet (AES-128-CBC with HMAC-SHA256, from the ``cryptography`` package) is authenticated encryption: a
changed byte makes decryption fail loudly instead of returning garbage.

Envelope encryption, so that deleting a person makes every copy of their rows unreadable:

1. The master keys live in a file outside the database (``FIELD_KEYS_FILE``, mode 0600) or in
   ``EARNEDSECURE_FIELD_KEYS``; the first key encrypts, every key decrypts, so ``earnedsecure manage
   rotate_field_keys`` can add a key, re-wrap and re-encrypt, then drop the old ones.
2. Each person has their own data key, stored in a ``core.PersonKey`` row wrapped (encrypted) by the master
   key. Their rows are stored as ``person:<key id>:<token>``, encrypted with that key.
3. Deleting the person deletes the key row. A copy of the database taken before (a backup, free pages, an
   old WAL) still holds the ciphertext, but no remaining key opens it.

Values with no owner (a model that is not personal data) are stored as ``fernet:<token>`` under the master key.
"""

import os
import secrets
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction

PREFIX = "fernet:"
PERSON_PREFIX = "person:"


class DecryptionError(Exception):
    """Stored ciphertext could not be authenticated with any configured key."""


def _read_keys() -> list[str]:
    if os.environ.get("EARNEDSECURE_FIELD_KEYS"):
        return [k.strip() for k in os.environ["EARNEDSECURE_FIELD_KEYS"].split(",") if k.strip()]
    path = Path(settings.FIELD_KEYS_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(Fernet.generate_key().decode() + "\n")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_keys(keys: list[str]) -> None:
    """Replace the key file atomically (used by key rotation)."""
    path = Path(settings.FIELD_KEYS_FILE)
    tmp = path.with_suffix(".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(keys) + "\n")
    os.replace(tmp, path)
    reset_keys()


@lru_cache(maxsize=1)
def _cipher() -> MultiFernet:
    keys = _read_keys()
    if not keys:
        raise ImproperlyConfigured("No field encryption key is configured")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError:
        raise ImproperlyConfigured("A field encryption key is not a valid Fernet key") from None


def reset_keys() -> None:
    _cipher.cache_clear()


def current_keys() -> list[str]:
    return _read_keys()


def keys_come_from_the_environment() -> bool:
    return bool(os.environ.get("EARNEDSECURE_FIELD_KEYS"))


# --- Per-person data keys --------------------------------------------------------------------------------
# key id -> that person's cipher. Safe to fill at once: a key id is random and never reused.
_person_ciphers: dict[str, Fernet] = {}
# owner id -> key id, filled only once the key row is committed (a rolled-back key must never be reused).
_owner_key_ids: dict[int, str] = {}


def person_keys_forget(owner_id: int | None = None) -> None:
    """Drop cached person keys (one owner's after their deletion, or all of them)."""
    if owner_id is None:
        _person_ciphers.clear()
        _owner_key_ids.clear()
        return
    key_id = _owner_key_ids.pop(owner_id, None)
    if key_id is not None:
        _person_ciphers.pop(key_id, None)


def _unwrap(wrapped: str) -> Fernet:
    try:
        return Fernet(_cipher().decrypt(wrapped.encode("ascii")))
    except (InvalidToken, ValueError) as error:
        raise DecryptionError("a person's key failed authentication with the master keys") from error


def _remember_owner(owner_id: int, key_id: str) -> None:
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _owner_key_ids.__setitem__(owner_id, key_id))
    else:
        _owner_key_ids[owner_id] = key_id


def _person_key(owner_id: int) -> tuple[str, Fernet]:
    """The person's key id and cipher, made (and wrapped by the master key) the first time they write."""
    key_id = _owner_key_ids.get(owner_id)
    if key_id is not None and key_id in _person_ciphers:
        return key_id, _person_ciphers[key_id]
    from earnedsecure.core.models import PersonKey

    row = PersonKey.objects.filter(owner_id=owner_id).first()
    if row is None:
        try:
            with transaction.atomic():
                row = PersonKey.objects.create(
                    owner_id=owner_id,
                    key_id=secrets.token_hex(12),
                    wrapped_key=_cipher().encrypt(Fernet.generate_key()).decode("ascii"),
                )
        except IntegrityError:  # made at the same moment by another request
            row = PersonKey.objects.get(owner_id=owner_id)
    _person_ciphers[row.key_id] = _unwrap(row.wrapped_key)
    _remember_owner(owner_id, row.key_id)
    return row.key_id, _person_ciphers[row.key_id]


def _cipher_for_key_id(key_id: str) -> Fernet:
    if key_id not in _person_ciphers:
        from earnedsecure.core.models import PersonKey

        wrapped = PersonKey.objects.filter(key_id=key_id).values_list("wrapped_key", flat=True).first()
        if wrapped is None:
            raise DecryptionError("this person's key is gone (the account was deleted)")
        _person_ciphers[key_id] = _unwrap(wrapped)
    return _person_ciphers[key_id]


def encrypt(plaintext: str, *, owner_id: int | None = None) -> str:
    """Ciphertext under the owner's own key, or under the master key when the value has no owner."""
    if owner_id is None:
        return PREFIX + _cipher().encrypt(plaintext.encode("utf-8")).decode("ascii")
    key_id, cipher = _person_key(owner_id)
    return f"{PERSON_PREFIX}{key_id}:" + cipher.encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    try:
        if stored.startswith(PERSON_PREFIX):
            key_id, _, token = stored[len(PERSON_PREFIX) :].partition(":")
            return _cipher_for_key_id(key_id).decrypt(token.encode("ascii")).decode("utf-8")
        if stored.startswith(PREFIX):
            return _cipher().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError) as error:
        raise DecryptionError("stored text failed authentication; wrong key or tampered data") from error
    raise DecryptionError("value is not in the encrypted format")


def is_encrypted(stored: str) -> bool:
    return stored.startswith((PREFIX, PERSON_PREFIX))


def rotate(stored: str) -> str:
    """Re-encrypt a master-key value under the first (newest) master key; a person's value is left as is
    (rotating the master key re-wraps the person's key instead: see :func:`rewrap`)."""
    if stored.startswith(PERSON_PREFIX):
        return stored
    if not stored.startswith(PREFIX):
        raise DecryptionError("value is not in the encrypted format")
    return PREFIX + _cipher().rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")


def rewrap(wrapped_key: str) -> str:
    """A person's wrapped key, re-wrapped under the first (newest) master key."""
    try:
        return _cipher().rotate(wrapped_key.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise DecryptionError("a person's key failed authentication with the master keys") from error
