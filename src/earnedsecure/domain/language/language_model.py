"""The learned layer for thinking traps and protest behaviours, beside the explainable cue rules.

Why a second layer (issue 12): the cue rules of :mod:`.traps` and :mod:`.protest` explain themselves, but on
text written by people who never saw them they miss most indirect forms: a testing question with no
accusation in it ("would you even notice if ..."), sarcasm, a threat phrased as resignation, jealousy by hint,
a demand for a location or a screenshot, a trap whose textbook cue word is absent. A linear model over words,
word pairs and word pieces, trained on a corpus the project writes to the definitions (with hard negatives),
reads those far better; the rules keep pointing at the words when they can.

This is a small linear classifier, not a large language model. What it is, so that it can be read and
reproduced:

1. Features (:func:`features`): the words, neighbouring word pairs, symbols and 3-5 letter word pieces of the
   folded text (the same as the risk layer's, :func:`.risk_model.features`), plus a few signals of form that
   folding loses: which sentence marks appear (``?``, ``!``, ``.``) and how the text ends, runs of question
   or exclamation marks, shouting in capitals, several short lines, and the length in words (a bucket). Each
   text's features are binary and scaled to unit length over *all* its features, known to the model or not,
   so the scale needs no vocabulary at run time.
2. Two heads, each a set of one-vs-rest logistic regressions (:class:`Head`): ``protest`` (``any``: is this
   a protest at all, and one label per protest behaviour, monitoring included) and ``traps`` (the twelve
   thinking traps). Trained by ``scripts/train_language_model`` with scikit-learn and a fixed seed, stored as
   plain weights in ``data/language_model.json``; reading it needs no library.
3. Calibration, per label: the model's score ``z`` and the rule layer's confidence ``r`` for the same label
   (0 when the rules found nothing) go through ``sigmoid(a * z + b * r + c)``. ``a``, ``b`` and ``c`` are fitted
   on out-of-fold scores from cross-validation on the training corpus alone (Platt scaling with the rules as
   a second input), so the result reads as a probability and the rules count as much as they earn.
4. Thresholds, per label, chosen on the same out-of-fold probabilities (the F1-best one), never on the held-out
   sets in ``benchmarks/data``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .risk_model import features as risk_features
from .text import FoldedText, Token

MODEL_PATH = Path(__file__).resolve().parent / "data" / "language_model.json"
ANY_PROTEST = "any"
# A probability is shown rounded; never as certainty, because the analysis only suggests and the person decides.
MAX_SHOWN_PROBABILITY = 0.99
# What a finding says when the model found it and the rules did not: there are no words to point at, and
# highlighting the strongest-weighted ones would dress a whole-text judgement up as a quotation.
NO_SINGLE_PHRASE = "No single phrase: the learned layer read the text as a whole."

_QUESTION_RUN = re.compile(r"\?{2,}")
_EXCLAMATION_RUN = re.compile(r"!{2,}")
_CAPITAL_WORDS = re.compile(r"\b[A-Z]{2,}\b")
_LENGTH_BUCKETS = ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (40, "16-40"))


def form_features(original: str, words: int) -> set[str]:
    """Signals of form that folding loses (see the module docstring, step 1)."""
    found = {"n:" + next((name for most, name in _LENGTH_BUCKETS if words <= most), "41+")}
    for mark in "?!.":
        if mark in original:
            found.add("p:" + mark)
    end = original.rstrip()[-1:]
    found.add("e:" + (end if end and end in "?!.,…" else "w" if end.isalnum() else "s"))
    if _QUESTION_RUN.search(original):
        found.add("f:??")
    if _EXCLAMATION_RUN.search(original):
        found.add("f:!!")
    capitals = _CAPITAL_WORDS.findall(original)
    if len(capitals) >= 2 and sum(map(len, capitals)) >= 6 and capitals != ["OK"] * len(capitals):
        found.add("f:caps")
    if sum(1 for line in original.splitlines() if line.strip()) >= 3:
        found.add("f:lines")
    return found


def features(folded: FoldedText, tokens: Sequence[Token] | None = None) -> set[str]:
    """The binary features of a text (see the module docstring, step 1), from ``tokens`` when given (the
    person's own words in a thought, without what someone else said or did) or else all of its tokens."""
    tokens = folded.tokens if tokens is None else tokens
    words = sum(1 for token in tokens if token.kind == "w")
    return risk_features(tokens) | form_features(folded.original, words)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@dataclass(frozen=True)
class LabelModel:
    """One label's linear model, its calibration with the rules, and its threshold."""

    intercept: float
    weights: Mapping[str, float]
    calibration: tuple[float, float, float]  # a, b, c of sigmoid(a * z + b * rule + c)
    threshold: float

    def score(self, found: set[str], scale: float) -> float:
        """The model's raw score ``z`` for a text's features."""
        known = self.weights.keys() & found
        return self.intercept + scale * sum(map(self.weights.__getitem__, known))

    def probability(self, z: float, rule: float) -> float:
        a, b, c = self.calibration
        return sigmoid(a * z + b * rule + c)


@dataclass(frozen=True)
class Head:
    """The labels of one task (protest behaviours, or thinking traps), each scored on its own."""

    labels: Mapping[str, LabelModel]

    def scores(self, found: set[str]) -> dict[str, float]:
        scale = 1.0 / math.sqrt(len(found)) if found else 0.0
        return {label: model.score(found, scale) for label, model in self.labels.items()}

    def probabilities(self, found: set[str], rules: Mapping[str, float]) -> dict[str, float]:
        """Calibrated probability per label, given the rules' confidence per label (missing = 0)."""
        return {
            label: self.labels[label].probability(z, rules.get(label, 0.0)) for label, z in self.scores(found).items()
        }


@dataclass(frozen=True)
class LanguageModel:
    protest: Head
    traps: Head


def _head(data: Mapping[str, Any]) -> Head:
    labels: dict[str, LabelModel] = {}
    for label, entry in data.items():
        a, b, c = (float(v) for v in entry["calibration"])
        labels[str(label)] = LabelModel(
            intercept=float(entry["intercept"]),
            weights={str(f): float(w) for f, w in entry["weights"].items()},
            calibration=(a, b, c),
            threshold=float(entry["threshold"]),
        )
    return Head(labels)


def model_from_dict(
    data: Mapping[str, Any], *, protest_labels: tuple[str, ...], trap_labels: tuple[str, ...]
) -> LanguageModel:
    """The model in ``data`` (the JSON file's contents), checked against the labels the analysis knows."""
    protest, traps = _head(data["heads"]["protest"]), _head(data["heads"]["traps"])
    if set(protest.labels) != {ANY_PROTEST, *protest_labels}:
        raise ValueError(f"protest labels {sorted(protest.labels)} are not 'any' and {sorted(protest_labels)}")
    if set(traps.labels) != set(trap_labels):
        raise ValueError(f"trap labels {sorted(traps.labels)} are not {sorted(trap_labels)}")
    return LanguageModel(protest=protest, traps=traps)


@cache
def load_model(path: Path = MODEL_PATH) -> LanguageModel:
    """The shipped model, read once. It is part of the package: nothing is downloaded, ever."""
    from .protest import PROTEST_BEHAVIOURS
    from .traps import TRAPS

    with path.open(encoding="utf-8") as model_file:
        data: dict[str, Any] = json.load(model_file)
    return model_from_dict(data, protest_labels=tuple(PROTEST_BEHAVIOURS), trap_labels=tuple(TRAPS))
