"""The two analyses the app runs on free text: a thought, and a message drafted to a partner.

Both also check the text for crisis language (:mod:`.risk`), as every free text the person writes must be.
Where any risk is found (``risk.level`` is not ``none``) there is **no coaching beside it**: no thinking traps,
no protest behaviours, no rewrite and no soothing nudge, and ``coaching`` is ``False``. A draft that says the
person wants to end their life must never come back as a tidier message to send; a thought "I should just end
it all" is not a should-statement. The pages show the safety response instead (risk-and-abuse reference,
section 5.1: "Stop coaching"; the BBC tests of Woebot and Wysa in 2018 show what happens when they don't).

Result shapes (``to_dict``), with the required keys first and extra, optional keys after:

* thought: ``{"traps": [{"name", "confidence", "evidence", ...}], "risk": {"level", "kind", ...}}``, traps best
  first, at most three, possibly none (see :mod:`.traps`);
* message: ``{"protest": bool, "behaviours": [{"name", "evidence", ...}], "rewrite": str | None, "risk": {...},
  "coaching": bool, ...}``; a message without protest behaviours gets no warnings and its own text back as the
  rewrite; a message with a risk gets no behaviours and ``rewrite`` null.

The reassurance-loop guard follows the report's "Practice Self-Soothing" (calm yourself without immediately
seeking partner reassurance): from :data:`REASSURANCE_LOOP_THRESHOLD` reassurance requests in a day, a draft
that asks for reassurance again, or protests, comes with the suggestion to use a soothing tool first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .protest import BehaviourFinding, read_draft
from .rewrite import Rewrite, build_rewrite
from .risk import Risk, assess_folded
from .text import fold
from .traps import TrapFinding, detect_traps

REASSURANCE_LOOP_THRESHOLD = 3
SOOTHING_SUGGESTION = (
    "You've reached out for reassurance a few times today. Before sending this, try a soothing tool: "
    "a few rounds of 4-7-8 breathing (in for 4, hold for 7, out for 8) or 5-4-3-2-1 grounding. "
    "Then see whether you still want to send it."
)


@dataclass(frozen=True)
class ThoughtAnalysis:
    traps: tuple[TrapFinding, ...]
    risk: Risk

    @property
    def coaching(self) -> bool:
        return not self.risk.is_risk

    def to_dict(self) -> dict[str, Any]:
        return {
            "traps": [trap.to_dict() for trap in self.traps],
            "risk": self.risk.to_dict(),
            "coaching": self.coaching,
        }


@dataclass(frozen=True)
class MessageAnalysis:
    behaviours: tuple[BehaviourFinding, ...]
    rewrite: str | None
    risk: Risk
    rewrite_parts: Rewrite | None = None
    reassurance_request: bool = False
    suggest_soothing_first: bool = False

    @property
    def protest(self) -> bool:
        return bool(self.behaviours)

    @property
    def coaching(self) -> bool:
        return not self.risk.is_risk

    def to_dict(self) -> dict[str, Any]:
        return {
            "protest": self.protest,
            "behaviours": [b.to_dict() for b in self.behaviours],
            "rewrite": self.rewrite,
            "risk": self.risk.to_dict(),
            "coaching": self.coaching,
            "rewrite_parts": self.rewrite_parts.to_dict() if self.rewrite_parts else None,
            "reassurance_request": self.reassurance_request,
            "suggest_soothing_first": self.suggest_soothing_first,
            "soothing_suggestion": SOOTHING_SUGGESTION if self.suggest_soothing_first else None,
        }


def analyze_thought(text: str) -> ThoughtAnalysis:
    """Likely thinking traps in a thought (top three at most, maybe none) and its crisis risk."""
    folded = fold(text)
    risk = assess_folded(folded)
    if risk.is_risk:
        return ThoughtAnalysis(traps=(), risk=risk)
    return ThoughtAnalysis(traps=detect_traps(folded), risk=risk)


def analyze_message(text: str, *, reassurance_requests_today: int = 0) -> MessageAnalysis:
    """Protest behaviours in a draft to a partner, a direct rewrite, the reassurance guard and crisis risk.

    ``reassurance_requests_today`` counts the reassurance requests already sent today, this one excluded.
    """
    folded = fold(text)
    risk = assess_folded(folded)
    if risk.is_risk:
        return MessageAnalysis(behaviours=(), rewrite=None, risk=risk)
    behaviours, reassurance = read_draft(folded)
    parts = build_rewrite(folded, behaviours) if behaviours else None
    loop = reassurance_requests_today >= REASSURANCE_LOOP_THRESHOLD and (reassurance or bool(behaviours))
    return MessageAnalysis(
        behaviours=behaviours,
        rewrite=parts.text if parts else text,
        risk=risk,
        rewrite_parts=parts,
        reassurance_request=reassurance,
        suggest_soothing_first=loop,
    )
