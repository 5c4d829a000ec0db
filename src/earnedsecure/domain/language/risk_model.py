"""The learned layer of risk detection: a small linear model beside the explainable cue rules of :mod:`.risk`.

Why a second layer: people rarely name suicide or abuse outright. Fewer than half of people with suicidal
thoughts tell anyone (Hallford et al., 2023) and those who do often hint, minimise or bury it mid-paragraph;
coercive control is described as ordinary life ("he just likes to know where I am"). Phrase rules catch the
plain forms and explain themselves; they miss most indirect ones. A model over words, word pairs and word
pieces, trained on a corpus the project writes to the constructs of the risk-and-abuse reference (C-SSRS
ideation and behaviour levels, Joiner's burden and belonging, the Danger Assessment and coercive-control
markers; with hard negatives: idioms, marked jokes, other people's stories, the resolved past, fiction, ending
a relationship), catches far more of them. The two are combined in :func:`.risk.assess_folded`; recall comes
first (NICE NG225: never withhold support because a classifier says "low").

What the model is, so that it can be read and reproduced:

1. Features (:func:`features`) of a run of folded tokens (:mod:`.text`): each word ``w:``, each pair of
   neighbouring words in a sentence ``b:``, each symbol or emoji ``s:`` and the 3-5 letter pieces of each word,
   padded with spaces ``c:`` (so "suicdal" still shares most pieces with "suicidal").
2. A multinomial logistic regression over five labels (:data:`LABELS`: none, and concern or urgent for each
   kind) on binary features scaled to unit length, trained by ``scripts/train_risk_model`` with scikit-learn
   and a fixed seed, and stored as plain weights in ``data/risk_model.json`` so that reading it needs no
   library at all.
3. A text is scored sentence by sentence (one sentence, and each pair of neighbouring sentences), so that one
   risky sentence inside a long, ordinary diary entry is not diluted by the rest, and as a whole unless it is
   longer than any text the model learned much from (:data:`WHOLE_TEXT_SENTENCES`). The highest risk probability
   wins; the window it came from is the evidence shown to the person.
4. Risk is flagged when the text's score (:meth:`RiskModel.text_score`: that probability, corrected for the
   number of windows of a very long text) reaches the model's threshold, chosen in training by cross-validation
   on the corpus alone (never on the held-out sets in ``benchmarks/data``).
5. A text longer than :data:`WHOLE_TEXT_SENTENCES` is read by a second model of the same form
   (``data/risk_model_long.json``, :func:`model_for`), trained on the same corpus plus long texts written to the
   same constructs (``data/risk_long_corpus.jsonl``), whose every sentence and pair is an example without risk when
   the text has none. The short model had seen few ordinary sentences taken out of a long entry, and flagged one
   of them in most long entries ("he told me last night" alone reads as a threat to it); training the one model
   on long texts moved its short-text behaviour the wrong way (hazard H47 in docs/safety/hazard-log.md), so short
   texts keep their model, unchanged, and long texts get their own, with its own threshold chosen by
   cross-validation on the long texts (recall first).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from .text import FoldedText, Token

MODEL_PATH = Path(__file__).resolve().parent / "data" / "risk_model.json"
LONG_MODEL_PATH = Path(__file__).resolve().parent / "data" / "risk_model_long.json"
LABELS = ("none", "self_harm:concern", "self_harm:urgent", "violence:concern", "violence:urgent")
PIECE_SIZES = (3, 4, 5)
MAX_PIECE_WORD = 30  # a "word" longer than this (a pasted link, a keyboard mash) gives no pieces


@lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[str, ...]:
    """A word's own features: the word and its pieces. Words recur (most of a text is common words), so each
    is cut into pieces once per process rather than at every occurrence."""
    found = ["w:" + word]
    if len(word) <= MAX_PIECE_WORD:
        padded = f" {word} "
        for size in PIECE_SIZES:
            found += ["c:" + padded[start : start + size] for start in range(len(padded) - size + 1)]
    return tuple(found)


def features(tokens: Iterable[Token]) -> set[str]:
    """The binary features of a run of folded tokens (see the module docstring, step 1)."""
    found: set[str] = set()
    previous = ""
    for token in tokens:
        if token.kind == "w":
            word = token.text
            found.update(_word_features(word))
            if previous:
                found.add(f"b:{previous} {word}")
            previous = word
        elif token.kind == "b":
            previous = ""
        elif token.kind != ",":
            found.add("s:" + token.text)
    return found


# The longest text read as one window as well, in sentences. The corpus the model learned from runs to 7 sentences
# at its 90th percentile (median 3); a diary entry of fifteen sentences read whole is a kind of text it never saw,
# and the words of an ordinary hard week add up there: on a development set of long texts written blind
# (benchmarks/data/risk_long_dev.jsonl, median 14 sentences) 72 of 80 without risk were flagged, 62 of them by
# the whole-text window. Every blind held-out text is 6 sentences or fewer, so nothing changes for them.
WHOLE_TEXT_SENTENCES = 8


def sentences_of(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The token ranges of the text's sentences (stretches between breaks that hold a word)."""
    sentences: list[tuple[int, int]] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.kind == "b":
            if any(t.kind == "w" for t in tokens[start:index]):
                sentences.append((start, index))
            start = index + 1
    if any(t.kind == "w" for t in tokens[start:]):
        sentences.append((start, len(tokens)))
    return sentences


