"""The deployment's own files: the production settings pass Django's deploy check, and the compose file and the
systemd units keep the promises deploy/README.md makes (shared data folder, readiness, graceful stops)."""

import configparser
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _production_env() -> dict[str, str]:
    env = {}
    for line in (DEPLOY / "production.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    return env


def test_the_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        **_production_env(),
        "EARNEDSECURE_DATA_DIR": str(tmp_path / "data"),
        "EARNEDSECURE_STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "earnedsecure", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _database_options(tmp_path, database_url: str, *, https: str = "1") -> subprocess.CompletedProcess:
    """The database OPTIONS the settings make of a DATABASE_URL, in a fresh interpreter with the production file."""
    env = {
        "PATH": "/usr/bin:/bin",
        **_production_env(),
        "EARNEDSECURE_HTTPS": https,
        "DATABASE_URL": database_url,
        "EARNEDSECURE_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "earnedsecure.settings",
    }
    show = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    return subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True, timeout=60)


def test_production_reaches_a_database_on_another_machine_with_verify_full(tmp_path):
    """Checklist item 62: the production file's database (another host) is reached over TLS, certificate checked."""
    result = _database_options(tmp_path, _production_env()["DATABASE_URL"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sslmode"] == "verify-full"
    # A URL naming no mode gets verify-full.
    unsaid = _database_options(tmp_path, "postgres://es:pw@db.internal:5432/es")
    assert json.loads(unsaid.stdout)["sslmode"] == "verify-full"


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer", "require", "verify-ca"])
def test_production_refuses_less_than_verify_full_to_another_machine(tmp_path, mode):
    result = _database_options(tmp_path, f"postgres://es:pw@10.1.2.3:5432/es?sslmode={mode}")
    assert result.returncode != 0
    assert f"asks for sslmode={mode} to 10.1.2.3" in result.stderr


@pytest.mark.parametrize(
    "host", ["127.0.0.1:5432", "127.0.0.2:6432", "localhost", "[::1]:5432", "%2Fvar%2Frun%2Fpostgresql", ""]
)
def test_on_this_machine_the_url_decides(tmp_path, host):
    """A socket or a loopback address: nothing crosses a network, so no TLS is required (nor refused)."""
    result = _database_options(tmp_path, f"postgres://es:pw@{host}/es")
    assert result.returncode == 0, result.stderr
    assert "sslmode" not in json.loads(result.stdout)


def test_without_https_the_url_decides(tmp_path):
    """A development or test setup (the suite's own PostgreSQL run is on 127.0.0.1 without TLS, too)."""
    result = _database_options(tmp_path, "postgres://es:pw@db.internal:5432/es", https="0")
    assert result.returncode == 0, result.stderr
    assert "sslmode" not in json.loads(result.stdout)


def test_the_production_settings_share_what_several_servers_must_share():
    env = _production_env()
    assert env["EARNEDSECURE_CACHE"] == "database"
    assert env["EARNEDSECURE_LOG_FORMAT"] == "json"
    assert env["EARNEDSECURE_HTTPS"] == "1"
    assert env["DATABASE_URL"].startswith("postgres://")


def test_compose_runs_several_servers_behind_the_proxy_on_one_data_folder():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"db", "migrate", "app", "worker", "proxy"} <= set(services)
    app, worker = services["app"], services["worker"]
    assert app["deploy"]["replicas"] >= 2
    assert worker["deploy"]["replicas"] >= 2
    assert "appdata:/var/lib/earnedsecure" in app["volumes"] and "appdata:/var/lib/earnedsecure" in worker["volumes"]
    # The database through its socket folder, shared as a volume: no network, so no TLS needed (item 62).
    for service in ("db", "migrate", "app", "worker"):
        assert "pgsocket:/var/run/postgresql" in services[service]["volumes"], service
    assert "@%2Fvar%2Frun%2Fpostgresql/" in app["environment"]["DATABASE_URL"]
    assert "/readyz" in " ".join(app["healthcheck"]["test"])
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    # Longer than gunicorn's graceful timeout, so requests in flight finish before the container is killed.
    assert int(app["stop_grace_period"].rstrip("s")) > 30
    assert "static:/srv/static:ro" in services["proxy"]["volumes"]
    assert (DEPLOY / services["proxy"]["volumes"][0].split(":")[0]).exists()


def test_the_systemd_units_stop_gracefully_and_share_the_settings():
    for name in ("earnedsecure-app@.service", "earnedsecure-worker@.service", "earnedsecure-migrate.service"):
        unit = configparser.ConfigParser(strict=False, interpolation=None)
        unit.optionxform = str
        unit.read(DEPLOY / "systemd" / name)
        service = unit["Service"]
        assert service["EnvironmentFile"] == "/etc/earnedsecure/production.env"
        assert service["User"] == "earnedsecure"
    app = configparser.ConfigParser(strict=False, interpolation=None)
    app.read(DEPLOY / "systemd" / "earnedsecure-app@.service")
    assert int(app["Service"]["TimeoutStopSec"]) > 30
    assert "gunicorn.conf.py" in app["Service"]["ExecStart"]
