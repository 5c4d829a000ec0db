"""Encryption at rest for free text a person writes (diary, thoughts, message drafts).

Fernet (AES-128-CBC with HMAC-SHA256, from the ``cryptography`` package) is authenticated encryption: a
changed byte makes decryption fail loudly instead of returning garbage. Keys live in a file outside the
database (``FIELD_KEYS_FILE``, mode 0600) or in ``EARNEDSECURE_FIELD_KEYS``; the first key encrypts, every
key decrypts, so ``earnedsecure manage rotate_field_keys`` can add a key, re-encrypt, then drop the old ones.
"""

import os
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


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


def encrypt(plaintext: str) -> str:
    return PREFIX + _cipher().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise DecryptionError("value is not in the encrypted format")
    try:
        return _cipher().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError) as error:
        raise DecryptionError("stored text failed authentication; wrong key or tampered data") from error


def rotate(stored: str) -> str:
    """Re-encrypt under the first (newest) key."""
    if not stored.startswith(PREFIX):
        raise DecryptionError("value is not in the encrypted format")
    return PREFIX + _cipher().rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")
