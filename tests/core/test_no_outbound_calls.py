import socket

import pytest


def test_the_suite_refuses_connections_off_this_machine():
    """Guards the guard: pytest-socket is active, so any code that phones home fails its test."""
    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError), pytest.warns(UserWarning, match="192.0.2.1"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)  # TEST-NET-1: never routed anyway
