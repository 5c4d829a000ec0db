"""Finding 7 of issue 11: lockout behind a reverse proxy, and a per-account cap.

Behind a proxy every request comes from the proxy's address. Unless the operator says how many proxies to
trust (EARNEDSECURE_TRUSTED_PROXY_COUNT, default 0), X-Forwarded-For is ignored: it is whatever the client
wrote. With it, the client address is the one the last trusted proxy saw, so five wrong passwords from one
person behind the proxy do not lock everyone else out. Separately, one account cannot be tried more than a
hundred times an hour from any number of addresses.
"""

import pytest
from django.test import Client

from tests.personas import PASSWORD

PROXY = "10.0.0.254"


def _login(client, login, password, *, forwarded_for=None, ip=PROXY):
    extra = {"REMOTE_ADDR": ip}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/accounts/login/", {"login": login, "password": password}, **extra)


def _signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/home/"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_the_trusted_proxy_setting_is_off_unless_the_operator_turns_it_on(settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0


def test_behind_a_trusted_proxy_one_persons_wrong_passwords_do_not_lock_out_the_owner(alice, behind_one_proxy):
    partner = Client()
    for _ in range(5):
        _login(partner, "alice", "not the password", forwarded_for="203.0.113.7")
    assert not _signed_in(_login(partner, "alice", PASSWORD, forwarded_for="203.0.113.7"))
    # Alice, behind the same proxy from her own phone, still signs in.
    assert _signed_in(_login(Client(), "alice", PASSWORD, forwarded_for="198.51.100.20"))


def test_behind_a_trusted_proxy_the_client_cannot_choose_its_address(alice, behind_one_proxy):
    # The proxy appends the address it saw; only the entry it added is believed, not what the client wrote.
    attacker = Client()
    for n in range(5):
        _login(attacker, "alice", "not the password", forwarded_for=f"192.0.2.{n}, 203.0.113.7")
    assert not _signed_in(_login(attacker, "alice", PASSWORD, forwarded_for="192.0.2.99, 203.0.113.7"))


def test_without_the_setting_a_forged_forwarded_for_does_not_escape_the_lockout(alice):
    attacker = Client()
    for n in range(5):
        _login(attacker, "alice", "not the password", forwarded_for=f"192.0.2.{n}", ip="10.9.9.9")
    assert not _signed_in(_login(attacker, "alice", PASSWORD, forwarded_for="192.0.2.200", ip="10.9.9.9"))
    assert _signed_in(_login(Client(), "alice", PASSWORD, ip="10.1.1.1"))


def test_the_lockout_holds_across_the_network_of_the_address(alice):
    # axes keeps only an address's network (checklist item 10), so the next address in the same /24 is still
    # locked, and the owner on another network still signs in.
    guesser = Client()
    for _ in range(5):
        _login(guesser, "alice", "not the password", ip="203.0.113.7")
    assert not _signed_in(_login(Client(), "alice", PASSWORD, ip="203.0.113.99"))
    assert _signed_in(_login(Client(), "alice", PASSWORD, ip="198.51.100.20"))


def test_one_account_cannot_be_tried_from_many_addresses_without_limit(alice, settings):
    for n in range(settings.LOGIN_ACCOUNT_FAILURES_PER_HOUR):
        _login(Client(), "alice", f"guess number {n}", ip=f"10.{n // 250}.{n % 250}.1")
    response = _login(Client(), "alice", PASSWORD, ip="10.200.0.1")
    assert not _signed_in(response)
    assert b"Too many" in response.content


def test_the_per_account_cap_is_well_above_the_per_address_limit(settings):
    # A partner at one address is stopped by the (username, address) limit long before the account-wide cap,
    # so the cap cannot be used as a cheap way to lock the owner out.
    assert settings.LOGIN_ACCOUNT_FAILURES_PER_HOUR >= 20 * settings.AXES_FAILURE_LIMIT