def windows(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges to score: each sentence, each pair of neighbouring sentences, and the whole text unless it is
    longer than :data:`WHOLE_TEXT_SENTENCES` sentences."""
    return _windows(sentences_of(tokens), len(tokens))


def _windows(sentences: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    ranges = [(0, length)] if len(sentences) <= WHOLE_TEXT_SENTENCES else []
    if len(sentences) > 1:
        ranges += sentences
        ranges += [(a[0], b[1]) for a, b in pairwise(sentences)]
    return ranges


@dataclass(frozen=True)
class ModelRisk:
    """What the model found: the kind and level, its probability, and the token range it came from."""

    kind: str
    level: str
    probability: float
    first_token: int
    end_token: int


@dataclass(frozen=True)
class RiskModel:
    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float

    def probabilities(self, found: set[str]) -> list[float]:
        """Softmax over the labels for one set of features (binary, scaled to unit length)."""
        weights = self.weights
        known = [weights[f] for f in found if f in weights]
        scores = list(self.intercepts)
        if known:
            scale = 1.0 / math.sqrt(len(known))
            scores = [b + sum(column) * scale for b, column in zip(scores, zip(*known, strict=True), strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def riskiest_window(
        self, tokens: Sequence[Token], sentences: list[tuple[int, int]] | None = None
    ) -> tuple[float, list[float], tuple[int, int]]:
        """The window with the highest risk probability: that probability, all label probabilities, its range.
        ``sentences``: the text's :func:`sentences_of`, when the caller has them already."""
        # A window's features are the union of its segments' (a break resets the word pair), so each stretch
        # between breaks is read once, not once per window it belongs to.
        # The segments start in increasing token order: those of the window [first, end) are found by bisection,
        # so a window costs what its own words cost, not a pass over every segment of the text.
        segment_starts: list[int] = []
        segment_features: list[set[str]] = []
        start = 0
        for index, token in enumerate([*tokens, None]):
            if token is None or token.kind == "b":
                segment_starts.append(start)
                segment_features.append(features(tokens[start:index]))
                start = index + 1
        best: tuple[float, list[float], tuple[int, int]] | None = None
        if sentences is None:
            sentences = sentences_of(tokens)
        for first, end in _windows(sentences, len(tokens)):
            low, high = bisect_left(segment_starts, first), bisect_left(segment_starts, end)
            found = segment_features[low].union(*segment_features[low + 1 : high])
            probabilities = self.probabilities(found)
            risk = 1.0 - probabilities[0]
            if best is None or risk > best[0] + 1e-12:  # a tie (the same words again) keeps the earlier window
                best = (risk, probabilities, (first, end))
        assert best is not None  # windows() always yields a range: a sentence, or the whole text
        return best

    def text_score(
        self, tokens: Sequence[Token], sentences: list[tuple[int, int]] | None = None
    ) -> tuple[float, float, list[float], tuple[int, int]]:
        """(The score compared with the threshold, the riskiest window's probability, its label probabilities,
        its range.) Up to :data:`WHOLE_TEXT_SENTENCES` sentences the score is that probability. Past them it is
        corrected for the number of windows read, since the riskiest of thirty windows of an ordinary entry is
        higher by chance alone: the room left below certainty grows with the square root of how many times
        longer than that the text is."""
        if sentences is None:
            sentences = sentences_of(tokens)
        risk, probabilities, span = self.riskiest_window(tokens, sentences)
        score = risk
        if len(sentences) > WHOLE_TEXT_SENTENCES:
            score = 1.0 - (1.0 - risk) * math.sqrt(len(sentences) / WHOLE_TEXT_SENTENCES)
        return score, risk, probabilities, span

    def assess(self, folded: FoldedText) -> ModelRisk | None:
        """The riskiest window of the text if its score (:meth:`text_score`) reaches the threshold, else None."""
        return self.assess_sentences(folded.tokens, sentences_of(folded.tokens))

    def assess_sentences(self, tokens: Sequence[Token], sentences: list[tuple[int, int]]) -> ModelRisk | None:
        """:meth:`assess` with the text's :func:`sentences_of` already found."""
        score, risk, probabilities, (first, end) = self.text_score(tokens, sentences)
        if score < self.threshold:
            return None
        by_label = dict(zip(self.labels, probabilities, strict=True))
        kind = max(
            ("self_harm", "violence"),
            key=lambda k: by_label[f"{k}:concern"] + by_label[f"{k}:urgent"],
        )
        level = "urgent" if by_label[f"{kind}:urgent"] > by_label[f"{kind}:concern"] else "concern"
        return ModelRisk(kind=kind, level=level, probability=risk, first_token=first, end_token=end)


def model_from_dict(data: dict[str, object]) -> RiskModel:
    labels = tuple(str(label) for label in data["labels"])  # type: ignore[attr-defined]
    if labels != LABELS:
        raise ValueError(f"risk model labels {labels} are not {LABELS}")
    weights = {str(f): tuple(float(w) for w in row) for f, row in data["weights"].items()}  # type: ignore[attr-defined]
    return RiskModel(
        labels=labels,
        intercepts=tuple(float(b) for b in data["intercepts"]),  # type: ignore[attr-defined]
        weights=weights,
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
    )


@cache
def load_model(path: Path = MODEL_PATH) -> RiskModel:
    """The shipped model, read once. It is part of the package: nothing is downloaded, ever."""
    with path.open(encoding="utf-8") as model_file:
        return model_from_dict(json.load(model_file))


def load_long_model(path: Path = LONG_MODEL_PATH) -> RiskModel:
    """The model for texts of more than :data:`WHOLE_TEXT_SENTENCES` sentences (point 5 of the module doc); read
    once, as :func:`load_model` keeps each file it has read."""
    return load_model(path)


def model_for(sentences: list[tuple[int, int]]) -> RiskModel:
    """The model that reads a text of these sentences: the long-text model past :data:`WHOLE_TEXT_SENTENCES`."""
    return load_long_model() if len(sentences) > WHOLE_TEXT_SENTENCES else load_model()


def assess(folded: FoldedText) -> ModelRisk | None:
    """The learned layer's finding for a text, read by the model for its length (:func:`model_for`)."""
    sentences = sentences_of(folded.tokens)
    return model_for(sentences).assess_sentences(folded.tokens, sentences)
