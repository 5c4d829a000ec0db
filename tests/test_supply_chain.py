"""Supply chain (checklist items 8 and 72): an update bot watches the lock files."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ("requirements.lock", "requirements-test.lock")


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
