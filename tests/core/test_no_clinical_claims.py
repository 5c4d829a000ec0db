"""Intended use: a self-help companion. No page may claim to diagnose, treat or cure (checklist F55)."""

import re
from pathlib import Path

import earnedsecure

ROOT = Path(earnedsecure.__file__).parent
CLAIM = re.compile(r"\b(diagnos\w*|cures?|cured|clinically proven|treats? (your|anxiety|depression))\b", re.I)
# A claim is fine only where the sentence says the app does NOT do it.
DISCLAIMER = re.compile(r"\b(not|never|no|doesn't|does not|isn't|is not|nor)\b[^.]{0,60}$", re.I)


def _claims(text: str) -> list[str]:
    found = []
    for match in CLAIM.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()]
        if not DISCLAIMER.search(before):
            found.append(text[max(0, match.start() - 40) : match.end() + 20].replace("\n", " "))
    return found


def test_no_template_or_lesson_claims_to_diagnose_or_treat():
    offenders = {}
    for path in [*ROOT.rglob("*.html"), *ROOT.rglob("*.md")]:
        claims = _claims(path.read_text(encoding="utf-8"))
        if claims:
            offenders[str(path.relative_to(ROOT))] = claims
    assert offenders == {}


def test_the_check_catches_a_claim_and_lets_a_disclaimer_through():
    assert _claims("This app will diagnose your attachment style.")
    assert _claims("Clinically proven to help.")
    assert not _claims("It does not diagnose anything, and it is not a replacement for therapy.")
