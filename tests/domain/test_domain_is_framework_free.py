"""The domain is plain Python: it may import the standard library and itself, nothing else.

An allow-list, not a ban-list: a ban-list of four framework names let ``from earnedsecure.diary import models``
(and any new dependency) through. Relative imports are resolved, so ``from ...diary import models`` is caught
too. import-linter checks the same rule on the import graph (pyproject.toml, run by scripts/test); this test
keeps it in the suite that every change runs.
"""

import ast
import sys
from pathlib import Path

import pytest

import earnedsecure.domain

DOMAIN = Path(earnedsecure.domain.__file__).parent
PACKAGE = "earnedsecure.domain"


def _module_name(path: Path) -> str:
    parts = path.relative_to(DOMAIN).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _imported_modules(source: str, module: str, *, is_package: bool) -> set[str]:
    """Absolute names of everything ``source`` (the text of ``module``) imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            if base == "earnedsecure":
                # ``from earnedsecure import diary`` imports earnedsecure.diary: judge each imported name.
                names.update(f"earnedsecure.{alias.name}" for alias in node.names)
            else:
                names.add(base)
    return names


def _allowed(name: str) -> bool:
    top = name.split(".")[0]
    if top == "earnedsecure":
        return name == "earnedsecure" or name == PACKAGE or name.startswith(PACKAGE + ".")
    return top in sys.stdlib_module_names or top == "__future__"


def _offenders(source: str, module: str, *, is_package: bool = False) -> list[str]:
    return sorted(name for name in _imported_modules(source, module, is_package=is_package) if not _allowed(name))


def test_it_imports_only_the_standard_library_and_the_domain_itself():
    offenders = {
        str(path.relative_to(DOMAIN)): _offenders(
            path.read_text(encoding="utf-8"), _module_name(path), is_package=path.name == "__init__.py"
        )
        for path in DOMAIN.rglob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}


@pytest.mark.parametrize(
    "line",
    [
        "import django",
        "from django.db import models",
        "from earnedsecure.diary.models import Activation",
        "from earnedsecure.diary import models",
        "from earnedsecure import diary",
        "import earnedsecure.core.access",
        "from ...diary import models",
        "from ... import settings",
        "import ninja",
        "from pydantic import BaseModel",
        "import numpy",
    ],
)
def test_it_catches_a_framework_or_an_app_imported_into_the_domain(line):
    assert _offenders(line, "earnedsecure.domain.progress.insights") != []


@pytest.mark.parametrize(
    "line",
    [
        "import re",
        "from __future__ import annotations",
        "from collections.abc import Iterable",
        "from earnedsecure.domain.cycle import TRIGGERS",
        "from ..instruments import scoring",
        "from . import pathway",
    ],
)
def test_it_allows_the_standard_library_and_the_domain_itself(line):
    assert _offenders(line, "earnedsecure.domain.progress.insights") == []


def test_it_resolves_relative_imports_in_a_package_init():
    assert _offenders("from .. import core", "earnedsecure.domain", is_package=True) == ["earnedsecure.core"]
    assert _offenders("from . import cycle", "earnedsecure.domain", is_package=True) == []


def test_it_has_source_files_to_check():
    assert len(list(DOMAIN.rglob("*.py"))) >= 5
