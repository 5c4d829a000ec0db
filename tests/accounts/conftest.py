from tests.accounts.newcomer import newcomer_client  # noqa: F401
