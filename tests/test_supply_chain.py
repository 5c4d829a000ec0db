"""Supply chain (checklist items 8 and 72): an update bot watches the lock files; no tracked file holds a secret;
the SBOM lists what the app is locked to."""

import json
import os
import re
import secrets
import shutil
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ("requirements.lock", "requirements-test.lock", "requirements-train.lock")


def test_the_update_bot_watches_both_pip_lock_files():
    config = json.loads((ROOT / "renovate.json").read_text(encoding="utf-8"))
    assert config["enabledManagers"] == ["pip-compile"], "the pip ecosystem, through the locks' own pip-compile"
    patterns = [re.compile(pattern.strip("/")) for pattern in config["pip-compile"]["managerFilePatterns"]]
    for lock in LOCKS:
        assert any(pattern.search(lock) for pattern in patterns), f"the update bot does not see {lock}"
        # Renovate reruns the command written in the lock's header; it must be pip-compile on pyproject.toml.
        header = (ROOT / lock).read_text(encoding="utf-8")[:600]
        command = re.search(r"^#\s+(pip-compile .*)$", header, re.MULTILINE)
        assert command, f"{lock} has no pip-compile command in its header"
        assert "--generate-hashes" in command[1] and command[1].endswith(" pyproject.toml")
    assert config["vulnerabilityAlerts"]["enabled"] is True


# --- Secret scan ---------------------------------------------------------------------------------------------
SCAN = ROOT / "scripts" / "secret_scan.py"
ALLOWLIST = json.loads((ROOT / "secret-scan-allowlist.json").read_text(encoding="utf-8"))


def _scan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCAN), *args], capture_output=True, text=True, timeout=300)


def test_no_file_git_tracks_holds_a_secret():
    result = _scan()
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_allowlist_entry_says_why():
    for entry in ALLOWLIST["allowed"] + ALLOWLIST["excluded"]:
        assert len(entry["reason"]) > 20, entry
    for entry in ALLOWLIST["excluded"]:
        assert (ROOT / entry["path"]).is_file(), f"{entry['path']} is excluded but does not exist"


def _fake_keys() -> dict[str, str]:
    """Made up at run time, so that no key is written in this file (which the scan reads too)."""
    letters = string.ascii_uppercase + string.digits
    return {
        "aws": "AKIA" + "".join(secrets.choice(letters) for _ in range(16)),
        "github": "ghp_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36)),
        "password": secrets.token_urlsafe(24),
        "pem": "-----BEGIN " + "RSA PRIVATE" + " KEY-----",
    }


@pytest.fixture
def copy(tmp_path) -> Path:
    """A git work tree holding copies of a few tracked files, and an allowlist with their entries only."""
    names = ["src/earnedsecure/settings.py", "tests/personas.py", "README.md", "deploy/production.env.example"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    allowlist = {
        "excluded": [],
        "allowed": [
            {**entry, "paths": [p for p in entry["paths"] if p in names]}
            for entry in ALLOWLIST["allowed"]
            if set(entry["paths"]) & set(names)
        ],
    }
    (tmp_path / "allowlist.json").write_text(json.dumps(allowlist), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", *names], cwd=tmp_path, check=True)
    return tmp_path


def _plant(copy: Path, keys: dict[str, str]) -> dict[str, int]:
    """Write the keys into the copy, as a leak would look; {path: line} of each."""
    planted = {
        "src/earnedsecure/settings.py": f'AWS_ACCESS_KEY_ID = "{keys["aws"]}"',
        "README.md": f"Deploy with `export API_KEY={keys['github']}`.",  # README.md is not all ASCII
        "tests/personas.py": f'PASSWORD = "{keys["password"]}"  # pragma: allowlist secret',
        "deploy/leaked.pem": keys["pem"],
    }
    where = {}
    for name, line in planted.items():
        path = copy / name
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(before + line + "\n", encoding="utf-8")
        where[name] = before.count("\n") + 1
    subprocess.run(["git", "add", "deploy/leaked.pem"], cwd=copy, check=True)
    return where


def test_the_scan_catches_a_planted_key_in_a_copy(copy):
    clean = _scan("--root", str(copy), "--allowlist", str(copy / "allowlist.json"))
    assert clean.returncode == 0, clean.stdout + clean.stderr

    where = _plant(copy, _fake_keys())
    result = _scan("--root", str(copy), "--allowlist", str(copy / "allowlist.json"))
    assert result.returncode == 1
    # Each one, at its line; the inline "pragma: allowlist secret" comment excuses nothing.
    for name, line in where.items():
        assert f"{name}:{line}: " in result.stdout, (name, result.stdout)
    assert "AWS Access Key" in result.stdout and "GitHub Token" in result.stdout
    assert "Private Key" in result.stdout and "Secret Keyword" in result.stdout


def test_an_allowlist_entry_that_excuses_nothing_fails_the_scan(copy):
    allowlist = json.loads((copy / "allowlist.json").read_text(encoding="utf-8"))
    allowlist["allowed"].append(
        {"type": "Secret Keyword", "hashed_secret": "0" * 40, "paths": ["tests/personas.py"], "reason": "gone"}
    )
    (copy / "allowlist.json").write_text(json.dumps(allowlist), encoding="utf-8")
    result = _scan("--root", str(copy), "--allowlist", str(copy / "allowlist.json"))
    assert result.returncode == 1
    assert "excuses nothing any more: Secret Keyword in tests/personas.py" in result.stdout


def test_the_shortcut_finds_what_detect_secrets_finds_reading_whole_files(copy):
    """The scan reads only the lines a plugin could report; detect-secrets reading every line finds the same."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import secret_scan
    from detect_secrets.core.scan import scan_file
    from detect_secrets.settings import transient_settings

    _plant(copy, _fake_keys())
    names = subprocess.run(["git", "ls-files"], cwd=copy, capture_output=True, text=True).stdout.split()
    with transient_settings(secret_scan._settings()):
        whole = {(name, s.line_number, s.type, s.secret_hash) for name in names for s in scan_file(str(copy / name))}
    shortcut = {(f["path"], f["line"], f["type"], f["hashed_secret"]) for f in secret_scan.scan(copy)}
    assert shortcut == whole
    assert len(whole) >= 5


# --- SBOM ----------------------------------------------------------------------------------------------------
def test_the_sbom_names_every_locked_package_with_its_version_and_hashes(tmp_path):
    """scripts/sbom, run now, against requirements.lock: it cannot describe an older lock than the one in git."""
    from tests.test_packaging import _pins

    env = {
        **os.environ,
        "PYTHON": sys.executable,
        # Any request it tried would fail: the SBOM is made from the lock file alone.
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    out = tmp_path / "sbom.cdx.json"
    result = subprocess.run(
        [str(ROOT / "scripts" / "sbom"), str(out)], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    sbom = json.loads(out.read_text(encoding="utf-8"))
    assert sbom["bomFormat"] == "CycloneDX" and sbom["specVersion"] == "1.6"
    app = sbom["metadata"]["component"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (app["name"], app["version"], app["type"]) == (project["name"], project["version"], "application")

    listed = {}
    for component in sbom["components"]:
        hashes = {h["content"] for ref in component.get("externalReferences", []) for h in ref.get("hashes", [])}
        listed[canonicalize_name(component["name"])] = (component["version"], component["purl"], hashes)
    pins = _pins(ROOT / "requirements.lock")
    assert set(listed) == set(pins), "the SBOM and the lock name different packages"
    for name, (version, hashes) in pins.items():
        assert listed[name][0] == version, name
        assert listed[name][1] == f"pkg:pypi/{name}@{version}", name
        assert listed[name][2] == set(hashes), name
