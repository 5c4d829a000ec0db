import uuid

import pytest

from tests.personas import alice, alice_client, bob, charlie, charlie_client, theo  # noqa: F401

CANARY = "CANARY-7f3a9c-do-not-leak"


@pytest.fixture
def canary():
    return CANARY


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    # Argon2 is deliberately slow; tests that check hashing opt back in with the 'real_hasher' marker.
    if "real_hasher" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_key_store(settings, tmp_path_factory):
    # The key store is a file beside the data, not rolled back with each test's rows: each test gets its own
    # (made when first used), so no test reads another's keys or the real data folder's.
    settings.PERSON_KEYS_FILE = tmp_path_factory.getbasetemp() / f"person_keys-{uuid.uuid4().hex}.sqlite3"


@pytest.fixture(autouse=True)
def _forget_person_keys():
    # Each test's rows (and their data keys) are rolled back: a key cached by one test must not serve the next.
    from earnedsecure.core import crypto

    crypto.person_keys_forget()
    yield
    crypto.person_keys_forget()


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits live in the cache; one test's failed logins must not throttle the next test.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
