"""Framework-free text analysis: thinking traps, protest behaviours in message drafts, crisis language.

Offline, in two layers: a rule engine of weighted cue phrases (:mod:`.phrases`) over folded text
(:mod:`.text`), every finding pointing at the words behind it with their spans in the original text; and
learned layers (:mod:`.risk_model`, :mod:`.language_model`), small linear models whose weights ship as plain
JSON in ``data/``. Standard library only at run time; nothing is downloaded. Rules tuned on
``data/tuning.jsonl``, models trained on the corpora in ``data/``; measured on held-out sets (one written
blind) by ``benchmarks/language_quality.py``.
"""

from .analysis import (
    REASSURANCE_LOOP_THRESHOLD,
    MessageAnalysis,
    ThoughtAnalysis,
    analyze_message,
    analyze_thought,
)
from .protest import PROTEST_BEHAVIOURS, BehaviourFinding, is_reassurance_request
from .rewrite import Rewrite, RewritePart
from .risk import Risk, RiskKind, RiskLevel, assess_risk
from .traps import TRAPS, TrapFinding, TrapInfo

__all__ = [
    "PROTEST_BEHAVIOURS",
    "REASSURANCE_LOOP_THRESHOLD",
    "TRAPS",
    "BehaviourFinding",
    "MessageAnalysis",
    "Rewrite",
    "RewritePart",
    "Risk",
    "RiskKind",
    "RiskLevel",
    "ThoughtAnalysis",
    "TrapFinding",
    "TrapInfo",
    "analyze_message",
    "analyze_thought",
    "assess_risk",
    "is_reassurance_request",
]
