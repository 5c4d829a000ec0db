"""An app server told to stop (SIGTERM, as compose, systemd or a deploy does) finishes the request in flight.

A diary entry is half sent when gunicorn (deploy/gunicorn.conf.py) is told to stop; the rest arrives a second
later. The entry is still answered 201 and stored, and the server then exits cleanly within its graceful timeout.
"""

import json
import signal
import socket
import time

from mix import Browser
from seed import LOAD_PASSWORD, username
from servers import earnedsecure, free_port, start_gunicorn, wait_ready

from tests.deploy.conftest import seed

STORED = """
from earnedsecure.diary.models import Activation
print([row.thought for row in Activation.objects.filter(owner__username="load00000")])
"""


def test_a_request_in_flight_when_the_server_is_told_to_stop_is_finished(server_env):
    seed(server_env, people=1)
    port = free_port()
    server = start_gunicorn(server_env, port=port, workers=1, threads=2)
    try:
        wait_ready(port, server)
        browser = Browser("127.0.0.1", port).sign_in(username(0), LOAD_PASSWORD)
        body = json.dumps({"trigger": "threat", "intensity": 6, "thought": "written while the server stopped"}).encode()
        head = (
            "POST /api/v1/diary/activations HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"X-CSRFToken: {browser.cookies['csrftoken']}\r\n"
            f"Cookie: {'; '.join(f'{k}={v}' for k, v in browser.cookies.items())}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(head + body[:20])
            time.sleep(1)  # the app is now reading the body
            server.send_signal(signal.SIGTERM)
            time.sleep(1)
            assert server.poll() is None, "the server stopped with a request in flight"
            sock.sendall(body[20:])
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 201"), answer[:300]
        assert server.wait(timeout=40) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    stored = earnedsecure("manage", "shell", "-c", STORED, env=server_env).stdout
    assert "written while the server stopped" in stored
