"""The calm crisis block shown wherever a person's own words suggest risk.

Any page that analyses free text (a thought, a message draft, a diary entry) can show it:

    from earnedsecure.core.risk import risk_context
    context.update(risk_context(request.user, analysis["risk"]))   # or a Risk object, or None
    {% include "core/_risk_block.html" %}

It shows the person's own crisis lines (and domestic-violence lines when the risk is violence) with a link to
the crisis page. Nothing is sent anywhere: the app is not monitored and notifies nobody. Dismissing only
collapses the block to one line; it never disappears while the words that raised it are on the page.
"""

from typing import Any

from earnedsecure.core.crisis_lines import country_for

LEVELS = ("none", "concern", "urgent")


def _as_dict(risk: Any) -> dict:
    if risk is None:
        return {"level": "none", "kind": None, "kinds": [], "response": None}
    if hasattr(risk, "to_dict"):
        risk = risk.to_dict()
    level = risk.get("level") or "none"
    kind = risk.get("kind")
    kinds = list(risk.get("kinds") or ([kind] if kind else []))
    return {
        "level": level if level in LEVELS else "concern",  # an unknown level is treated as a risk, never as none
        "kind": kind,
        "kinds": kinds,
        "response": risk.get("response"),
    }


def risk_context(user, risk: Any) -> dict:
    """Template context for ``coach/_risk_block.html``; ``risk`` is {"level", "kind"}, a Risk or None."""
    risk = _as_dict(risk)
    country = country_for(getattr(user, "country", "") or "")
    return {
        "risk": risk,
        "risk_shown": risk["level"] != "none",
        "risk_urgent": risk["level"] == "urgent",
        # Domestic-violence lines whenever violence is among the kinds found, even if self-harm came first.
        "risk_violence": risk["kind"] == "violence" or "violence" in risk["kinds"],
        "risk_country": country,
    }


def strongest(*risks: Any) -> dict:
    """The most serious of several risks (e.g. one per text field), as a dict."""
    found = [_as_dict(r) for r in risks]
    top = dict(max(found, key=lambda r: LEVELS.index(r["level"]), default=_as_dict(None)))
    if top["level"] != "none":
        kinds = [k for r in found if r["level"] != "none" for k in r["kinds"]]
        top["kinds"] = list(dict.fromkeys(kinds))
    return top


def assess_texts(*texts: str) -> dict:
    """The most serious risk in several free texts (the fields of one form), each text read on its own.

    The one way the diary and the coach read a form's words for risk: each field is assessed alone (a window
    never spans two fields) and the strongest wins, with every kind found.
    """
    from earnedsecure.domain.language import assess_risk

    return strongest(*(assess_risk(text) for text in texts if text and text.strip()))


def level_in(*texts: str) -> str:
    """The most serious risk level in a person's words ("none", "concern" or "urgent"), as stored at save.

    The diary and the coach store it on each entry (encrypted) for the professional-help rule on home.
    """
    return assess_texts(*texts)["level"]
