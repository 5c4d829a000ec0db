"""Tokens for links that work for a while and for one account (a person's export, a researcher's release).

The token is a 256-bit random value shown once; only its SHA-256 hash is kept. Being random and that long, a
plain hash is enough to keep a database reader from using it (no key needed, unlike the short partner codes),
and each link works only in its owner's signed-in session anyway.
"""

import hashlib
import secrets


def token_hash(token: str) -> str:
    """What is kept of ``token``, and looked up when the link is opened."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A new link token, to show once, and its hash, to keep."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)
