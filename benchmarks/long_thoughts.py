"""Thinking traps and the crisis check on long thoughts of ordinary distress (a development set, issues 9 and 12).

    .venv/bin/python benchmarks/long_thoughts.py

The set ``benchmarks/data/long_thoughts_dev.jsonl`` (180 texts of 3-12 sentences: questions to a counsellor,
journal entries, posts asking for advice) was written by a writer briefed with the twelve traps' definitions
alone, who never saw the rules, the models or their corpora: 156 texts with a main trap (13 for each) and maybe a
second one, 24 with none, and no risk in any of them. It is a DEVELOPMENT set: ways of reading long text may be
tried on it, so its figures are never evidence; the public research sets (``benchmarks/public_traps.py``) and the
frozen held-out sets are.

* **safety responses**: texts the crisis check flags (none has any risk, so every one is a false alarm, and the
  page shows the safety response instead of any trap);
* **top 3 / top 1** over the texts with a trap, as in ``benchmarks/public_traps.py``: a labelled trap among the
  first three (the first) of the ranking; a text given the safety response counts as a miss;
* the same top 3 over the texts the check let through, for comparison, and per trap as there.
"""

from __future__ import annotations

import json

# The top 3, top 1, safety responses and per-trap figures are public_traps.py's, counted one way for every set.
from public_traps import ROOT, TRAPS, Thought, analyze_thought, measure, per_trap_table

DEV = ROOT / "benchmarks" / "data" / "long_thoughts_dev.jsonl"
OWN_NAMES = {name: name for name in TRAPS}  # labelled with the project's own trap names: nothing to map


def main() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    thoughts = [Thought(row["text"], frozenset(row["traps"]), OWN_NAMES) for row in rows if row["traps"]]
    measured, per_trap = measure(thoughts)
    flagged = measured.safety + sum(analyze_thought(row["text"]).risk.is_risk for row in rows if not row["traps"])
    print(f"{DEV.name}: {len(rows)} texts, {len(thoughts)} with a trap (a development set)")
    print(f"  safety responses on all {len(rows)} (all false alarms): {flagged} ({flagged / len(rows):.3f})")
    print(measured.line("texts with a trap"))
    through = measured.thoughts - measured.safety  # a text given the safety response has no ranking at all
    if through:
        print(f"  top 3 over the {through} the crisis check let through: {measured.top3 / through:.3f}")
    print(per_trap_table(per_trap))


if __name__ == "__main__":
    main()
