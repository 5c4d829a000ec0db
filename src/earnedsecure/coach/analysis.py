"""The coach's door to the offline text analysis in ``earnedsecure.domain.language``.

Pages, the JSON API and the ``analyze`` command all call these functions, so one analysis stands behind all
three. The analysis is imported inside the functions: it is plain Python with no Django, and keeping the import
lazy keeps start-up cheap for pages that never analyse text. What each protest behaviour is, and why it
backfires, is the cycle's vocabulary (``domain/cycle``), small enough to import at once.
"""

import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from earnedsecure.domain.cycle import PROTEST_BEHAVIOURS


def analyze_thought(text: str) -> dict:
    from earnedsecure.domain.language import analyze_thought as domain_analyze_thought

    return domain_analyze_thought(text).to_dict()


def analyze_message(text: str, *, reassurance_requests_today: int = 0) -> dict:
    from earnedsecure.domain.language import analyze_message as domain_analyze_message

    return domain_analyze_message(text, reassurance_requests_today=reassurance_requests_today).to_dict()


def assess_risk(*texts: str) -> dict:
    """The most serious risk across several free texts, as {"level", "kind"} (see core.risk.assess_texts)."""
    from earnedsecure.core.risk import assess_texts

    return assess_texts(*texts)


def is_reassurance_request(text: str) -> bool:
    from earnedsecure.domain.language import is_reassurance_request as domain_is_reassurance_request

    return bool(domain_is_reassurance_request(text))


def trap_info(name: str) -> dict:
    """Label, one-line explanation and the question to ask oneself, for a thinking trap."""
    from earnedsecure.domain.language import TRAPS

    trap = TRAPS[name]
    return {"name": name, "label": trap.label, "explanation": trap.explanation, "question": trap.question}


def all_traps() -> list[dict]:
    from earnedsecure.domain.language import TRAPS

    return [trap_info(name) for name in TRAPS]


def protest_info(name: str) -> dict:
    """Label, what it looks like, why it tends to backfire and the need under it, for a protest behaviour."""
    behaviour = PROTEST_BEHAVIOURS.get(name)
    return {
        "name": name,
        "label": behaviour.label,
        "explanation": behaviour.explanation,
        "why_it_backfires": behaviour.why_it_backfires,
        "underlying_need": behaviour.underlying_need,
    }


def confidence_in_words(confidence: float) -> str:
    """People read words more reliably than percentages."""
    if confidence >= 0.75:
        return "quite likely"
    if confidence >= 0.5:
        return "possibly"
    return "a faint sign"


def _evidence_phrases(evidence: Any) -> list[str]:
    if not evidence:
        return []
    if isinstance(evidence, str):
        return [evidence]
    return [str(e) for e in evidence if e]


def _spans(text: str, finding: dict) -> list[tuple[int, int]]:
    spans = []
    for span in finding.get("spans") or []:
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError, KeyError):
            continue
        if 0 <= start < end <= len(text):
            spans.append((start, end))
    if not spans:
        # Fall back to finding the evidence words themselves in the text.
        for phrase in _evidence_phrases(finding.get("evidence")):
            for match in re.finditer(re.escape(phrase.strip()), text, re.IGNORECASE):
                spans.append(match.span())
    return spans


def highlight(text: str, findings: list[dict]) -> SafeString:
    """``text`` escaped, with the words behind any of ``findings`` wrapped in <mark>."""
    spans = sorted(span for finding in findings for span in _spans(text, finding))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # every piece of the person's text is escaped above


def evidence_text(finding: dict) -> str:
    return ", ".join(f"“{p}”" for p in _evidence_phrases(finding.get("evidence")))
