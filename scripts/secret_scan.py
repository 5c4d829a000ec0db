"""Secret scan of every file git tracks (checklist item 72), with Yelp's detect-secrets; no network.

    .venv/bin/python scripts/secret_scan.py            # this repository; exit 0 clean, 1 on a finding
    .venv/bin/python scripts/secret_scan.py --root DIR --allowlist FILE

1. The files are those ``git ls-files`` names in the root, as they are on disk now (uncommitted edits included).
2. detect-secrets' default plugins and filters run on them, except its inline ``pragma: allowlist secret``
   comments: the one way to excuse a finding is an entry of ``secret-scan-allowlist.json`` (the paths, the
   kind, the SHA-1 that detect-secrets gives the value, and the reason). An entry that excuses nothing any
   more is reported too, so the list cannot outlive what it excuses. The same file names the few files not
   read at all, each with its reason (generated files whose sources are read).
3. Speed: detect-secrets is pure Python; reading every line of this tree took 25 s of CPU (47 s with the two
   generated model files, which are excluded). A plugin can only report a line on which something it looks
   for appears: one of its own regexes (the token formats), one of the keyword detector's words, or a run of
   its alphabet long enough to pass the entropy limit (entropy in bits is at most log2 of the length). Those
   triggers come from the plugins themselves and are searched once per file in C; detect-secrets' own line
   pass (``_process_line_based_plugins``, an internal of the locked 1.5) then reads only the lines they touch,
   under their real numbers: about 6 s of CPU, on a busy machine. Config-like files (and files without a
   suffix) go through detect-secrets' whole-file scan, which also re-reads them as INI files; other files are
   not re-read that way (its "eager" pass for files of unknown type, another 7 s). A plugin whose triggers are
   not known here sends every file through the whole-file scan. tests/test_supply_chain.py checks that the
   shortcut finds what the whole-file scan finds, on planted keys of four kinds.
"""

import argparse
import bisect
import json
import math
import re
import subprocess
import sys
from pathlib import Path

from detect_secrets.core.scan import _is_filtered_out, _process_line_based_plugins, scan_file
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin
from detect_secrets.plugins.keyword import DENYLIST, KeywordDetector
from detect_secrets.settings import default_settings, get_plugins, get_settings, transient_settings

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "secret-scan-allowlist.json"
KEYWORDS = "|".join(DENYLIST)
KEYWORDS_LOWER = re.compile(KEYWORDS.lower())
WHOLE = {".ini", ".cfg", ".conf", ".toml", ".yaml", ".yml", ".env", ".example", ".service", ".target", ""}


def _settings() -> dict:
    with default_settings():
        settings = get_settings().json()
    settings["filters_used"] = [f for f in settings["filters_used"] if not f["path"].endswith("is_line_allowlisted")]
    return settings


def _triggers() -> list[re.Pattern] | None:
    """Patterns, one of which is on every line any configured plugin can report; None when one is not known."""
    triggers = []
    for plugin in get_plugins():
        if isinstance(plugin, KeywordDetector):
            triggers.append(re.compile(KEYWORDS, re.IGNORECASE))
        elif isinstance(plugin, HighEntropyStringsPlugin):
            # Shannon entropy over n characters is at most log2(n): shorter runs cannot pass the limit.
            shortest = max(1, math.floor(2**plugin.entropy_limit))
            triggers.append(re.compile(f"[{re.escape(plugin.charset)}]{{{shortest},}}"))
        elif isinstance(plugin, RegexBasedDetector):
            triggers += [re.compile(p.pattern, p.flags | re.MULTILINE) for p in plugin.denylist]
        else:
            return None
    return triggers


def _lines_to_read(text: str, triggers: list[re.Pattern]) -> set[int]:
    """1-based numbers of the lines a trigger touches (a match over several lines marks each)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    marked: set[int] = set()
    ascii_only = text.isascii()
    for trigger in triggers:
        # In ASCII text the keywords are searched in lower case, several times faster than re.IGNORECASE with
        # the same matches (beyond ASCII, case folding has letters that lower() does not map: the Kelvin sign).
        if trigger.pattern == KEYWORDS and ascii_only:
            matches = KEYWORDS_LOWER.finditer(text.lower())
        else:
            matches = trigger.finditer(text)
        for match in matches:
            first = bisect.bisect_right(starts, match.start())
            last = bisect.bisect_right(starts, max(match.start(), match.end() - 1))
            marked.update(range(first, last + 1))
    return marked


def scan(root: Path, *, excluded: frozenset[str] = frozenset()) -> list[dict]:
    """Every finding in the files git tracks under root, but the excluded: {path, line, type, hashed_secret}."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    findings = []
    with transient_settings(_settings()):
        triggers = _triggers()
        for name in filter(None, tracked):
            path = root / name
            if name in excluded or not path.is_file() or path.is_symlink():
                continue
            if _is_filtered_out(required_filter_parameters=["filename"], filename=str(path)):
                continue  # what detect-secrets itself never reads (images, known lock files)
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # binary: detect-secrets skips it too
            if triggers is None or path.suffix in WHOLE:
                secrets = scan_file(str(path))
            else:
                # detect-secrets' own line pass, on the lines a plugin could report (numbers kept).
                lines = text.split("\n")
                secrets = _process_line_based_plugins(
                    lines=[(number, lines[number - 1]) for number in sorted(_lines_to_read(text, triggers))],
                    filename=str(path),
                )
            findings += [
                {"path": name, "line": s.line_number, "type": s.type, "hashed_secret": s.secret_hash} for s in secrets
            ]
    return sorted(findings, key=lambda f: (f["path"], f["line"], f["type"]))


def judge(findings: list[dict], allowlist: dict) -> tuple[list[dict], list[dict]]:
    """(findings no entry excuses, entries that excuse no finding)."""
    entries = allowlist["allowed"]
    excused = set()
    unexcused = []
    for finding in findings:
        matches = [
            i
            for i, entry in enumerate(entries)
            if finding["path"] in entry["paths"]
            and entry["type"] == finding["type"]
            and entry["hashed_secret"] == finding["hashed_secret"]
        ]
        if matches:
            excused.add((matches[0], finding["path"]))
        else:
            unexcused.append(finding)
    unused = [
        {**entry, "paths": [p for p in entry["paths"] if (i, p) not in excused]}
        for i, entry in enumerate(entries)
        if any((i, p) not in excused for p in entry["paths"])
    ]
    return unexcused, unused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--allowlist", type=Path, default=ALLOWLIST)
    args = parser.parse_args(argv)
    allowlist = json.loads(args.allowlist.read_text(encoding="utf-8"))
    excluded = frozenset(entry["path"] for entry in allowlist["excluded"])
    unexcused, unused = judge(scan(args.root.resolve(), excluded=excluded), allowlist)
    for finding in unexcused:
        print(f"{finding['path']}:{finding['line']}: {finding['type']} (hashed_secret {finding['hashed_secret']})")
    for entry in unused:
        print(f"{args.allowlist.name}: excuses nothing any more: {entry['type']} in {', '.join(entry['paths'])}")
    if unexcused:
        print(
            f"{len(unexcused)} possible secret(s). Remove it (and rotate it if it was real), or, if it is not "
            f"a secret, add an entry with its reason to {args.allowlist.name}."
        )
    return 1 if unexcused or unused else 0


if __name__ == "__main__":
    sys.exit(main())
