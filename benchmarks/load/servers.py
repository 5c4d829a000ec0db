"""Start and stop real app servers on loopback for the load test and tests/deploy: gunicorn with the deployment's
own settings (deploy/gunicorn.conf.py), or ``earnedsecure serve`` (waitress), the one-person default.

Each is a child process; ``stop`` sends SIGTERM (gunicorn's graceful shutdown) and waits for it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def earnedsecure(*args: str, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "earnedsecure", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_gunicorn(env: dict, *, port: int, workers: int = 1, threads: int = 4) -> subprocess.Popen:
    server_env = {
        **env,
        "EARNEDSECURE_BIND": f"127.0.0.1:{port}",
        "EARNEDSECURE_WORKERS": str(workers),
        "EARNEDSECURE_THREADS": str(threads),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [str(gunicorn), "-c", str(GUNICORN_CONF), "earnedsecure.wsgi:application"],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def start_waitress(env: dict, *, port: int, threads: int = 8) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "earnedsecure", "serve", "--port", str(port), "--threads", str(threads), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_ready(port: int, process: subprocess.Popen, *, within: float = 90, headers: dict | None = None) -> None:
    """Until /readyz answers 200 (the database answers, migrations applied); fail if the server died.
    ``headers``: sent with each try, e.g. the proxy's X-Forwarded-Proto for a server that expects HTTPS."""
    deadline = time.monotonic() + within
    request = urllib.request.Request(f"http://127.0.0.1:{port}/readyz", headers=headers or {})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (a fixed http address)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server on {port} not ready within {within:.0f} s")


def stop(process: subprocess.Popen, *, within: float = 40) -> int:
    """SIGTERM, then wait for the graceful shutdown; kill only if it overstays."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode
