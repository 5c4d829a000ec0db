"""Hazard H47 (open): long entries and the safety response. The development set of long texts
(benchmarks/data/risk_long_dev.jsonl, written blind from the definitions) is read as the app reads it.

Two guards while the gap is open: every text with buried risk stays found (a fix for the false alarms must never
buy them back with misses), and the false alarms on long texts without risk get no worse than they are now.
"""

import json
from pathlib import Path

from earnedsecure.domain.language import assess_risk

LONG_DEV = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "risk_long_dev.jsonl"
FALSE_ALARMS_NOW = 27  # of 80 (72 with long texts read whole, 43 read by the short-text model): lower it as it improves


def _rows():
    return [json.loads(line) for line in LONG_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_long_text_with_buried_risk_is_found():
    risky = [row for row in _rows() if row["risk"] != "none"]
    assert len(risky) == 60
    missed = [row["construct"] for row in risky if not assess_risk(row["text"]).is_risk]
    assert missed == []


def test_false_alarms_on_long_texts_get_no_worse():
    ordinary = [row for row in _rows() if row["risk"] == "none"]
    assert len(ordinary) == 80
    assert sum(assess_risk(row["text"]).is_risk for row in ordinary) <= FALSE_ALARMS_NOW
