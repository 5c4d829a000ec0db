"""Checklist item 56: the clinical-safety hazard log is traced to tests. Every hazard in
docs/safety/hazard-log.md has a control, a status and at least one test, and every test it names exists: a file
named alone exists, and a test named by ``file::name`` (or ``::name`` after a file in the same cell) is a test
function or class in that module. A renamed or deleted test fails here instead of leaving a control unproved."""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "safety" / "hazard-log.md"
STATUSES = ("controlled", "partly controlled", "open")
NAMED = re.compile(r"`((?:tests/[\w/]+\.py)?(?:::\w+(?:\[[^\]`]*\])?)?)`")


def hazards() -> list[list[str]]:
    rows = []
    for line in LOG.read_text(encoding="utf-8").splitlines():
        if re.match(r"\| H\d+[a-z]? \|", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def named_tests(cell: str) -> list[str]:
    """Each test the cell names, as ``file`` or ``file::name``; ``::name`` takes the file named before it."""
    found, current = [], None
    for token in NAMED.findall(cell):
        path, _, name = token.partition("::")
        if path:
            current = path
        if current is None:
            raise AssertionError(f"{token!r} names a test before any file")
        found.append(f"{current}::{name}" if name else current)
    return found


def test_every_hazard_has_a_control_a_status_and_a_test():
    rows = hazards()
    assert len(rows) >= 40
    for row in rows:
        assert len(row) == 8, row[0]
        ident, control, tests, status = row[0], row[5], row[6], row[7]
        assert control, ident
        assert status.startswith(STATUSES), (ident, status)
        assert named_tests(tests), f"{ident} names no test"


@pytest.mark.parametrize("node", sorted({node for row in hazards() for node in named_tests(row[6])}))
def test_every_test_the_log_names_exists(node):
    path, _, name = node.partition("::")
    assert (ROOT / path).is_file(), node
    if name:
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert callable(getattr(module, name.split("[")[0].strip(), None)), node
