"""Checklist item 70, the live header check: scripts/header_check.py asks a real app server over the network, as
it would ask a staging address, and passes; against a server that sends none of the headers it fails, naming each.

The app server (gunicorn, as deployed) runs with the production file's proxy settings (HTTPS ends at the proxy, which says so in
X-Forwarded-Proto), asked directly on loopback with that header, as its proxy would ask it.
"""

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

from seed import LOAD_PASSWORD, username
from servers import free_port, start_gunicorn, stop, wait_ready

from tests.deploy.conftest import seed

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "header_check.py"


def _run(base: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HEADER_CHECK_PASSWORD": LOAD_PASSWORD}
    return subprocess.run(
        [sys.executable, str(SCRIPT), base, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_live_server_passes_every_header_check_signed_out_and_in(server_env):
    seed(server_env, people=1)
    env = {
        **server_env,
        "EARNEDSECURE_HTTPS": "1",
        "EARNEDSECURE_BEHIND_PROXY": "1",
        "EARNEDSECURE_TRUSTED_PROXY_COUNT": "1",
        "EARNEDSECURE_FORWARDED_ALLOW_IPS": "*",
    }
    port = free_port()
    server = start_gunicorn(env, port=port)  # the production server (deploy/), on either database
    try:
        # With HTTPS on, a plain request is sent to https: ask as the proxy asks.
        wait_ready(port, server, headers={"X-Forwarded-Proto": "https"})
        result = _run(f"http://127.0.0.1:{port}", "--forwarded-proto", "https", "--username", username(0))
    finally:
        stop(server)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every header check passed" in result.stdout


class _Bare(http.server.BaseHTTPRequestHandler):
    """A page with none of the headers: what a misconfigured proxy that drops them would show the world."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>hello</p>")

    def log_message(self, *args):
        pass


def test_it_fails_naming_each_missing_header():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Bare)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = _run(f"http://127.0.0.1:{server.server_address[1]}", "--forwarded-proto", "https")
    finally:
        server.shutdown()
    assert result.returncode == 1
    for name in (
        "Strict-Transport-Security",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert f"/: no {name} header" in result.stdout


def test_each_header_rule():
    sys.path.insert(0, str(SCRIPT.parent))
    from header_check import header_problems

    good = {
        "strict-transport-security": "max-age=31536000; includeSubDomains",
        "content-security-policy": "default-src 'self'",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
        "cross-origin-opener-policy": "same-origin",
        "cache-control": "max-age=0, no-cache, no-store, must-revalidate, private",
    }
    assert header_problems(good, page="p", expect_hsts=True, signed_in=True) == []
    assert header_problems(
        {**good, "strict-transport-security": "max-age=300"}, page="p", expect_hsts=True, signed_in=False
    ) == ["p: Strict-Transport-Security max-age is under a year"]
    assert header_problems(
        {**good, "permissions-policy": "camera=()"}, page="p", expect_hsts=False, signed_in=False
    ) == [
        "p: Permissions-Policy does not deny geolocation",
        "p: Permissions-Policy does not deny microphone",
    ]
    assert header_problems({**good, "cache-control": "private"}, page="p", expect_hsts=False, signed_in=True) == [
        "p: Cache-Control has no no-store on a signed-in page"
    ]
