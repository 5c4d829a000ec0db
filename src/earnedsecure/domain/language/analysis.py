"""The two analyses the app runs on free text: a thought, and a message drafted to a partner.

Both also check the text for crisis language (:mod:`.risk`), as every free text the person writes must be.
Where any risk is found (``risk.level`` is not ``none``) there is **no coaching beside it**: no thinking traps,
no protest behaviours, no rewrite and no soothing nudge, and ``coaching`` is ``False``. A draft that says the
person wants to end their life must never come back as a tidier message to send; a thought "I should just end
it all" is not a should-statement. The pages show the safety response instead (risk-and-abuse reference,
section 5.1: "Stop coaching"; the BBC tests of Woebot and Wysa in 2018 show what happens when they don't).

Result shapes (``to_dict``), with the required keys first and extra, optional keys after:

* thought: ``{"traps": [{"name", "confidence", "evidence", ...}], "risk": {"level", "kind", ...}, "ranked":
  [...]}``: ``traps`` are the confident suggestions for the page, best first, at most three, possibly none;
  ``ranked`` is all twelve traps, best first, each with its calibrated ``confidence``;
* message: ``{"protest": bool, "behaviours": [{"name", "evidence", ...}], "rewrite": str | None, "risk": {...},
  "coaching": bool, "ranked": [...], "protest_score": float | None, ...}``: ``behaviours`` are the ones shown
  (present exactly when ``protest`` is true), ``ranked`` all seven protest behaviours with their calibrated
  ``confidence``, ``protest_score`` the probability that the draft is a protest at all; a message without
  protest behaviours gets no warnings and its own text back as the rewrite; a message with a risk gets no
  behaviours, an empty ranking and ``rewrite`` null.

Two layers stand behind every suggestion (issue 12): the explainable cue rules of :mod:`.traps` and
:mod:`.protest`, which point at the words, and the learned layer of :mod:`.language_model`, which reads the
text as a whole. Per label, the model's score and the rules' confidence go through one calibrated sigmoid
(fitted by cross-validation on the training corpus), so the ``confidence`` of a finding is a probability and
the order is the same whichever layer found it. The rules' evidence spans stay with each finding; a finding
the model made alone has none, and says so (``evidence_note``) rather than pointing at a guess. A draft the
rules read as a boundary or a decision to leave (:class:`.protest.DraftStance`) stays a respected draft: no
protest, whatever the model says (clinical-safety review: coaching such a draft toward contact can keep a
person tied to a partner they are trying to leave).

The reassurance-loop guard follows the report's "Practice Self-Soothing" (calm yourself without immediately
seeking partner reassurance): from :data:`REASSURANCE_LOOP_THRESHOLD` reassurance requests in a day, a draft
that asks for reassurance again, or protests, comes with the suggestion to use a soothing tool first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .language_model import ANY_PROTEST, MAX_SHOWN_PROBABILITY, load_model
from .language_model import features as model_features
from .protest import PROTEST_BEHAVIOURS, BehaviourFinding, read_message
from .rewrite import Rewrite, build_rewrite
from .risk import Risk, assess_folded
from .text import FoldedText, fold
from .traps import MAX_TRAPS, TRAPS, ThoughtReading, TrapFinding, read_thought

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
    ranked: tuple[TrapFinding, ...] = ()

    @property
    def coaching(self) -> bool:
        return not self.risk.is_risk

    def to_dict(self) -> dict[str, Any]:
        return {
            "traps": [trap.to_dict() for trap in self.traps],
            "risk": self.risk.to_dict(),
            "coaching": self.coaching,
            "ranked": [trap.to_dict() for trap in self.ranked],
        }


@dataclass(frozen=True)
class MessageAnalysis:
    behaviours: tuple[BehaviourFinding, ...]
    rewrite: str | None
    risk: Risk
    rewrite_parts: Rewrite | None = None
    reassurance_request: bool = False
    suggest_soothing_first: bool = False
    ranked: tuple[BehaviourFinding, ...] = ()
    protest_score: float | None = None

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
            "ranked": [b.to_dict() for b in self.ranked],
            "protest_score": self.protest_score,
        }


def model_inputs(kind: str, folded: FoldedText) -> tuple[set[str], dict[str, float], bool]:
    """What the learned layer reads of a ``"thought"`` or a ``"message"``: its features (empty when there is
    nothing of the person's own to read), the rule layer's confidence per label (labels the rules did not find
    are left out, i.e. 0) and whether a message is a respected draft (a boundary or a decision to leave).

    The app scores exactly these, and the model is trained and calibrated on them
    (``scripts/train_language_model``).
    """
    if kind == "thought":
        reading = read_thought(folded)
        return _thought_features(folded, reading), _confidences(reading.findings), False
    findings, _, stance = read_message(folded)
    found = model_features(folded) if folded.words else set()
    return found, _protest_confidences(findings), stance.respected


def _thought_features(folded: FoldedText, reading: ThoughtReading) -> set[str]:
    """Features of the person's own words only: what someone else said or did is not their thinking."""
    own = reading.own_tokens(folded)
    return model_features(folded, own) if any(token.kind == "w" for token in own) else set()


def _confidences(findings: Mapping[str, TrapFinding | BehaviourFinding]) -> dict[str, float]:
    return {name: finding.confidence for name, finding in findings.items()}


def _protest_confidences(findings: tuple[BehaviourFinding, ...]) -> dict[str, float]:
    """Per behaviour, and for "any protest" the strongest of them."""
    confidences = {finding.name: finding.confidence for finding in findings}
    confidences[ANY_PROTEST] = max(confidences.values(), default=0.0)
    return confidences


def _shown(probability: float) -> float:
    return min(MAX_SHOWN_PROBABILITY, round(probability, 3))


def _rank(probabilities: dict[str, float], order: list[str], last: set[str]) -> list[str]:
    """Best first; the names in ``last`` (ruled out by the rules' reading) after all the others."""
    return sorted(probabilities, key=lambda name: (name in last, -probabilities[name], order.index(name)))


def rank_traps(folded: FoldedText) -> tuple[tuple[TrapFinding, ...], tuple[TrapFinding, ...]]:
    """All twelve traps ranked by calibrated probability, and the confident ones to show (at most three).

    A trap is shown when its probability reaches its own threshold (chosen by cross-validation on the
    corpus). Each keeps the rules' evidence when the rules found it. The model reads only the person's own
    words (:func:`.traps.attribute`), and a trap the rules' reading rules out ("I'm not a failure") is ranked
    last and never shown unless its own cues are there. A thought with no words of the person's own gets
    neither a ranking nor a suggestion.
    """
    reading = read_thought(folded)
    found = _thought_features(folded, reading)
    if not found:
        return (), ()
    head = load_model().traps
    probabilities = head.probabilities(found, _confidences(reading.findings))
    ranked = []
    for name in _rank(probabilities, list(TRAPS), set(reading.ruled_out)):
        rules = reading.findings.get(name)
        evidence, spans = (rules.evidence, rules.spans) if rules else ((), ())
        ranked.append(TrapFinding(name, _shown(probabilities[name]), evidence, spans))
    shown = [
        f for f in ranked if probabilities[f.name] >= head.labels[f.name].threshold and f.name not in reading.ruled_out
    ]
    return tuple(ranked), tuple(shown[:MAX_TRAPS])


def rank_behaviours(
    folded: FoldedText,
) -> tuple[tuple[BehaviourFinding, ...], tuple[BehaviourFinding, ...], float | None, bool]:
    """All seven protest behaviours ranked by calibrated probability, the ones to show, the probability that
    the draft is a protest at all (``None`` when not scored) and whether it asks for reassurance.

    The draft is a protest when that probability reaches its threshold; then every behaviour at or above its
    own threshold is shown, and at least the most likely one. The draft's readings rule some behaviours out
    (a help request beside distress, a time-out with a way back, honest openness: :class:`.protest.DraftStance`):
    the model may not add those on its own, they are ranked last, and a draft whose most likely behaviour is
    one of them is not called a protest. A respected draft (a boundary or a decision to leave) is never a
    protest and gets no ranking; nor does a draft without a word in it.
    """
    findings, reassurance, stance = read_message(folded)
    if stance.respected or not folded.words:
        return (), (), None, reassurance
    rules = {finding.name: finding for finding in findings}
    head = load_model().protest
    probabilities = head.probabilities(model_features(folded), _protest_confidences(findings))
    protest = probabilities.pop(ANY_PROTEST)
    ruled_out = set(stance.ruled_out) - set(rules)
    ranked = []
    for name in _rank(probabilities, list(PROTEST_BEHAVIOURS), ruled_out):
        rule = rules.get(name)
        evidence, spans = (rule.evidence, rule.spans) if rule else ((), ())
        ranked.append(BehaviourFinding(name, _shown(probabilities[name]), evidence, spans))
    shown: list[BehaviourFinding] = []
    if protest >= head.labels[ANY_PROTEST].threshold:
        likely = max(probabilities, key=probabilities.__getitem__)
        if likely not in ruled_out:
            shown = [
                b for b in ranked if b.name not in ruled_out and probabilities[b.name] >= head.labels[b.name].threshold
            ] or ranked[:1]
    return tuple(ranked), tuple(shown), _shown(protest), reassurance


def analyze_thought(text: str) -> ThoughtAnalysis:
    """Likely thinking traps in a thought (the confident ones, three at most, maybe none; and all twelve
    ranked) and its crisis risk."""
    folded = fold(text)
    risk = assess_folded(folded)
    if risk.is_risk:
        return ThoughtAnalysis(traps=(), risk=risk)
    ranked, shown = rank_traps(folded)
    return ThoughtAnalysis(traps=shown, risk=risk, ranked=ranked)


def analyze_message(text: str, *, reassurance_requests_today: int = 0) -> MessageAnalysis:
    """Protest behaviours in a draft to a partner, a direct rewrite, the reassurance guard and crisis risk.

    ``reassurance_requests_today`` counts the reassurance requests already sent today, this one excluded.
    """
    folded = fold(text)
    risk = assess_folded(folded)
    if risk.is_risk:
        return MessageAnalysis(behaviours=(), rewrite=None, risk=risk)
    ranked, behaviours, protest_score, reassurance = rank_behaviours(folded)
    parts = build_rewrite(folded, behaviours) if behaviours else None
    loop = reassurance_requests_today >= REASSURANCE_LOOP_THRESHOLD and (reassurance or bool(behaviours))
    return MessageAnalysis(
        behaviours=behaviours,
        rewrite=parts.text if parts else text,
        risk=risk,
        rewrite_parts=parts,
        reassurance_request=reassurance,
        suggest_soothing_first=loop,
        ranked=ranked,
        protest_score=protest_score,
    )
