"""A direct rewrite of a protest message, in the shape the mission report recommends.

Source: mission report, "Communication Strategies" - replace protest behaviours with direct communication,
e.g. "I notice I'm feeling anxious when I don't hear from you. I know you're busy, and I'm working on managing
this feeling. Would you be willing to send a quick text when you get a moment?". The shape has four parts:
what I feel, when, what I know about the other person's side, and one specific request.

The rewrite is a starting point to build *with* the person: each part says whether it was prefilled from the
draft, guessed from the behaviour found (the report's "Understand Protest Behaviors" names the fear under
each one), or left as a bracketed placeholder to fill in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .phrases import Cue, PhraseBook
from .protest import PROTEST_BEHAVIOURS, BehaviourFinding
from .text import FoldedText
from .vocabulary import MACROS

TEMPLATE = "I notice I'm feeling {feeling} when {situation}. I know {their_side}. Would you be willing to {request}?"
PLACEHOLDERS = {
    "feeling": "[how I feel]",
    "situation": "[what happened]",
    "their_side": "[what I know about your side]",
    "request": "[one specific request]",
}


@dataclass(frozen=True)
class _Situation:
    situation: str
    their_side: str
    request: str


# In order of priority: the first situation found in the draft wins.
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

# The request the report pairs with each behaviour, when the draft names no situation.
_BEHAVIOUR_REQUESTS = {
    "testing": "talk with me about how we're doing",
    "threats": "talk with me about how we're doing",
    "jealousy_induction": "talk with me about how we're doing",
    "excessive_contact": "send a quick text when you get a moment",
    "withdrawal": "set a time to reconnect and talk about what happened",
    "exaggerated_emotion": "give me a few minutes to talk when you can",
}

_SITUATION_CUES: dict[str, list[str]] = {
    "online_no_reply": [
        "online|active|posted|post|story ..6 but|not|cant|can't|haven't|havent|didnt|didn't",
        "saw+you+were+online|you're+online|youre+online|you+were+online|left+me+on+read|on+read|read+my",
    ],
    "no_reply": [
        "didnt|didn't|havent|haven't|not|never|aren't|arent|won't|wont|isn't|stopped|no ..2 text|texted|"
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

_FEELING_CUES: dict[str, str] = {
    "anxious": "anxious|anxiety|panicking|panicky|panic|on+edge|freaking+out|nervous",
    "worried": "worried|worrying|worry",
    "scared": "scared|afraid|frightened|terrified",
    "insecure": "insecure|unsure+of+us|not+enough",
    "hurt": "hurt|hurts|crying|cried|sobbing|heartbroken|in+tears",
    "lonely": "lonely|alone|left+out",
    "sad": "sad|down|low|miserable|devastated",
    "jealous": "jealous|jelly",
    "ignored": "ignored|ignoring+me|forgotten|invisible",
    "unimportant": "not+important|not+a+priority|unimportant|don't+matter|dont+matter",
    "rejected": "rejected|unwanted|unloved",
    "upset": "upset|mad|pissed|annoyed|angry|furious|livid|fuming",
    "frustrated": "frustrated|fed+up",
    "overwhelmed": "overwhelmed|shaking|falling+apart|losing+my+mind|a+wreck|meltdown|breakdown",
    "abandoned": "abandoned|left+behind",
}


def _build_book() -> PhraseBook:
    cues = [Cue(f"s:{name}", p, 1.0) for name, patterns in _SITUATION_CUES.items() for p in patterns]
    cues += [Cue(f"f:{feeling}", pattern, 1.0) for feeling, pattern in _FEELING_CUES.items()]
    return PhraseBook(cues, MACROS)


_BOOK = _build_book()


@dataclass(frozen=True)
class RewritePart:
    """One part of the rewrite; ``source`` is ``"draft"``, ``"behaviour"`` or ``None`` (a placeholder)."""

    value: str
    source: str | None

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
        return TEMPLATE.format(
            feeling=self.feeling.value,
            situation=self.situation.value,
            their_side=self.their_side.value,
            request=self.request.value,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            name: {"value": part.value, "prefilled": part.prefilled, "source": part.source}
            for name, part in (
                ("feeling", self.feeling),
                ("situation", self.situation),
                ("their_side", self.their_side),
                ("request", self.request),
            )
        }


def build_rewrite(folded: FoldedText, behaviours: Sequence[BehaviourFinding]) -> Rewrite:
    """Fill the report's direct shape from the draft where possible, else from the behaviours found."""
    situations: list[str] = []
    feelings: list[str] = []
    for hit in _BOOK.scan(folded):
        prefix, name = hit.cue.label.split(":", 1)
        (situations if prefix == "s" else feelings).append(name)
    main = behaviours[0].name if behaviours else None
    if main == "jealousy_induction":
        # The draft is about the person's own evening or admirers, not about what the partner is doing.
        situations = [s for s in situations if s not in ("out_with_friends", "someone_else")]
    chosen = next((name for name in SITUATIONS if name in situations), None)
    if feelings:
        feeling = RewritePart(feelings[0], "draft")
    elif main is not None:
        feeling = RewritePart(PROTEST_BEHAVIOURS[main].likely_feeling, "behaviour")
    else:
        feeling = RewritePart(PLACEHOLDERS["feeling"], None)
    if chosen is not None:
        known = SITUATIONS[chosen]
        situation = RewritePart(known.situation, "draft")
        their_side = RewritePart(known.their_side, "draft")
        request = RewritePart(known.request, "draft")
    else:
        situation = RewritePart(PLACEHOLDERS["situation"], None)
        their_side = RewritePart(PLACEHOLDERS["their_side"], None)
        request = (
            RewritePart(_BEHAVIOUR_REQUESTS[main], "behaviour")
            if main is not None
            else RewritePart(PLACEHOLDERS["request"], None)
        )
    return Rewrite(feeling, situation, their_side, request)
