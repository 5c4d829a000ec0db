"""Encryption at rest for what a person writes and answers (diary, thoughts, drafts, check-in answers).

Fernet (AES-128-CBC with HMAC-SHA256, from the ``cryptography`` package) is authenticated encryption: a
changed byte makes decryption fail loudly instead of returning garbage.

Envelope encryption, so that deleting a person makes every copy of their rows unreadable:

1. The master keys live in a file outside the database (``FIELD_KEYS_FILE``, mode 0600) or in
   ``EARNEDSECURE_FIELD_KEYS``; the first key encrypts, every key decrypts, so ``earnedsecure manage
   rotate_field_keys`` can add a key, re-wrap and re-encrypt, then drop the old ones.
2. Each person has their own data key, wrapped (encrypted) by the master key and kept in the key store
   (core/keystore.py), a file apart from the main database. The main database holds only a reference,
   ``core.PersonKey`` (owner -> key id). Their rows are stored as ``person:<key id>:<token>``.
3. Deleting the person destroys the key in the key store once the deletion has committed. A copy of the main
   database taken before (a backup, free pages, an old WAL) still holds the ciphertext and the key id, but the
   key is in no copy of the main database, so nothing opens it. Key backups are kept a few days only.

Values with no owner (a model that is not personal data) are stored as ``fernet:<token>`` under the master key.
"""

import os
import secrets
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction

from earnedsecure.core import keystore

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

    key_id = PersonKey.objects.filter(owner_id=owner_id).values_list("key_id", flat=True).first()
    if key_id is None:
        key_id = _person_key_create(owner_id)
    cipher = _cipher_for_key_id(key_id)
    _remember_owner(owner_id, key_id)
    return key_id, cipher


def _person_key_create(owner_id: int) -> str:
    """A new key for the person: committed in the key store first, then referenced in the main transaction.

    If the main transaction rolls back, the stored key is referenced by nobody and encrypts nothing that was
    kept; the daily purge destroys it (:func:`person_keys_unreferenced_destroy`).
    """
    from earnedsecure.core.models import PersonKey

    key_id = secrets.token_hex(12)
    keystore.key_add(key_id=key_id, wrapped_key=_cipher().encrypt(Fernet.generate_key()).decode("ascii"))
    try:
        with transaction.atomic():
            PersonKey.objects.create(owner_id=owner_id, key_id=key_id)
    except IntegrityError:  # made at the same moment by another request: theirs is the key
        keystore.keys_destroy([key_id])
        return PersonKey.objects.get(owner_id=owner_id).key_id
    return key_id


def _cipher_for_key_id(key_id: str) -> Fernet:
    if key_id not in _person_ciphers:
        wrapped = keystore.key_get(key_id)
        if wrapped is None:
            raise DecryptionError("this person's key is gone (the account was deleted)")
        _person_ciphers[key_id] = _unwrap(wrapped)
    return _person_ciphers[key_id]


def person_key_destroy_on_commit(*, owner_id: int) -> None:
    """Destroy the person's key once the current transaction (their deletion) commits.

    Called before the person's row is deleted (the reference goes with it, by cascade). If the destruction
    fails or the process stops first, the key is referenced by nobody and the daily purge destroys it.
    """
    from earnedsecure.core.models import PersonKey

    key_ids = list(PersonKey.objects.filter(owner_id=owner_id).values_list("key_id", flat=True))
    person_keys_forget(owner_id)

    def destroy() -> None:
        keystore.keys_destroy(key_ids)
        for key_id in key_ids:
            _person_ciphers.pop(key_id, None)

    transaction.on_commit(destroy, robust=True)


# A key made by a transaction that rolled back is referenced by nobody; one a day old is surely no one's.
UNREFERENCED_KEY_GRACE = timedelta(days=1)


def person_keys_unreferenced_destroy(*, now: datetime) -> int:
    """Destroy keys in the key store that no person refers to (see :func:`_person_key_create`); how many."""
    from earnedsecure.core.models import PersonKey

    referenced = set(PersonKey.objects.values_list("key_id", flat=True))
    return keystore.keys_unreferenced_destroy(referenced=referenced, created_before=now - UNREFERENCED_KEY_GRACE)


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
