"""A small, explainable phrase matcher over folded tokens.

Every detector in this package is a list of :class:`Cue` phrases with a weight. A cue is written in a tiny
notation over *words*, not characters, so it reads like the sentence it is meant to catch::

    "you always|never"              you, then "always" or "never"
    "i'm|i+am such? a|an idiot"     "+" joins words inside one alternative; "?" makes a slot optional
    "suicid*"                       "*" matches any word starting with the prefix
    "either ..8 or"                 "..N" skips up to N tokens, never across a sentence boundary
    "called ..2 # times"            "#" is a number ("6", "six"); "_" is any one word
    "^ fine|whatever $"             "^"/"$" anchor the cue to the first/last word of the whole text
    "hello <?>"                     "<?>", "<!>", "<.>" and "<,>" are punctuation tokens
    "pick+up <b>"                   "<b>" is zero-width: a sentence boundary or the end of the text
    "$YOU always"                   "$NAME" expands a macro of alternatives given to the phrase book

Cue words are folded exactly like the text (see :mod:`.text`), so "don't" and "dont" are one cue.

A :class:`Cue` with ``veto=True`` marks an idiom or a negated form: it silences the other cues *of the same
label* that overlap it, unless that cue's match strictly contains the veto's (so "want to die of
embarrassment" is silenced, but a longer, explicit phrase around the idiom is not).

Matching is linear in the number of tokens: the phrase book indexes cues by their first one or two words, a
cue is only tried where its first words occur, and each attempt explores a bounded number of paths fixed by
the cue itself (alternatives times gap widths), whatever the length of the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .text import FoldedText, fold_phrase_word

_ALT, _GAP, _NUM, _ANY, _EOB, _EOT = range(6)
_PUNCTUATION = {"<?>": "?", "<!>": "!", "<.>": ".", "<,>": ","}

_NUMBER_WORDS = frozenset(
    w
    for word in [
        "a",
        "couple",
        "few",
        "several",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
    ]
    for w in fold_phrase_word(word)
)


@dataclass(frozen=True)
class Cue:
    """One phrase that suggests ``label``. ``weight`` is in (0, 1]; detectors decide what it means."""

    label: str
    pattern: str
    weight: float = 0.5
    veto: bool = False


@dataclass(frozen=True, slots=True)
class _Slot:
    kind: int
    words: frozenset[str] = frozenset()
    seqs: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()
    optional: bool = False
    max_gap: int = 0
    # Multi-word alternatives by their first word, so a slot with many of them costs one lookup.
    seqs_by_first: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Compiled:
    cue: Cue
    slots: tuple[_Slot, ...]
    anchored_start: bool
    # For each later required word slot, the words it can start with: if one of these sets shares no word
    # with the text, the cue cannot match anywhere in it and is never tried.
    needs: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class Hit:
    """Where a cue matched: token range in the folded text, span and words in the original text."""

    cue: Cue
    first_token: int
    end_token: int
    start: int
    end: int
    text: str

    def overlaps(self, other: Hit) -> bool:
        return self.first_token < other.end_token and other.first_token < self.end_token

    def strictly_contains(self, other: Hit) -> bool:
        return (
            self.first_token <= other.first_token
            and self.end_token >= other.end_token
            and (self.end_token - self.first_token) > (other.end_token - other.first_token)
        )


def _compile_slot(raw: str, macros: Mapping[str, str]) -> _Slot:
    if raw.startswith(".."):
        return _Slot(_GAP, max_gap=int(raw[2:]))
    if raw == "#":
        return _Slot(_NUM)
    if raw == "_":
        return _Slot(_ANY)
    if raw == "<b>":
        return _Slot(_EOB)
    optional = len(raw) > 1 and raw.endswith("?") and raw not in _PUNCTUATION
    if optional:
        raw = raw[:-1]
    alternatives: list[str] = []
    for alternative in raw.split("|"):
        if alternative.startswith("$"):
            if alternative[1:] not in macros:
                raise ValueError(f"unknown macro {alternative!r}")
            alternatives.extend(macros[alternative[1:]].split("|"))
        else:
            alternatives.append(alternative)
    words: set[str] = set()
    seqs: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    for alternative in alternatives:
        if alternative in _PUNCTUATION:
            words.add(_PUNCTUATION[alternative])
            continue
        is_prefix = alternative.endswith("*")
        parts = [t for word in alternative.rstrip("*").split("+") for t in fold_phrase_word(word)]
        if not parts:
            raise ValueError(f"empty alternative in {raw!r}")
        if is_prefix:
            if len(parts) != 1 or len(parts[0]) < 3:
                raise ValueError(f"a prefix must be one word of 3+ letters: {alternative!r}")
            prefixes.append(parts[0])
        elif len(parts) == 1:
            words.add(parts[0])
        else:
            seqs.append(tuple(parts))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        by_first.setdefault(seq[0], []).append(seq)
    return _Slot(
        _ALT,
        frozenset(words),
        tuple(seqs),
        tuple(prefixes),
        optional,
        seqs_by_first={k: tuple(v) for k, v in by_first.items()},
    )


def _compile(cue: Cue, macros: Mapping[str, str]) -> _Compiled:
    raw_slots = cue.pattern.split()
    anchored_start = bool(raw_slots) and raw_slots[0] == "^"
    if anchored_start:
        raw_slots = raw_slots[1:]
    anchored_end = bool(raw_slots) and raw_slots[-1] == "$"
    if anchored_end:
        raw_slots = raw_slots[:-1]
        if not anchored_start:
            # The end check looks at the rest of the text; tried once per text, it stays linear.
            raise ValueError(f"'$' needs '^' too: {cue.pattern!r}")
    slots = [_compile_slot(raw, macros) for raw in raw_slots]
    if not slots or slots[0].kind != _ALT or slots[0].optional:
        raise ValueError(f"a cue must start with a required word slot: {cue.pattern!r}")
    if slots[-1].kind == _GAP:
        raise ValueError(f"a cue cannot end with a gap: {cue.pattern!r}")
    needs = tuple(
        frozenset(slot.words) | frozenset(seq[0] for seq in slot.seqs)
        for slot in slots[1:]
        if slot.kind == _ALT and not slot.optional and not slot.prefixes
    )
    if anchored_end:
        slots.append(_Slot(_EOT))
    return _Compiled(cue, tuple(slots), anchored_start, needs)


def _match(texts: list[str], kinds: list[str], i: int, slots: tuple[_Slot, ...], k: int) -> int:
    """End token index (exclusive) of a match of ``slots[k:]`` starting at token ``i``, or -1.

    ``texts``/``kinds`` are the token texts and kinds. Each slot tries a bounded number of paths (its
    alternatives, or its gap widths), so one attempt costs a constant fixed by the cue.
    """
    if k == len(slots):
        return i
    slot = slots[k]
    n = len(texts)
    kind = slot.kind
    if kind == _GAP:
        j = i
        for _ in range(slot.max_gap + 1):
            end = _match(texts, kinds, j, slots, k + 1)
            if end >= 0:
                return end
            if j >= n or kinds[j] == "b":
                break
            j += 1
        return -1
    if kind == _EOB:
        if i >= n or kinds[i] == "b":
            return _match(texts, kinds, i, slots, k + 1)
        return -1
    if kind == _EOT:
        return i if "w" not in kinds[i:] else -1
    if i < n:
        text = texts[i]
        if kind == _ALT:
            if text in slot.words or (
                slot.prefixes and kinds[i] == "w" and any(text.startswith(p) for p in slot.prefixes)
            ):
                end = _match(texts, kinds, i + 1, slots, k + 1)
                if end >= 0:
                    return end
            for seq in slot.seqs_by_first.get(text, ()):
                size = len(seq)
                if i + size <= n and tuple(texts[i : i + size]) == seq:
                    end = _match(texts, kinds, i + size, slots, k + 1)
                    if end >= 0:
                        return end
        elif kind == _NUM:
            if kinds[i] == "w" and (text.isdigit() or text in _NUMBER_WORDS):
                end = _match(texts, kinds, i + 1, slots, k + 1)
                if end >= 0:
                    return end
        elif kind == _ANY and kinds[i] == "w":
            end = _match(texts, kinds, i + 1, slots, k + 1)
            if end >= 0:
                return end
    if slot.optional:
        return _match(texts, kinds, i, slots, k + 1)
    return -1


@dataclass
class PhraseBook:
    """Compiled cues, indexed by their first word (or first two words) for a single linear scan."""

    cues: Iterable[Cue]
    macros: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._compiled = [_compile(cue, self.macros) for cue in self.cues]
        self._by_word: dict[str, list[int]] = {}
        self._by_pair: dict[tuple[str, str], list[int]] = {}
        self._by_prefix: dict[str, list[tuple[str, int]]] = {}
        for index, compiled in enumerate(self._compiled):
            first = compiled.slots[0]
            second = compiled.slots[1] if len(compiled.slots) > 1 else None
            pairable = second is not None and second.kind == _ALT and not second.optional and not second.prefixes
            for word in first.words:
                if pairable and second is not None:
                    for follower in list(second.words) + [seq[0] for seq in second.seqs]:
                        self._by_pair.setdefault((word, follower), []).append(index)
                else:
                    self._by_word.setdefault(word, []).append(index)
            for seq in first.seqs:
                self._by_pair.setdefault((seq[0], seq[1]), []).append(index)
            for prefix in first.prefixes:
                self._by_prefix.setdefault(prefix[:3], []).append((prefix, index))
        # Most tokens begin no cue: one set lookup passes them by.
        self._starts = frozenset(self._by_word) | frozenset(word for word, _ in self._by_pair)

    def __len__(self) -> int:
        return len(self._compiled)

    def _candidates(self, texts: list[str], kinds: list[str], i: int) -> list[int]:
        """Cues worth trying at token ``i``: those indexed by its word, its word pair or its prefix."""
        text = texts[i]
        by_word = self._by_word.get(text)
        by_pair = self._by_pair.get((text, texts[i + 1])) if i + 1 < len(texts) else None
        by_prefix = (
            [index for prefix, index in self._by_prefix[text[:3]] if text.startswith(prefix)]
            if len(text) >= 3 and text[:3] in self._by_prefix and kinds[i] == "w"
            else None
        )
        sources = [c for c in (by_word, by_pair, by_prefix) if c]
        if not sources:
            return []
        if len(sources) == 1:
            return sources[0]
        return list(dict.fromkeys(index for source in sources for index in source))

    def scan(self, folded: FoldedText) -> list[Hit]:
        """All cue matches in ``folded`` after vetoes, in text order."""
        return self.scan_with_vetoes(folded)[0]

    def scan_with_vetoes(self, folded: FoldedText) -> tuple[list[Hit], list[Hit]]:
        """:meth:`scan`, and the veto matches themselves (which say what a text explicitly is not)."""
        tokens = folded.tokens
        texts = [t.text for t in tokens]
        kinds = [t.kind for t in tokens]
        first_word = kinds.index("w") if "w" in kinds else -1
        present = set(texts)
        viable: dict[int, bool] = {}
        hits: list[Hit] = []
        starts, prefixes = self._starts, self._by_prefix
        for i, text in enumerate(texts):
            if text not in starts and text[:3] not in prefixes:
                continue
            for index in self._candidates(texts, kinds, i):
                compiled = self._compiled[index]
                if compiled.anchored_start and i != first_word:
                    continue
                ok = viable.get(index)
                if ok is None:
                    ok = viable[index] = all(not need.isdisjoint(present) for need in compiled.needs)
                if not ok:
                    continue
                end = _match(texts, kinds, i, compiled.slots, 0)
                if end <= i:
                    continue
                start, stop = folded.token_span(i, end)
                hits.append(Hit(compiled.cue, i, end, start, stop, folded.original[start:stop]))
        vetoes = [h for h in hits if h.cue.veto]
        if not vetoes:
            return hits, []
        # Index vetoes by the tokens they cover: a cue's match has bounded length, so checking a hit
        # against the vetoes on its own tokens keeps this step linear too.
        vetoes_at: dict[int, list[Hit]] = {}
        for veto in vetoes:
            for t in range(veto.first_token, veto.end_token):
                vetoes_at.setdefault(t, []).append(veto)
        kept: list[Hit] = []
        for h in hits:
            if h.cue.veto:
                continue
            silenced = any(
                v.cue.label == h.cue.label and not h.strictly_contains(v)
                for t in range(h.first_token, h.end_token)
                for v in vetoes_at.get(t, ())
            )
            if not silenced:
                kept.append(h)
        return kept, vetoes


def merge_evidence(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[str, tuple[int, int]]]:
    """Overlapping or touching spans merged, as (original words, (start, end)) in text order."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(text[s:e], (s, e)) for s, e in merged]


def noisy_or(weights: Iterable[float]) -> float:
    """Combine independent cue weights: 1 - prod(1 - w). Adding a cue never lowers the result."""
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - max(0.0, min(1.0, weight))
    return 1.0 - remaining
