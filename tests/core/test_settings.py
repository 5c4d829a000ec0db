import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from earnedsecure.settings import envbool, envint


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False)]
)
def test_envbool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert envbool("X_FLAG", not expected) is expected


def test_envbool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        envbool("X_FLAG", False)


def test_envint_fails_loudly(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        envint("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        envint("X_NUM", 1, minimum=1)


def test_sqlite_is_set_up_for_concurrent_writers(tmp_path):
    # Read the default (SQLite) settings in a fresh process, whatever database this test run uses.
    code = (
        "import json, os; os.environ.pop('DATABASE_URL', None); from earnedsecure import settings as s; "
        "print(json.dumps({k: str(v) for k, v in s.DATABASES['default']['OPTIONS'].items()}))"
    )
    result = _run_settings({}, code, tmp_path)
    assert result.returncode == 0, result.stderr
    import json

    options = json.loads(result.stdout)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert int(options["timeout"]) >= 20
    assert "journal_mode=WAL" in options["init_command"]


def test_argon2_is_the_production_hasher(settings):
    from earnedsecure import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    validators = [v["NAME"].rsplit(".", 1)[1] for v in project_settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "UserAttributeSimilarityValidator"} <= set(validators)


def _run_settings(env_extra, code, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "EARNEDSECURE_DATA_DIR": str(tmp_path), **env_extra}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _run_settings(
        {"EARNEDSECURE_HTTPS": "1", "EARNEDSECURE_ALLOWED_HOSTS": "notebook.example.org"},
        "import sys; from earnedsecure.__main__ import main; "
        "sys.exit(main(['manage', 'check', '--deploy', '--fail-level', 'WARNING']))",
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_setting_stops_the_app_with_its_name(tmp_path):
    result = _run_settings(
        {"EARNEDSECURE_DEBUG": "perhaps"},
        "from earnedsecure.__main__ import main; main(['manage', 'check'])",
        tmp_path,
    )
    assert result.returncode != 0
    assert "EARNEDSECURE_DEBUG" in result.stderr


def test_the_secret_key_is_generated_once_and_private(tmp_path):
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='earnedsecure.settings'; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    first = _run_settings({}, code, tmp_path)
    second = _run_settings({}, code, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_csrf_protection_is_on_through_our_subclass(settings):
    from django.middleware.csrf import CsrfViewMiddleware
    from django.utils.module_loading import import_string

    csrf = [m for m in settings.MIDDLEWARE if "Csrf" in m]
    assert len(csrf) == 1 and issubclass(import_string(csrf[0]), CsrfViewMiddleware)


@pytest.mark.parametrize(
    ("name", "value"),
    [("EARNEDSECURE_CACHE", "redis"), ("EARNEDSECURE_LOG_FORMAT", "xml"), ("EARNEDSECURE_LOG_LEVEL", "loud")],
)
def test_a_bad_cache_or_log_setting_stops_the_app_with_its_name(tmp_path, name, value):
    result = _run_settings({name: value}, "import earnedsecure.settings", tmp_path)
    assert result.returncode != 0
    assert name in result.stderr


def test_several_servers_share_the_cache_in_the_database(tmp_path):
    code = "from earnedsecure import settings as s; print(s.CACHES['default']['BACKEND'])"
    shared = _run_settings({"EARNEDSECURE_CACHE": "database"}, code, tmp_path)
    alone = _run_settings({}, code, tmp_path)
    assert shared.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
    assert alone.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
