"""The deployment's own files: the production settings pass Django's deploy check, and the compose file and the
systemd units keep the promises deploy/README.md makes (shared data folder, readiness, graceful stops)."""

import configparser
import subprocess
import sys
from pathlib import Path

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
