"""The direct rewrite uses only the person's own words (issue 12): no invented situation, blanks stay blanks.

A draft that never mentioned work once came back as "... when work keeps you busy for a long stretch". Every
word of the rewrite must now be a word of the draft or one of the template's own connective words; what the
draft does not say stays a visible placeholder such as "[what happened]".
"""

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from earnedsecure.domain.language.protest import read_draft
from earnedsecure.domain.language.rewrite import CONNECTIVES, PARTS, PLACEHOLDERS, build_rewrite
from earnedsecure.domain.language.text import fold

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_BRACKETED = re.compile(r"\[[^\]]*\]")


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.replace("\u2019", "'").casefold()))


def invented_words(rewrite: str, *sources: str) -> set[str]:
    """Words of ``rewrite`` that are neither in ``sources`` nor the template's own; a bracketed part must be one
    of our placeholders (or the person's own, typed with its brackets)."""
    for blank in _BRACKETED.findall(rewrite):
        assert blank in PLACEHOLDERS.values() or any(blank in source for source in sources), blank
    own = set().union(*(words(source) for source in sources))
    return words(_BRACKETED.sub(" ", rewrite)) - own - CONNECTIVES


# Words people use in protest messages, so that the cues (feelings, situations, requests) fire often.
_PROTEST_WORDS = (
    "i i'm im you u you're ur we they me my your not didn't don't haven't won't can't never always again all "
    "day night hours text texted reply replied answer call called phone online read busy work working office "
    "shift meeting friends party drinks out pub cancelled cancel plans forgot birthday anniversary space time "
    "alone who was that girl guy ex fight argument said happened feel feeling so really anxious jealous hurt "
    "scared worried lonely sad upset angry frustrated overwhelmed abandoned ignored insecure know get "
    "understand can could would will please just let tell talk come home back when if but and or because "
    "whatever fine done leave k ok lol"
)
_VOCABULARY = st.sampled_from(_PROTEST_WORDS.split())
_SEPARATOR = st.sampled_from([" ", " ", " ", ", ", ". ", "? ", "!! ", "\n", " - ", " 😡 ", "... "])
_DRAFT = st.one_of(
    st.lists(st.tuples(_VOCABULARY, _SEPARATOR), min_size=1, max_size=30).map(
        lambda pairs: "".join(word + sep for word, sep in pairs)
    ),
    st.text(max_size=200),
)


@settings(max_examples=400, deadline=None)
@given(_DRAFT)
@example("You never answer me, you're always at work!! whatever")
@example("You didn't text me all day - you're obviously pulling away!")
@example("k.")
def test_every_word_of_the_rewrite_is_the_persons_own_or_the_templates(draft):
    # Built for every draft, protest or not: the behaviours found only choose the ideas offered beside it.
    folded = fold(draft)
    rewrite = build_rewrite(folded, read_draft(folded)[0])
    assert invented_words(rewrite.text, draft) == set()
    for name in PARTS:
        part = getattr(rewrite, name)
        assert part.source in ("draft", None)
        assert part.value == PLACEHOLDERS[name] if part.source is None else invented_words(part.value, draft) == set()


@pytest.mark.parametrize(
    ("draft", "part", "value"),
    [
        ("You didn't text me all day - you're obviously pulling away!", "situation", "you didn't text me all day"),
        ("I'm so jealous, who was that girl?? answer me", "feeling", "jealous"),
        ("I'm so jealous, who was that girl?? answer me", "request", "answer me"),
        ("i know ur busy but you cancelled AGAIN. whatever", "their_side", "ur busy"),
        ("i know ur busy but you cancelled AGAIN. whatever", "situation", "you cancelled again"),
        ("I feel so anxious when you don't reply for hours. Call me or we're done", "feeling", "anxious"),
        (
            "I feel so anxious when you don't reply for hours. Call me or we're done",
            "situation",
            "you don't reply for hours",
        ),
        ("I feel so anxious when you don't reply for hours. Call me or we're done", "request", "call me"),
    ],
)
def test_it_takes_each_part_from_the_drafts_own_words(draft, part, value):
    found = getattr(build_rewrite(fold(draft), ()), part)
    assert found.source == "draft" and found.value == value


@pytest.mark.parametrize(
    "draft",
    [
        "Must be nice to be so busy at work.",  # sarcasm is not a situation
        "who were you with at the pub??",  # a question is not a situation
        "Are you mad at me?",  # their feeling, not the person's own
        "would you even notice if I disappeared",  # a test, not a request
        "k.",
    ],
)
def test_what_the_draft_does_not_say_stays_a_visible_blank(draft):
    rewrite = build_rewrite(fold(draft), ())
    assert rewrite.text == (
        "I notice I'm feeling [how I feel] when [what happened]. I know [what I know about your side]. "
        "Would you be willing to [one specific request]?"
    )
    assert not any(getattr(rewrite, name).prefilled for name in PARTS)


def test_the_ideas_beside_a_blank_never_enter_the_rewrite_by_themselves():
    draft = "You never answer me, you're always at work!! whatever"
    folded = fold(draft)
    behaviours = read_draft(folded)[0]
    rewrite = build_rewrite(folded, behaviours)
    assert rewrite.situation.value == "you never answer me"
    assert "work keeps you busy for a long stretch" in rewrite.situation.ideas
    assert "keeps" not in rewrite.text and "stretch" not in rewrite.text
    # The feeling usually under the behaviour found is offered first, and is not put in the person's mouth.
    assert rewrite.feeling.ideas[0] == behaviours[0].info.likely_feeling
    assert not rewrite.feeling.prefilled and rewrite.feeling.value == "[how I feel]"
    assert rewrite.to_dict()["situation"]["ideas"] == list(rewrite.situation.ideas)
