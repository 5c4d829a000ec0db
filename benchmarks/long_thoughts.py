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
* the same top 3 over the texts the check let through, for comparison.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from earnedsecure.domain.language import analyze_thought  # noqa: E402

DEV = ROOT / "benchmarks" / "data" / "long_thoughts_dev.jsonl"


def main() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    with_trap = [row for row in rows if row["traps"]]
    flagged = top3 = top1 = through = through_top3 = 0
    for row in rows:
        analysis = analyze_thought(row["text"])
        flagged += analysis.risk.is_risk
        if not row["traps"] or analysis.risk.is_risk:
            continue
        first_three = [finding.name for finding in analysis.ranked[:3]]
        hit = bool(set(first_three) & set(row["traps"]))
        through += 1
        through_top3 += hit
        top3 += hit
        top1 += bool(first_three) and first_three[0] in row["traps"]
    print(f"{DEV.name}: {len(rows)} texts, {len(with_trap)} with a trap (a development set)")
    print(f"  safety responses (all false alarms): {flagged}/{len(rows)} ({flagged / len(rows):.3f})")
    print(f"  top 3 {top3 / len(with_trap):.3f}   top 1 {top1 / len(with_trap):.3f}")
    if through:
        print(
            f"  top 3 over the {through} texts with a trap the crisis check let through: {through_top3 / through:.3f}"
        )


if __name__ == "__main__":
    main()
