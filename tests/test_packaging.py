"""The lock files pin every dependency of pyproject.toml, within its range, with hashes (scripts/lock)."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pins(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """{name: (version, hashes)} of a pip-compile --generate-hashes file."""
    pins, current = {}, None
    for line in lock.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        if pin:
            current = canonicalize_name(pin[1])
            pins[current] = (pin[2], [])
        for digest in re.findall(r"--hash=sha256:([0-9a-f]{64})", line):
            pins[current][1].append(digest)
    return pins


@pytest.mark.parametrize(
    ("lock", "groups"),
    [
        ("requirements.lock", ["dependencies"]),
        ("requirements-test.lock", ["dependencies", "test"]),
        ("requirements-train.lock", ["dependencies", "train"]),
    ],
)
def test_the_lock_pins_every_dependency_with_hashes(lock, groups):
    pins = _pins(ROOT / lock)
    assert pins and all(hashes for _, hashes in pins.values()), "a package without --hash"
    wanted = [
        Requirement(line)
        for group in groups
        for line in (PROJECT["dependencies"] if group == "dependencies" else PROJECT["optional-dependencies"][group])
    ]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in {lock}: run scripts/lock"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock} pins {requirement.name}=={version}, outside {requirement.specifier}: run scripts/lock"
        )
