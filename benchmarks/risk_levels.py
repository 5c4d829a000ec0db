"""How the risk level (urgent or concern) is graded, on a fifth of the corpus held back from training.

Run from the repository root (needs scikit-learn: ``pip install -e ".[train]"``)::

    .venv/bin/python benchmarks/risk_levels.py

The learned layer is trained as ``scripts/train_risk_model`` trains it, on a stratified four fifths of the risk
corpus (seed 20261129), and the other fifth is graded by the whole of ``assess_risk`` (cue rules and model, at the shipped model's threshold).
Printed: the share of urgent texts graded urgent, of concern texts graded urgent, of texts without risk graded
urgent, with the learned layer's own level as it is now, and with the demotion it once had (any negator in the
model's window turned urgent into concern), so the choice in ``risk.assess_folded`` can be checked. Never the
blind held-out sets: they are for ``benchmarks/risk_quality.py`` alone.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import earnedsecure.domain.language.risk as risk  # noqa: E402
from earnedsecure.domain.language.risk_model import load_model  # noqa: E402
from earnedsecure.domain.language.text import fold  # noqa: E402


def _trainer():
    loader = importlib.machinery.SourceFileLoader("train_risk_model", str(ROOT / "scripts" / "train_risk_model"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def _demoting(model):
    """The learned layer as it was: urgent became concern whenever its window held a negator."""

    def assess(folded):
        found = model.assess(folded)
        if found is None or found.level != "urgent":
            return found
        window = folded.tokens[found.first_token : found.end_token]
        if any(token.text in risk._NEGATORS for token in window):
            return type(found)(found.kind, "concern", found.probability, found.first_token, found.end_token)
        return found

    return assess


def main() -> int:
    from sklearn.model_selection import StratifiedShuffleSplit

    trainer = _trainer()
    rows = trainer.load_rows()
    strata = [label for _, label in rows]
    train, test = next(StratifiedShuffleSplit(n_splits=1, test_size=0.2, random_state=trainer.SEED).split(rows, strata))
    model = trainer.fit(*trainer.examples([rows[i] for i in train]))
    model = type(model)(model.labels, model.intercepts, model.weights, load_model().threshold)
    original = risk._learned_layer
    for title, layer in (
        ("model's own level (now)", model.assess),
        ("demoted on any negator (before)", _demoting(model)),
    ):
        risk._learned_layer = (
            lambda folded, layer=layer: layer(folded) if any(t.kind == "w" for t in folded.tokens) else None
        )
        graded = Counter()
        for i in test:
            text, label = rows[i]
            graded[(label.split(":")[-1], risk.assess_folded(fold(text)).level.value)] += 1
        share = {
            gold: graded[(gold, "urgent")] / max(1, sum(n for (g, _), n in graded.items() if g == gold))
            for gold in ("urgent", "concern", "none")
        }
        print(
            f"{title:<34} urgent graded urgent {share['urgent']:.2f}   concern graded urgent "
            f"{share['concern']:.2f}   no risk graded urgent {share['none']:.3f}"
        )
    risk._learned_layer = original
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
