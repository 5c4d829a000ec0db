"""A direct rewrite of a protest message, in the shape the mission report recommends.

Source: mission report, "Communication Strategies" - replace protest behaviours with direct communication,
e.g. "I notice I'm feeling anxious when I don't hear from you. I know you're busy, and I'm working on managing
this feeling. Would you be willing to send a quick text when you get a moment?". The shape has four parts:
what I feel, when, what I know about the other person's side, and one specific request.

**Only the person's own words** (issue 12). A rewrite once read "... when work keeps you busy for a long
stretch" for a draft that never mentioned work: the app had filled the blanks with a story of its own. Now each
part is either taken word for word from the draft or left as a visible placeholder ("[what happened]") for the
person to fill; every word of the rewrite is the draft's or one of the template's :data:`CONNECTIVES`.

* feeling: a feeling word the person says is theirs ("I'm so *jealous*", "makes me *anxious*"), never the
  partner's ("are you mad at me") and never the one usually under the behaviour found;
* situation: the statement around what happened ("*you didn't text me all day*"), not a question, not
  sarcasm (it must start with who did what: "you", "I", "we", "they"...);
* their side: what the draft already grants them ("I know *ur busy* but ...");
* request: what the draft asks for ("*answer me*", "can you *call me* or we're done" -> "call me"), cut
  before a threat or a condition.

The phrasings the report suggests for the situation found (and the feeling usually under the behaviour) are
offered as :attr:`RewritePart.ideas` for the person to choose from on the page; they never enter the rewrite
by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .phrases import Cue, PhraseBook
from .protest import PROTEST_BEHAVIOURS, BehaviourFinding
from .text import FoldedText, fold_phrase_word
from .vocabulary import MACROS

TEMPLATE = "I notice I'm feeling {feeling} when {situation}. I know {their_side}. Would you be willing to {request}?"
PARTS = ("feeling", "situation", "their_side", "request")
PLACEHOLDERS = {
    "feeling": "[how I feel]",
    "situation": "[what happened]",
    "their_side": "[what I know about your side]",
    "request": "[one specific request]",
}
# The words a composed message uses for a feeling left blank when the situation is there.
UNNAMED_FEELING = "this way"
# Every word the template itself adds; any other word of a rewrite must come from the person.
CONNECTIVES = frozenset(re.findall(r"[a-z']+", re.sub(r"\{\w+\}", " ", TEMPLATE).lower())) | frozenset(
    UNNAMED_FEELING.split()
)


@dataclass(frozen=True)
class _Situation:
    situation: str
    their_side: str
    request: str


# The report's phrasings for situations a draft often names, offered as ideas (in this order) when the draft
# has words of that situation. They are suggestions to choose, never text put in the person's mouth.
SITUATIONS: dict[str, _Situation] = {
    "online_no_reply": _Situation(
        "I can see you're online but I haven't heard from you",
        "you may not be ready to reply yet",
        "reply when you can, even briefly",
    ),
    "no_reply": _Situation(
        "I don't hear from you for a long time",
        "you're probably busy",
        "send a quick text when you get a moment",
    ),
    "needs_space": _Situation(
        "you ask for some space",
        "you need time to yourself sometimes",
        "tell me when you'd like to reconnect",
    ),
    "plans_changed": _Situation(
        "plans change at the last minute",
        "things come up for you too",
        "plan a new time with me",
    ),
    "forgotten": _Situation(
        "something that matters to me gets forgotten",
        "you have a lot on your mind",
        "help me find a way we both remember the dates that matter to me",
    ),
    "out_with_friends": _Situation(
        "you're out and I'm not sure when we'll talk",
        "time with your friends matters to you",
        "send me a quick message when you're heading home",
    ),
    "someone_else": _Situation(
        "I see you close to someone else",
        "you can't know this worries me unless I tell you",
        "talk with me about how we're doing",
    ),
    "busy_work": _Situation(
        "work keeps you busy for a long stretch",
        "work is demanding for you right now",
        "send a quick text when you get a break",
    ),
    "after_conflict": _Situation(
        "we argue and leave things unresolved",
        "it was hard for you too",
        "set a time to talk it through calmly",
    ),
}

# The request the report pairs with each behaviour: an idea for the request blank.
_BEHAVIOUR_REQUESTS = {
    "testing": "talk with me about how we're doing",
    "threats": "talk with me about how we're doing",
    "jealousy_induction": "talk with me about how we're doing",
    "excessive_contact": "send a quick text when you get a moment",
    "withdrawal": "set a time to reconnect and talk about what happened",
    "exaggerated_emotion": "give me a few minutes to talk when you can",
}
# Feelings often under protest (the report's "Understand Protest Behaviors"), offered after the behaviour's own.
_COMMON_FEELINGS = ("anxious", "hurt", "lonely", "insecure", "scared", "frustrated")
MAX_IDEAS = 6

_SITUATION_CUES: dict[str, list[str]] = {
    "online_no_reply": [
        "online|active|posted|post|story ..6 but|not|cant|can't|haven't|havent|didnt|didn't",
        "saw+you+were+online|you're+online|youre+online|you+were+online|left+me+on+read|on+read|read+my",
    ],
    "no_reply": [
        "didnt|didn't|dont|don't|doesnt|doesn't|havent|haven't|not|never|aren't|arent|won't|wont|isn't|stopped|no "
        "..2 text|texted|"
        "texting|reply|replied|replying|answer|answered|answering|call|called|calling|respond|responded|"
        "responding|pick+up|picking|get+back|message|messaged|heard",
        "ignoring+me|ignore+me|voicemail|phone+off|are+you+there|where+are+you|hello|all+day|hours|"
        "missed+calls|pick+up|answer+me|text+me+back|call+me+back|answer+your|reply+to+me",
        "called|texted|messaged|rang|sent ..3 # ..1 times|texts|messages|calls",
    ],
    "needs_space": ["need+space|needs+space|some+space|time+alone|alone+time|need+time|your+space"],
    "plans_changed": ["cancel*|bailed|bail|blew+me+off|stood+me+up|postponed|rain+check|rescheduled"],
    "forgotten": ["forgot|forget|forgetting|forgotten ..2 anniversary|birthday|our|plans|date|me|about"],
    "out_with_friends": [
        "friends|party|the+boys|the+girls|bar|drinks|night+out|having+fun|go+out|going+out|out+with|pub|club"
    ],
    "someone_else": [
        "who+were+you|who+are+you|who+was+that|who+is+she|who+is+he|your+ex|that+girl|that+guy|her+photo|"
        "his+photo|talking+to+her|talking+to+him|cheating|would+rather+be+with|rather+be+with"
    ],
    "busy_work": ["busy|work|working|meeting|office|shift"],
    "after_conflict": ["fight|argument|argued|what+you+said|what+happened|row|disagreement|fighting|arguing"],
}

_BOOK = PhraseBook(
    [Cue(f"s:{name}", pattern, 1.0) for name, patterns in _SITUATION_CUES.items() for pattern in patterns],
    MACROS,
)


def _folded_set(words: str) -> frozenset[str]:
    return frozenset(w for word in words.split() for w in fold_phrase_word(word))


def _folded_seqs(phrases: str) -> tuple[tuple[str, ...], ...]:
    """'on edge|left out' -> (("on", "edge"), ("left", "out")), each word folded like the text."""
    return tuple(tuple(w for word in p.split() for w in fold_phrase_word(word)) for p in phrases.split("|"))


# Feeling words that read well after "I'm feeling"; longest first so "fed up" wins over a shorter match.
_FEELINGS = sorted(
    _folded_seqs(
        "anxious|worried|scared|afraid|frightened|terrified|nervous|panicky|insecure|hurt|lonely|sad|"
        "miserable|devastated|heartbroken|jealous|ignored|unimportant|rejected|unwanted|unloved|upset|mad|"
        "angry|annoyed|furious|livid|frustrated|overwhelmed|abandoned|invisible|stressed|confused|uneasy|"
        "disappointed|embarrassed|ashamed|exhausted|unsure|unsettled|insignificant|neglected|forgotten|"
        "on edge|left out|fed up|let down|taken for granted|not important|not enough|pissed off"
    ),
    key=len,
    reverse=True,
)
# The feelings by their first word, longest first as above, so a draft is read once rather than once per feeling.
_FEELINGS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _seq in _FEELINGS:
    _FEELINGS_BY_FIRST.setdefault(_seq[0], []).append(_seq)
# "I'm / I feel / makes me" [so, really...] FEELING: the feeling must be the person's own.
_FEELING_FRAMES = _folded_set("im iam feel feeling feelin felt feels")
_FEELING_FRAMES_AFTER_I = _folded_set("am was get got")
_FEELING_FRAMES_AFTER_ME = _folded_set("makes made making leaves left")
_INTENSIFIERS = _folded_set("so really very pretty quite super kinda kind of a bit little rly totally just sooo")

# Who did what: a situation starts with its subject ("you didn't text me"), so a question, an order or sarcasm
# ("must be nice to be so busy") is never read as one.
_SUBJECTS = _folded_set(
    "you u ya youre ur youve youd youll i im ive id we weve they theyre theyve he hes she shes it its "
    "plans our my your nobody everyone there theres this that"
)
_QUESTION_STARTS = _folded_set(
    "who what why where how which whose are is do does did will would can could have has were was am shall"
)
_FILLERS = _folded_set("and but so then just like omg ok okay well lol oh now also yeah yes hey honestly")
_SUBORDINATORS = _folded_set("when whenever after since because cause cos coz bc")
_CLAUSE_CUTS = _folded_set("but though although yet however")
_TRAILING_FILLERS = _folded_set("lol tbh honestly whatever ok k then obviously clearly")
_MAX_SITUATION_WORDS = 16

# "I know / I get / I understand [that]" what the draft grants the partner; never an accusation echoed back.
_GRANTING = _folded_set("know get understand realise realize")
_NOT_GRANTING = _folded_set("dont doesnt never not cant wont obviously clearly")

# A request: "(can|could|would|will you) (please|just) VERB ..." or the imperative itself, cut before a threat
# ("or we're done") or a condition ("if you still care").
_ASKING = _folded_set("can could would will")
_POLITE = _folded_set("please pls plz just")
_REQUEST_VERBS = _folded_set(
    "text txt call ring phone message msg reply respond answer tell let talk come meet send check pick get give "
    "ping facetime plan make spend remember"
)
_REQUEST_CUTS = _folded_set("or if otherwise unless before because cause cos coz so")
_TRAILING_URGENCY = _folded_set("now asap immediately already again then please pls plz rn lol")
_RIGHT_NOW = (_folded_set("right"), _folded_set("now"))
_THAT_IT = _folded_set("that it")
_YOU = _folded_set("you u")


@dataclass(frozen=True)
class RewritePart:
    """One part of the rewrite: ``source`` is ``"draft"`` (the person's own words) or ``None`` (the placeholder).

    ``ideas`` are phrasings the person may choose for this part; none of them is in ``value``.
    """

    value: str
    source: str | None
    ideas: tuple[str, ...] = field(default=())

    @property
    def prefilled(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Rewrite:
    feeling: RewritePart
    situation: RewritePart
    their_side: RewritePart
    request: RewritePart

    @property
    def text(self) -> str:
        return TEMPLATE.format(**{name: getattr(self, name).value for name in PARTS})

    def to_dict(self) -> dict[str, Any]:
        return {
            name: {
                "value": part.value,
                "prefilled": part.prefilled,
                "source": part.source,
                "ideas": list(part.ideas),
            }
            for name, part in ((name, getattr(self, name)) for name in PARTS)
        }


# Reading the draft --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Clause:
    """Word tokens of one clause (indices into the folded tokens) and the punctuation that ends it."""

    tokens: tuple[int, ...]
    ends_with: str


def _clauses(folded: FoldedText) -> list[_Clause]:
    """Split at sentence boundaries, commas, emoji, and punctuation the tokens drop (" - ", quotes, brackets)."""
    clauses: list[_Clause] = []
    current: list[int] = []
    previous_end = -1
    for index, token in enumerate(folded.tokens):
        if token.kind != "w":
            if current:
                clauses.append(_Clause(tuple(current), token.text))
                current = []
            previous_end = -1
            continue
        if current and previous_end >= 0:
            gap = folded.original[previous_end : folded.original_span(token.start, token.end)[0]]
            if gap.strip() and gap != "-":  # "check-in" stays one clause, "all day - you're" does not
                clauses.append(_Clause(tuple(current), ""))
                current = []
        current.append(index)
        previous_end = folded.original_span(token.start, token.end)[1]
    if current:
        clauses.append(_Clause(tuple(current), ""))
    return clauses


def _words(folded: FoldedText, clause: Sequence[int]) -> list[str]:
    return [folded.tokens[i].text for i in clause]


def _own_words(folded: FoldedText, first: int, last: int) -> str:
    """The person's words from token ``first`` to ``last`` (inclusive) as they wrote them, shouting lowered."""
    start = folded.original_span(folded.tokens[first].start, folded.tokens[first].end)[0]
    end = folded.original_span(folded.tokens[last].start, folded.tokens[last].end)[1]
    words = folded.original[start:end].split()
    words = [re.sub(r"^i(?=\W)", "I", w.lower()) if len(w) > 1 and w.isupper() else w for w in words]
    if words and not re.match(r"I\b|I'", words[0]):
        words[0] = words[0][:1].lower() + words[0][1:]
    return " ".join(words)


def _skip_fillers(words: list[str], position: int) -> int:
    while position < len(words) and words[position] in _FILLERS:
        position += 1
    return position


def _trim_trailing(words: list[str], end: int, trailing: frozenset[str]) -> int:
    """``end`` (exclusive) moved back over trailing filler words; "right now" goes as a pair."""
    while end > 0 and words[end - 1] in trailing:
        end -= 1
        if end > 0 and words[end] in _RIGHT_NOW[1] and words[end - 1] in _RIGHT_NOW[0]:
            end -= 1
    return end


def _feeling(folded: FoldedText, clauses: list[_Clause]) -> str | None:
    for clause in clauses:
        words = _words(folded, clause.tokens)
        for i in range(len(words)):
            for seq in _FEELINGS_BY_FIRST.get(words[i], ()):
                if tuple(words[i : i + len(seq)]) != seq:
                    continue
                j = i - 1
                while j >= 0 and words[j] in _INTENSIFIERS:
                    j -= 1
                before = words[j] if j >= 0 else ""
                two_before = words[j - 1] if j >= 1 else ""
                if (
                    before in _FEELING_FRAMES
                    or (before in _FEELING_FRAMES_AFTER_I and two_before == "i")
                    or (before == "me" and two_before in _FEELING_FRAMES_AFTER_ME)
                ):
                    return _own_words(folded, clause.tokens[i], clause.tokens[i + len(seq) - 1]).lower()
                break  # the longest feeling at this word was not the person's own; look further on
    return None


def _situation(folded: FoldedText, clauses: list[_Clause], hits_by_name: dict[str, list[int]]) -> str | None:
    clause_of = {token: clause for clause in clauses for token in clause.tokens}
    for name in SITUATIONS:
        for first_token in hits_by_name.get(name, ()):
            clause = clause_of.get(first_token)
            if clause is None or clause.ends_with == "?":
                continue
            words = _words(folded, clause.tokens)
            hit = clause.tokens.index(first_token)
            start = _skip_fillers(words, 0)
            if start < len(words) and words[start] in _QUESTION_STARTS:
                continue
            for k in range(start, hit):
                if words[k] in _SUBORDINATORS or words[k] in _CLAUSE_CUTS:
                    start = k + 1  # "I'm anxious when | you don't reply", "I know ur busy but | you cancelled"
            if start >= len(words) or words[start] not in _SUBJECTS:
                continue
            end = next((k for k in range(hit + 1, len(words)) if words[k] in _CLAUSE_CUTS), len(words))
            end = _trim_trailing(words, end, _TRAILING_FILLERS)
            if not 2 <= end - start <= _MAX_SITUATION_WORDS or end <= hit:
                continue
            return _own_words(folded, clause.tokens[start], clause.tokens[end - 1])
    return None


def _their_side(folded: FoldedText, clauses: list[_Clause]) -> str | None:
    for clause in clauses:
        words = _words(folded, clause.tokens)
        i = _skip_fillers(words, 0)
        if words[i : i + 1] != ["i"] or i + 1 >= len(words) or words[i + 1] not in _GRANTING:
            continue
        start = i + 2
        while start < len(words) and words[start] in _THAT_IT:
            start += 1
        end = next((k for k in range(start, len(words)) if words[k] in _CLAUSE_CUTS), len(words))
        end = _trim_trailing(words, end, _TRAILING_FILLERS)
        if end <= start or any(w in _NOT_GRANTING for w in words[start:end]):
            continue
        return _own_words(folded, clause.tokens[start], clause.tokens[end - 1])
    return None


def _request(folded: FoldedText, clauses: list[_Clause]) -> str | None:
    for clause in clauses:
        words = _words(folded, clause.tokens)
        i = _skip_fillers(words, 0)
        asked = i + 1 < len(words) and words[i] in _ASKING and words[i + 1] in _YOU
        if asked:
            i += 2
        elif clause.ends_with == "?":
            continue  # "text me back?" is fine asked politely; a bare question is not a request
        while i < len(words) and words[i] in _POLITE:
            i += 1
        if i >= len(words) or words[i] not in _REQUEST_VERBS:
            continue
        end = next((k for k in range(i + 1, len(words)) if words[k] in _REQUEST_CUTS), len(words))
        end = _trim_trailing(words, end, _TRAILING_URGENCY)
        if end - i < 2:
            continue  # "call me", "text me back"; a verb alone ("phone", "text") is more often a noun
        return _own_words(folded, clause.tokens[i], clause.tokens[end - 1])
    return None


def _ideas(*groups: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(idea for group in groups for idea in group if idea))[:MAX_IDEAS]


def build_rewrite(folded: FoldedText, behaviours: Sequence[BehaviourFinding]) -> Rewrite:
    """The report's direct shape, each part in the draft's own words or left as its placeholder.

    The situations the draft has words for, and the behaviours found, only choose the :attr:`ideas` offered
    beside each blank.
    """
    hits_by_name: dict[str, list[int]] = {}
    for hit in _BOOK.scan(folded):
        hits_by_name.setdefault(hit.cue.label.split(":", 1)[1], []).append(hit.first_token)
    named = [SITUATIONS[name] for name in SITUATIONS if name in hits_by_name]
    found = [b.name for b in behaviours]
    clauses = _clauses(folded)
    values = {
        "feeling": _feeling(folded, clauses),
        "situation": _situation(folded, clauses, hits_by_name),
        "their_side": _their_side(folded, clauses),
        "request": _request(folded, clauses),
    }
    ideas = {
        "feeling": _ideas(
            [PROTEST_BEHAVIOURS[n].likely_feeling for n in found if n in PROTEST_BEHAVIOURS], _COMMON_FEELINGS
        ),
        "situation": _ideas([s.situation for s in named]),
        "their_side": _ideas([s.their_side for s in named]),
        "request": _ideas([s.request for s in named], [_BEHAVIOUR_REQUESTS.get(n, "") for n in found]),
    }
    parts = {
        name: RewritePart(value, "draft", ideas[name]) if value else RewritePart(PLACEHOLDERS[name], None, ideas[name])
        for name, value in values.items()
    }
    return Rewrite(**parts)
