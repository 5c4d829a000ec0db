"""Normalise free text for matching while remembering where every character came from.

Detectors match on a *folded* form of the text and report evidence in the person's own words, so every
folded character keeps the span of the original characters it came from. Folding, in order:

1. Unicode NFKC per character (full-width letters, ligatures, "…" become plain characters), then casefold.
2. Curly quotes and apostrophes become ``'`` and ``"``; hyphens, dashes, slashes and underscores become a space
   (so "self-harm", "self harm" and "self_harm" read alike).
3. Combining marks, zero-width and other format or control characters are dropped ("café" reads as "cafe").
4. Runs of one repeated letter collapse to a single letter: "soooo" -> "so", "pleeease" -> "please" and,
   because the same folding is applied to every cue phrase, "kill" and "kil" both read as "kil". Runs of
   spaces and of line breaks collapse to one.

Tokens are words (apostrophes removed, so "I'm", "Im" and "im" match alike, and digits inside letters read
as letters: "k1ll" -> "kill"), sentence boundaries (``. ! ? ; :`` and line breaks), commas and symbols such
as emoji. Quotes, brackets and other punctuation are not tokens.

Everything here is linear in the length of the text: one pass per character and one regular expression
without nested ambiguity for the tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

_APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4\uff07"
_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
_JOINERS = "-_/\\\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc", "Cs", "Co", "Cn"})
_BOUNDARIES = frozenset(".!?;:\n")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})

# A word is letters/digits, optionally joined by inner apostrophes ("don't"). The apostrophe separates the
# repeated groups, so the engine never has two ways to split the same characters: matching is linear.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|\n|[^\w\s]")

_REPEATED_LETTER = re.compile(r"([^\W\d_])\1+")

_fold_cache: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    """The folded form of one original character: zero, one or several characters."""
    cached = _fold_cache.get(ch)
    if cached is not None:
        return cached
    out: list[str] = []
    # NFKC as asked of all text handling here, then NFD so that accents become separate marks to drop.
    for c in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", ch).casefold()):
        if c in _APOSTROPHES:
            c = "'"
        elif c in _QUOTES:
            c = '"'
        elif c in _JOINERS:
            c = " "
        elif c in _LINE_BREAKS:
            c = "\n"
        elif c.isspace():
            c = " "
        elif unicodedata.category(c) in _DROPPED_CATEGORIES:
            continue
        out.append(c)
    folded = "".join(out)
    if len(_fold_cache) < 20_000:
        _fold_cache[ch] = folded
    return folded


class Token(NamedTuple):
    """A token of the folded text. ``start``/``end`` index the folded string; ``kind`` is one of
    ``w`` (word), ``b`` (sentence boundary), ``c`` (comma) or ``s`` (symbol, e.g. an emoji)."""

    text: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class FoldedText:
    """The folded text, where each folded character came from, and its tokens."""

    original: str
    folded: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    tokens: tuple[Token, ...]

    def original_span(self, folded_start: int, folded_end: int) -> tuple[int, int]:
        """Map a half-open span of the folded text back to a half-open span of the original text."""
        if folded_end <= folded_start:
            return (self.starts[folded_start], self.starts[folded_start]) if self.starts else (0, 0)
        return self.starts[folded_start], self.ends[folded_end - 1]

    def token_span(self, first: int, last_exclusive: int) -> tuple[int, int]:
        """The original span covered by tokens ``first`` .. ``last_exclusive - 1``."""
        return self.original_span(self.tokens[first].start, self.tokens[last_exclusive - 1].end)

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens if t.kind == "w"]


def _word_text(raw: str) -> str:
    word = raw.replace("'", "")
    if not word.isalpha() and not word.isdigit():
        word = _REPEATED_LETTER.sub(r"\1", word.translate(_LEET))
    return word


_ASCII_TABLE = str.maketrans({"-": " ", "_": " ", "/": " ", "\\": " ", "`": "'", "\t": " ", "\r": "\n"})
_ASCII_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_RUN = re.compile(r"([a-z])\1+|[ \n]{2,}")


def _fold_ascii(text: str) -> tuple[str, list[int], list[int]]:
    """The same folding as :func:`_fold_general` for plain ASCII text, without a per-character loop."""
    low = text.lower().translate(_ASCII_TABLE)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for run in _ASCII_RUN.finditer(low):
        start, end = run.span()
        pieces.append(low[position:start])
        starts.extend(range(position, start))
        ends.extend(range(position + 1, start + 1))
        first = low[start]
        if first == " " or first == "\n":
            first = "\n" if "\n" in run.group() else " "
        pieces.append(first)
        starts.append(start)
        ends.append(end)
        position = end
    pieces.append(low[position:])
    starts.extend(range(position, len(low)))
    ends.extend(range(position + 1, len(low) + 1))
    return "".join(pieces), starts, ends


def _fold_general(text: str) -> tuple[str, list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, ch in enumerate(text):
        for c in _fold_char(ch):
            if chars:
                last = chars[-1]
                if c == last and (c.isalpha() or c == " " or c == "\n"):
                    ends[-1] = index + 1
                    continue
                if c == " " and last == "\n":
                    ends[-1] = index + 1
                    continue
                if c == "\n" and last == " ":
                    chars[-1] = "\n"
                    ends[-1] = index + 1
                    continue
            chars.append(c)
            starts.append(index)
            ends.append(index + 1)
    return "".join(chars), starts, ends


def fold(text: str) -> FoldedText:
    """Fold ``text`` (see the module docstring) and tokenise it."""
    if text.isascii() and not _ASCII_UNSAFE.search(text):
        folded, starts, ends = _fold_ascii(text)
    else:
        folded, starts, ends = _fold_general(text)
    tokens: list[Token] = []
    for match in _TOKEN.finditer(folded):
        raw = match.group()
        first = raw[0]
        if first.isalnum():
            tokens.append(Token(_word_text(raw), "w", match.start(), match.end()))
        elif first in _BOUNDARIES:
            tokens.append(Token(first, "b", match.start(), match.end()))
        elif first == ",":
            tokens.append(Token(",", "c", match.start(), match.end()))
        elif unicodedata.category(first)[0] == "S":
            tokens.append(Token(first, "s", match.start(), match.end()))
    return FoldedText(text, folded, tuple(starts), tuple(ends), tuple(tokens))


def fold_phrase_word(word: str) -> list[str]:
    """The token texts a cue word folds to, so cue phrases are written in ordinary spelling."""
    return [t.text for t in fold(word).tokens]
