"""Quality measures for the text analysis on a labelled set (the tuning set here, the held-out sets in benchmarks).

Label schema, one JSON object per line::

    {"kind": "thought", "text": "...", "traps": ["mind_reading", ...]}      # [] = no trap, most salient first
    {"kind": "message", "text": "...", "behaviours": ["testing", ...]}      # [] = a plain, kind message
    {"kind": "message", "text": "...", "protest": ["monitoring", ...]}      # the same, as the corpus names it
    {"kind": "risk", "text": "...", "risk": "none|self_harm|violence", "note": "idiom|negation"}

Measures:

* traps: per-label precision/recall/F1 of the traps *shown* (the confident ones, at most three); the top-3
  hit rate (a labelled trap among the first three of the ranking of all twelve, over thoughts with at least
  one label: what issue 12 measures, where always guessing the three commonest traps scores about half);
  the shown-hit rate (a labelled trap among the traps shown); a confusion table of the first labelled trap
  against the top-ranked one; how often a thought with no label gets no suggestion;
* protest: per-behaviour precision/recall/F1 of the behaviours shown, protest yes/no precision/recall/F1, and
  **type right**: over the messages labelled as a protest, the share for which at least one labelled
  behaviour is among the behaviours shown (a message the analysis calls no protest counts as wrong); with it,
  the stricter share whose *first* shown behaviour is a labelled one;
* crisis: recall over risk texts (any level counts, as any level shows the crisis lines) and with the right
  kind, false alarms on idioms (any level), negations raised to ``urgent`` (``concern`` is allowed) and
  risk flags on ordinary thoughts and messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analysis import analyze_message, analyze_thought
from .protest import PROTEST_BEHAVIOURS
from .risk import RiskLevel, assess_risk
from .traps import TRAPS

TUNING_PATH = Path(__file__).parent / "data" / "tuning.jsonl"

# Issue 12's targets, on text the project never trained or tuned on.
TARGETS = {
    "protest_f1": 0.85,
    "protest_type_right": 0.70,
    "crisis_recall": 0.95,
    "idiom_false_alarm_rate_max": 0.10,
    "trap_top3_hit_rate": 0.75,
}


@dataclass(frozen=True)
class Labelled:
    kind: str
    text: str
    labels: tuple[str, ...] = ()
    risk: str = "none"
    note: str | None = None


def load_labelled(path: Path | str) -> list[Labelled]:
    rows: list[Labelled] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        kind = raw["kind"]
        if kind not in ("thought", "message", "risk"):
            raise ValueError(f"{path}:{number}: unknown kind {kind!r}")
        labels = tuple(raw.get("traps") or raw.get("behaviours") or raw.get("protest") or ())
        known = TRAPS if kind == "thought" else PROTEST_BEHAVIOURS
        unknown = [label for label in labels if label not in known]
        if unknown:
            raise ValueError(f"{path}:{number}: unknown labels {unknown}")
        risk = raw.get("risk", "none")
        if risk not in ("none", "self_harm", "violence"):
            raise ValueError(f"{path}:{number}: unknown risk {risk!r}")
        rows.append(Labelled(kind, raw["text"], labels, risk, raw.get("note")))
    return rows


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class QualityReport:
    trap_labels: dict[str, Counts] = field(default_factory=dict)
    behaviour_labels: dict[str, Counts] = field(default_factory=dict)
    protest: Counts = field(default_factory=Counts)
    protest_messages: int = 0
    protest_type_right_count: int = 0
    protest_first_right_count: int = 0
    trap_hits: int = 0
    trap_shown_hits: int = 0
    trap_thoughts: int = 0
    # (first labelled trap, top-ranked trap or "none") -> count
    trap_confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    empty_thoughts: int = 0
    empty_thoughts_clear: int = 0
    risk_texts: int = 0
    risk_caught: int = 0
    risk_caught_right_kind: int = 0
    risk_missed: list[str] = field(default_factory=list)
    idioms: int = 0
    idiom_alarms: int = 0
    idiom_alarm_texts: list[str] = field(default_factory=list)
    negations: int = 0
    negations_urgent: int = 0
    negations_flagged: int = 0
    ordinary_texts: int = 0
    ordinary_flagged: int = 0

    @property
    def trap_top3_hit_rate(self) -> float:
        return _ratio(self.trap_hits, self.trap_thoughts)

    @property
    def trap_shown_hit_rate(self) -> float:
        return _ratio(self.trap_shown_hits, self.trap_thoughts)

    @property
    def protest_type_right(self) -> float:
        return _ratio(self.protest_type_right_count, self.protest_messages)

    @property
    def protest_first_right(self) -> float:
        return _ratio(self.protest_first_right_count, self.protest_messages)

    @property
    def crisis_recall(self) -> float:
        return _ratio(self.risk_caught, self.risk_texts)

    @property
    def crisis_recall_right_kind(self) -> float:
        return _ratio(self.risk_caught_right_kind, self.risk_texts)

    @property
    def idiom_false_alarm_rate(self) -> float:
        return _ratio(self.idiom_alarms, self.idioms)

    def failures(self) -> list[str]:
        """Targets missed, in words (empty when all are met)."""
        missed = []
        # A measure is judged only where the set has texts for it.
        if self.protest_messages:
            if self.protest.f1 < TARGETS["protest_f1"]:
                missed.append(f"protest F1 {self.protest.f1:.3f} < {TARGETS['protest_f1']}")
            if self.protest_type_right < TARGETS["protest_type_right"]:
                missed.append(f"type right {self.protest_type_right:.3f} < {TARGETS['protest_type_right']}")
        if self.risk_texts and self.crisis_recall < TARGETS["crisis_recall"]:
            missed.append(f"crisis recall {self.crisis_recall:.3f} < {TARGETS['crisis_recall']}")
        if self.idioms and self.idiom_false_alarm_rate > TARGETS["idiom_false_alarm_rate_max"]:
            missed.append(
                f"idiom false alarms {self.idiom_false_alarm_rate:.3f} > {TARGETS['idiom_false_alarm_rate_max']}"
            )
        if self.trap_thoughts and self.trap_top3_hit_rate < TARGETS["trap_top3_hit_rate"]:
            missed.append(f"trap top-3 {self.trap_top3_hit_rate:.3f} < {TARGETS['trap_top3_hit_rate']}")
        return missed

    def summary(self) -> dict[str, Any]:
        return {
            "protest_f1": round(self.protest.f1, 3),
            "protest_type_right": round(self.protest_type_right, 3),
            "crisis_recall": round(self.crisis_recall, 3),
            "idiom_false_alarm_rate": round(self.idiom_false_alarm_rate, 3),
            "trap_top3_hit_rate": round(self.trap_top3_hit_rate, 3),
        }


def evaluate(rows: Iterable[Labelled]) -> QualityReport:
    report = QualityReport(
        trap_labels={name: Counts() for name in TRAPS},
        behaviour_labels={name: Counts() for name in PROTEST_BEHAVIOURS},
    )
    for row in rows:
        if row.kind == "thought":
            thought = analyze_thought(row.text)
            found = [t.name for t in thought.traps]
            ranked = [t.name for t in thought.ranked]
            for name, counts in report.trap_labels.items():
                counts.add(name in found, name in row.labels)
            if row.labels:
                report.trap_thoughts += 1
                report.trap_hits += bool(set(ranked[:3]) & set(row.labels))
                report.trap_shown_hits += bool(set(found) & set(row.labels))
                pair = (row.labels[0], ranked[0] if ranked else "none")
                report.trap_confusion[pair] = report.trap_confusion.get(pair, 0) + 1
            else:
                report.empty_thoughts += 1
                report.empty_thoughts_clear += not found
            _count_ordinary(report, thought.risk.level)
        elif row.kind == "message":
            message = analyze_message(row.text)
            found = [b.name for b in message.behaviours]
            for name, counts in report.behaviour_labels.items():
                counts.add(name in found, name in row.labels)
            report.protest.add(message.protest, bool(row.labels))
            if row.labels:
                report.protest_messages += 1
                report.protest_type_right_count += bool(set(found) & set(row.labels))
                report.protest_first_right_count += bool(found) and found[0] in row.labels
            _count_ordinary(report, message.risk.level)
        else:
            risk = assess_risk(row.text)
            if row.risk != "none":
                report.risk_texts += 1
                report.risk_caught += risk.is_risk
                report.risk_caught_right_kind += risk.kind is not None and risk.kind.value == row.risk
                if not risk.is_risk:
                    report.risk_missed.append(row.text)
            elif row.note == "negation":
                report.negations += 1
                report.negations_urgent += risk.level is RiskLevel.URGENT
                report.negations_flagged += risk.is_risk
            else:
                report.idioms += 1
                report.idiom_alarms += risk.is_risk
                if risk.is_risk:
                    report.idiom_alarm_texts.append(row.text)
    return report


def _count_ordinary(report: QualityReport, level: RiskLevel) -> None:
    report.ordinary_texts += 1
    report.ordinary_flagged += level is not RiskLevel.NONE


def format_report(report: QualityReport, title: str) -> str:
    """A plain-text table of every measure."""
    lines = [f"== {title} =="]

    def table(name: str, labels: dict[str, Counts]) -> None:
        lines.append(f"{name:<24} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
        for label, c in labels.items():
            lines.append(f"  {label:<22} {c.precision:9.3f} {c.recall:7.3f} {c.f1:6.3f} {c.support:8d}")

    if report.trap_thoughts or report.empty_thoughts:
        table("traps (shown)", report.trap_labels)
        lines.append(
            f"trap top-3 hit rate (first three of the ranking): {report.trap_top3_hit_rate:.3f} "
            f"({report.trap_hits}/{report.trap_thoughts}); a labelled trap among those shown: "
            f"{report.trap_shown_hit_rate:.3f}; thoughts without a trap left clear: "
            f"{report.empty_thoughts_clear}/{report.empty_thoughts}"
        )
        lines.extend(format_confusion(report.trap_confusion))
    if report.protest_messages or report.protest.fp:
        table("protest behaviours (shown)", report.behaviour_labels)
        p = report.protest
        lines.append(
            f"protest yes/no: precision {p.precision:.3f} recall {p.recall:.3f} F1 {p.f1:.3f} "
            f"(tp {p.tp}, fp {p.fp}, fn {p.fn})"
        )
        lines.append(
            f"type right (a labelled behaviour among those shown, over {report.protest_messages} labelled protests): "
            f"{report.protest_type_right:.3f}; first shown behaviour labelled: {report.protest_first_right:.3f}"
        )
    if not (report.risk_texts or report.idioms or report.negations):
        return "\n".join(lines)
    lines.append(
        f"crisis recall: {report.crisis_recall:.3f} ({report.risk_caught}/{report.risk_texts}); "
        f"with the right kind: {report.crisis_recall_right_kind:.3f}"
    )
    lines.append(
        f"idiom false alarms: {report.idiom_false_alarm_rate:.3f} ({report.idiom_alarms}/{report.idioms}); "
        f"negations raised to urgent: {report.negations_urgent}/{report.negations} "
        f"(flagged at concern or above: {report.negations_flagged}/{report.negations}); "
        f"ordinary thoughts/messages flagged: {report.ordinary_flagged}/{report.ordinary_texts}"
    )
    for text in report.risk_missed:
        lines.append(f"  missed risk: {text!r}")
    for text in report.idiom_alarm_texts:
        lines.append(f"  idiom flagged: {text!r}")
    return "\n".join(lines)


def format_confusion(confusion: dict[tuple[str, str], int]) -> list[str]:
    """Rows: the first labelled trap; columns: the top-ranked trap (``none`` if nothing was ranked)."""
    names = list(TRAPS)
    columns = [*names, "none"]
    short = {name: name[:4] for name in columns}
    lines = [
        "trap confusion (rows: first label; columns: top-ranked)",
        " " * 24 + " ".join(f"{short[c]:>4}" for c in columns),
    ]
    for gold in names:
        lines.append(f"  {gold:<22}" + " ".join(f"{confusion.get((gold, c), 0):4d}" for c in columns))
    diagonal = sum(confusion.get((name, name), 0) for name in names)
    total = sum(confusion.values())
    lines.append(f"top-ranked trap is the first label: {_ratio(diagonal, total):.3f} ({diagonal}/{total})")
    return lines


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in [0, 100]) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]
