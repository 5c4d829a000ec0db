"""Risk detection (self-harm and violence) on the two blind held-out sets.

Run from the repository root::

    .venv/bin/python benchmarks/risk_quality.py            # figures per set and together
    .venv/bin/python benchmarks/risk_quality.py --misses   # also list what was missed (read, never tune on it)
    .venv/bin/python benchmarks/risk_quality.py --check    # exit 1 if a target is missed

Targets (safety issue): risk recall >= 0.95 with at most 10% false alarms.

The sets ``benchmarks/data/risk_heldout_{a,b}.jsonl`` were written from the definitions in the risk-and-abuse
reference alone, by two writers who never saw the rules, the model or its training corpus, and were committed
before any tuning. Each line has ``kind``, ``text``, ``risk`` (urgent, concern, none), ``risk_kind`` and a
``group``: ``risk`` (real risk statements), ``lookalike`` (idioms, jokes, other people, the past, fiction),
``boundary`` (leaving, no contact, plain disclosure; labelled honestly, some with stalking cues) and
``reported`` (a partner's words or behaviour, reported by the person).

* recall: texts labelled urgent or concern that the app flags at any level (any kind);
* false alarms: texts labelled none that the app flags;
* urgent recall: texts labelled urgent that the app flags as urgent (a miss there still shows the crisis lines);
* kind right: flagged risk texts whose main kind matches the label.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from earnedsecure.domain.language import assess_risk  # noqa: E402

SETS = [ROOT / "benchmarks" / "data" / f"risk_heldout_{name}.jsonl" for name in ("a", "b")]
# A third blind set, written from the definitions by a writer who never saw the rules, the model or the corpus,
# but briefed on a weakness seen in use (worry for a partner's safety, "what if he had an accident", read as
# violence): 200 such look-alikes and 220 real risk texts in the same words. Aimed at a known weakness, so it is
# reported apart and not in the targets. Trained on, it cost recall on the sets above (gaslighting and a tracker
# texts lost), so it measures instead.
STRESS = ROOT / "benchmarks" / "data" / "risk_stress_c.jsonl"
# Long texts (350-1,500 characters: diary entries, thought records, long posts asking for advice), written from the
# definitions by a writer who never saw the rules, the model or the corpus: 80 without risk (ordinary distress,
# look-alikes) and 60 with risk buried among ordinary sentences. A DEVELOPMENT set (used to try ways of scoring
# long texts; see README, risk section), so it is reported apart and never as evidence.
LONG_DEV = ROOT / "benchmarks" / "data" / "risk_long_dev.jsonl"
# Long texts held out (the same form: 60 with risk, mostly indirect or buried, 80 without), written by two more
# writers from the definitions only and frozen before the long-text model was measured on it. Never tuned on; its
# texts are all longer than the blind sets', so it is reported apart from the targets' two sets.
LONG_HELDOUT = ROOT / "benchmarks" / "data" / "risk_long_heldout.jsonl"
# Multi-sentence thoughts of ordinary distress (3-12 sentences, no risk in any of them: a writer briefed with the
# twelve thinking traps' definitions only, for the long-thoughts measure of benchmarks/long_thoughts.py). A
# DEVELOPMENT set for false alarms on ordinary long text: when it was written the crisis response came up for 140 of its
# 180 texts. Never trained on.
LONG_THOUGHTS_DEV = ROOT / "benchmarks" / "data" / "long_thoughts_dev.jsonl"
# Multi-sentence texts held out (3-10 sentences, 40-230 words: thoughts, diary entries, messages, posts asking for
# advice): 210 of ordinary distress and life without risk, 90 with risk told among ordinary sentences (45 self-harm,
# 45 violence), written by a writer who had the risk-and-abuse reference and a brief only, never the rules, the
# models or their corpora; frozen (committed) before any model was measured on it. Never tuned on.
MULTI_HELDOUT = ROOT / "benchmarks" / "data" / "risk_multisentence_heldout.jsonl"
# A fourth blind set, held out (30 November 2026): 150 risk texts (85 self-harm, 65 violence; mostly indirect, a
# third of them diary entries of 3-8 sentences with the risk in one sentence) and 150 look-alikes, written by a writer
# who had the risk-and-abuse reference and a brief only, never the rules, the models or their corpora; frozen
# (committed) before any model was measured on it, so that a change to the models meets text nobody has looked at.
# Never tuned on. Reported apart so that the targets' figure keeps its meaning across sessions.
HELDOUT_D = ROOT / "benchmarks" / "data" / "risk_heldout_d.jsonl"
# Reported apart from the targets, in this order.
APART = (
    (STRESS, "aimed at a known weakness; apart from the targets"),
    (LONG_DEV, "long texts; a development set, apart from the targets"),
    (LONG_HELDOUT, "long texts held out; apart from the targets"),
    (LONG_THOUGHTS_DEV, "ordinary long thoughts; a development set"),
    (MULTI_HELDOUT, "multi-sentence, held out; apart from the targets"),
    (HELDOUT_D, "a fourth blind set, held out; apart from the targets"),
)
RECALL_TARGET = 0.95
FALSE_ALARM_LIMIT = 0.10


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def measure(rows: list[dict]) -> dict:
    found = [assess_risk(row["text"]) for row in rows]
    positives = [(row, risk) for row, risk in zip(rows, found, strict=True) if row["risk"] != "none"]
    negatives = [(row, risk) for row, risk in zip(rows, found, strict=True) if row["risk"] == "none"]
    urgent = [(row, risk) for row, risk in positives if row["risk"] == "urgent"]
    hits = [(row, risk) for row, risk in positives if risk.is_risk]
    by_group: dict[str, Counter] = {}
    for row, risk in zip(rows, found, strict=True):
        counts = by_group.setdefault(row.get("group") or row["construct"], Counter())
        counts["n"] += 1
        counts["pos" if row["risk"] != "none" else "neg"] += 1
        if row["risk"] != "none" and risk.is_risk:
            counts["hit"] += 1
        if row["risk"] == "none" and risk.is_risk:
            counts["false_alarm"] += 1
    return {
        "n": len(rows),
        "positives": len(positives),
        "recall": len(hits) / len(positives) if positives else 1.0,
        "negatives": len(negatives),
        "false_alarm_rate": sum(r.is_risk for _, r in negatives) / len(negatives) if negatives else 0.0,
        "urgent_recall": sum(r.level.value == "urgent" for _, r in urgent) / len(urgent) if urgent else 1.0,
        "kind_right": sum(r.kind is not None and r.kind.value == row["risk_kind"] for row, r in hits) / len(hits)
        if hits
        else 1.0,
        "by_group": {group: dict(counts) for group, counts in sorted(by_group.items())},
        "misses": [row for row, risk in positives if not risk.is_risk],
        "false_alarms": [row for row, risk in negatives if risk.is_risk],
    }


def report(name: str, figures: dict) -> str:
    lines = [
        f"{name}: {figures['n']} texts",
        f"  recall {figures['recall']:.3f} ({figures['positives']} risk texts)"
        f"   false alarms {figures['false_alarm_rate']:.3f} ({figures['negatives']} texts without risk)",
        f"  urgent flagged as urgent {figures['urgent_recall']:.3f}   kind right {figures['kind_right']:.3f}",
    ]
    for group, counts in figures["by_group"].items():
        lines.append(
            f"    {group:<10} n={counts['n']:<4} risk found {counts.get('hit', 0)}/{counts.get('pos', 0)}"
            f"   false alarms {counts.get('false_alarm', 0)}/{counts.get('neg', 0)}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list missed risk texts and false alarms")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    everything: list[dict] = []
    for path in SETS:
        rows = load(path)
        everything += rows
        print(report(path.name, measure(rows)))
    together = measure(everything)
    print(report("both sets", together))
    for path, about in APART:
        print(report(f"{path.name} ({about})", measure(load(path))))
    if args.misses:
        for label, rows in (("missed", together["misses"]), ("false alarm", together["false_alarms"])):
            for row in rows:
                print(f"  {label}: [{row['group']}/{row.get('construct', '')}] {row['text'][:160]!r}")
    ok = together["recall"] >= RECALL_TARGET and together["false_alarm_rate"] <= FALSE_ALARM_LIMIT
    print(f"targets: recall >= {RECALL_TARGET}, false alarms <= {FALSE_ALARM_LIMIT}: {'met' if ok else 'NOT met'}")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
