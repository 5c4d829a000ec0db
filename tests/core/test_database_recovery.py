"""Checklist item 79: the database goes away and comes back, and the same server process answers again.

A real server (``earnedsecure serve``: waitress, one process, its threads) on a fresh database of its own, asked
over HTTP. Nothing restarts it: the process that answered 503 while the database was away is the one that
answers 200 after. On SQLite the database file is moved away (a folder stands in its place, so SQLite cannot
quietly make a new empty file) and put back. On PostgreSQL (when the suite runs there) the server's
connections are ended by pg_terminate_backend, then the database refuses new connections for a while; the
connection health check (``conn_health_checks``) lets the next request reconnect. A slow database answers 503
once the statement timeout (PostgreSQL) or the busy timeout (SQLite) is over, rather than holding the request.
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One ``earnedsecure serve`` process and a browser-like opener (cookies kept) to ask it."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = _free_port()
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "earnedsecure", "serve", "--no-worker", "--threads", "2", "--port", str(self.port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        for _ in range(600):  # migrations and collectstatic first; slow on a busy machine
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped: {log.read_text()[-2000:]}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError("the server did not start")

    def get(self, path: str) -> tuple[int, str]:
        return self._ask(urllib.request.Request(f"http://127.0.0.1:{self.port}{path}"))

    def sign_in_try(self) -> tuple[int, str]:
        """A wrong password sent through the sign-in form: axes writes the failure, so the database is written."""
        status, page = self.get("/accounts/login/")
        assert status == 200
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": CSRF.search(page).group(1), "login": "nobody", "password": "not it"}
        ).encode()
        return self._ask(urllib.request.Request(f"http://127.0.0.1:{self.port}/accounts/login/", data=body))

    def _ask(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _server_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "EARNEDSECURE_DATA_DIR": str(data_dir),
        "EARNEDSECURE_SQLITE_TIMEOUT": "2",
        "EARNEDSECURE_DB_STATEMENT_TIMEOUT_MS": "2000",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _is_down(server: Server) -> None:
    status, page = server.get("/readyz")
    assert (status, page) == (503, '{"status": "not ready", "database": "unreachable"}')
    status, page = server.sign_in_try()
    assert status == 503 and "/help/crisis/" in page and "Traceback" not in page
    assert server.get("/healthz")[0] == 200  # the process itself is alive


def _is_up(server: Server) -> None:
    assert server.get("/readyz")[0] == 200
    status, page = server.sign_in_try()
    assert status == 200 and "csrfmiddlewaretoken" in page  # the form again, with its refusal
    assert server.process.poll() is None


def _recovers_on_sqlite(tmp_path: Path) -> None:
    server = Server(_server_env(tmp_path / "data", None), tmp_path / "server.log")
    try:
        database = tmp_path / "data" / "earnedsecure.sqlite3"
        _is_up(server)
        away = tmp_path / "away"
        away.mkdir()
        moved = []
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{database}{suffix}")
            if path.exists():
                shutil.move(path, away / path.name)
                moved.append(path.name)
        database.mkdir()  # in the file's place: SQLite cannot open it, nor make a new empty database there
        _is_down(server)
        database.rmdir()
        for name in moved:
            shutil.move(away / name, database.parent / name)
        _is_up(server)
    finally:
        server.stop()


def _recovers_on_postgresql(tmp_path: Path) -> None:
    import psycopg

    own = settings.DATABASES["default"]
    name = f"es_recovery_{secrets.token_hex(4)}"
    admin_params = {
        "host": own.get("HOST") or None,
        "port": own.get("PORT") or None,
        "user": own.get("USER") or None,
        "password": own.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin_params) as admin:

        def end_connections():
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])

        admin.execute(f'CREATE DATABASE "{name}"')
        user = own.get("USER") or ""
        password = f":{own['PASSWORD']}" if own.get("PASSWORD") else ""
        url = f"postgres://{user}{password}@{own.get('HOST') or '127.0.0.1'}:{own.get('PORT') or 5432}/{name}"
        server = Server(_server_env(tmp_path / "data", url), tmp_path / "server.log")
        try:
            _is_up(server)
            end_connections()  # a dropped connection alone: the next request reconnects
            _is_up(server)
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            end_connections()
            _is_down(server)
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            _is_up(server)
            # A slow database: another session holds the table a sign-in try writes. The statement is cancelled
            # after the statement timeout (2 s here), the answer is 503, and the next try writes.
            with psycopg.connect(**{**admin_params, "dbname": name, "autocommit": False}) as holder:
                holder.execute("LOCK TABLE axes_accessattempt IN ACCESS EXCLUSIVE MODE")
                status, page = server.sign_in_try()
                assert status == 503 and "/help/crisis/" in page
                holder.rollback()
            _is_up(server)
        finally:
            server.stop()
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_the_same_process_answers_again_after_the_database_comes_back(tmp_path):
    if connection.vendor == "postgresql":
        _recovers_on_postgresql(tmp_path)
    else:
        _recovers_on_sqlite(tmp_path)


def test_a_write_held_up_by_a_locked_database_answers_503_then_the_next_one_works(tmp_path):
    """A slow database, on SQLite (the same here whichever database the suite runs on): another program holds
    the write lock. A sign-in try (which writes) waits the busy timeout (2 s here, EARNEDSECURE_SQLITE_TIMEOUT)
    and answers 503 with the crisis link rather than hanging; reads go on meanwhile (WAL); once the lock is let
    go, the same process writes again."""
    import sqlite3

    server = Server(_server_env(tmp_path / "data", None), tmp_path / "server.log")
    try:
        _is_up(server)
        holder = sqlite3.connect(tmp_path / "data" / "earnedsecure.sqlite3", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            status, page = server.sign_in_try()
            assert status == 503 and "/help/crisis/" in page
            assert server.get("/readyz")[0] == 200
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        _is_up(server)
    finally:
        server.stop()
