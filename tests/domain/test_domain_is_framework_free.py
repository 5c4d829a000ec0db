import ast
from pathlib import Path

import earnedsecure.domain

DOMAIN = Path(earnedsecure.domain.__file__).parent
FORBIDDEN = ("django", "ninja", "allauth", "axes")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_it_never_imports_a_web_framework():
    offenders = {
        str(path.relative_to(DOMAIN)): sorted(m for m in _imported_modules(path) if m.split(".")[0] in FORBIDDEN)
        for path in DOMAIN.rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_it_has_source_files_to_check():
    assert len(list(DOMAIN.rglob("*.py"))) >= 5
