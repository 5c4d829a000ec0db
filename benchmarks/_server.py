"""Shared helpers for benchmarks: run the real server (waitress) on a throwaway data folder and talk HTTP."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def earnedsecure(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "earnedsecure", *args], env=env, check=True, capture_output=True, text=True
    )


@contextmanager
def running_server(*, data_dir: str | None = None, threads: int = 8, prepare=None):
    """Start ``earnedsecure serve`` on a free port; yield (port, env). ``prepare(env)`` runs before start."""
    own_dir = data_dir is None
    data_dir = data_dir or tempfile.mkdtemp(prefix="es-bench-")
    env = {**os.environ, "EARNEDSECURE_DATA_DIR": data_dir}
    env.pop("DATABASE_URL", None)  # benchmarks measure the default, single-machine SQLite setup
    earnedsecure("manage", "migrate", "--verbosity", "0", env=env)
    if prepare:
        prepare(env)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "earnedsecure", "serve", "--port", str(port), "--threads", str(threads)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("server did not start")
        yield port, env
    finally:
        process.terminate()
        process.wait(timeout=20)
        if own_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


class Session:
    """A signed-in browser-like HTTP client (cookies and CSRF) over one keep-alive connection."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def _headers(self, extra=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        headers.update(extra or {})
        return headers

    def _remember(self, response):
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]

    def request(self, method, path, body=None, headers=None):
        self.conn.request(method, path, body=body, headers=self._headers(headers))
        response = self.conn.getresponse()
        data = response.read()
        self._remember(response)
        return response.status, data

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields: dict):
        from urllib.parse import urlencode

        fields = {**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self.request(
            "POST",
            path,
            urlencode(fields),
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{self.port}{path}"},
        )

    def post_json(self, path, payload):
        import json

        return self.request(
            "POST",
            path,
            json.dumps(payload),
            {"Content-Type": "application/json", "X-CSRFToken": self.cookies.get("csrftoken", "")},
        )

    def sign_in(self, username, password):
        self.get("/accounts/login/")
        status, body = self.post_form("/accounts/login/", {"login": username, "password": password})
        if status != 302:
            raise RuntimeError(f"sign in failed ({status}): {re.findall(rb'errorlist.*?</ul>', body)}")
        return self
