"""The partner's words and acts are not the person's thinking traps.

Written from the constructs of the risk-and-abuse reference, section 4 (reported speech is evidence about its
speaker; self-blame for someone else's anger may be an installed belief) and ConText (Harkema et al., 2009:
assign the speaker before tagging), with our own examples, not taken from the tuning or held-out sets.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.language import analyze_thought
from earnedsecure.domain.language.text import fold
from earnedsecure.domain.language.traps import attribute, detect_traps, score_traps

SOMEONE_ELSES_WORDS_OR_ACTS = [
    "He says I'm crazy.",
    "he says nobody else would want me",
    "she keeps telling me nobody else would put up with me",
    "my husband told me i'm worthless and no one will ever love me",
    'She said "you\'re useless. Nobody will ever put up with you."',
    "Tom says I'm a terrible mother.",
    "my bf reckons i'm always overreacting",
    "he's always telling me i'm too sensitive",
    "My boyfriend calls me a psycho when I cry",
    "according to him i'm a useless mum",
    "she says i'm too needy and i'll always be alone",
    "he says I'm overreacting and that I always ruin everything",
    "He threatened to take the kids if I leave.",
    "my ex threatened to take the kids if I ever left",
    "He laughed at me in front of his friends.",
    "she took my bank card",
    "he took my phone and read all my messages",
    "he always yells at me when dinner's late",
    "he never lets me see my friends",
    "he calls me pathetic in front of everyone",
]

SELF_BLAME_FOR_SOMEONE_ELSES_ANGER = [
    "It's my fault he yelled at me.",
    "I provoked him.",
    "if I hadn't said anything he wouldn't have hit me",
    "I made him so angry he punched the wall",
    "it's my own fault he gets so angry, i always push his buttons",
    "he screamed at me again last night. i should have kept my mouth shut",
    "He smashed my phone because I was late. It's my fault really.",
    "I deserved it, I wound him up.",
]

OWN_DISTORTIONS = [
    ("labeling", "I'm such an idiot for staying"),
    ("overgeneralizing", "nobody ever texts me back, it's always the same"),
    ("personalizing", "my friend seemed quiet at lunch, it must have been something I said"),
    ("fortune_telling", "i'll end up alone forever"),
    ("mind_reading", "he must think i'm pathetic"),
    ("should_statements", "I should be over this by now"),
    ("mind_reading", "Tom didn't reply, he probably hates me"),
    ("overgeneralizing", "he never calls me anymore, it's always me chasing"),
    ("fortune_telling", "My boss will say no, there's no point asking."),
]


@pytest.mark.parametrize("thought", SOMEONE_ELSES_WORDS_OR_ACTS + SELF_BLAME_FOR_SOMEONE_ELSES_ANGER)
def test_someone_elses_words_acts_and_anger_are_not_the_persons_traps(thought):
    assert detect_traps(fold(thought)) == ()
    assert score_traps(fold(thought)) == {}
    assert analyze_thought(thought).traps == ()


@pytest.mark.parametrize("thought", SOMEONE_ELSES_WORDS_OR_ACTS + SELF_BLAME_FOR_SOMEONE_ELSES_ANGER)
def test_it_says_whose_words_it_set_aside_in_the_persons_own_text(thought):
    attributions = attribute(fold(thought))
    assert attributions
    for a in attributions:
        assert thought[a.span[0] : a.span[1]] == a.evidence
        assert a.kind in ("reported_speech", "others_act", "self_blame_for_others_anger")


@pytest.mark.parametrize(("trap", "thought"), OWN_DISTORTIONS)
def test_the_persons_own_distortions_are_still_traps(trap, thought):
    assert trap in [t.name for t in detect_traps(fold(thought))]


@pytest.mark.parametrize(
    ("thought", "own_words"),
    [
        ("He says I'm crazy. I'm such an idiot for staying", "I'm such an idiot"),
        ("I'm such a mess, he says I'm crazy", "I'm such a mess"),
        ("he says i'm crazy but honestly i'm a loser anyway", "i'm a loser"),
    ],
)
def test_the_persons_own_words_beside_a_report_are_still_read(thought, own_words):
    (labeling,) = [t for t in detect_traps(fold(thought)) if t.name == "labeling"]
    assert labeling.evidence == (own_words,)
    start = thought.index(own_words)
    assert labeling.spans == ((start, start + len(own_words)),)


@pytest.mark.parametrize(
    "thought",
    [
        "He didn't call me, I'm so pathetic",  # an absence read by the person, not his words
        "My boss will say no, I'm such an idiot for asking",  # the person's prediction
    ],
)
def test_a_negated_or_predicted_report_is_the_persons_own_thought(thought):
    assert "labeling" in [t.name for t in detect_traps(fold(thought))]


LABELS = ["an idiot", "a failure", "worthless", "crazy", "pathetic", "a burden", "too needy", "such a mess", "useless"]
REPORTERS = [
    "he says ",
    "she told me ",
    "He keeps telling me ",
    "my husband says ",
    "My girlfriend always says ",
    "she said ",
    "he's always telling me ",
]


@given(
    reporter=st.sampled_from(REPORTERS),
    am=st.sampled_from(["I'm ", "im ", "i am ", "I’m "]),
    label=st.sampled_from(LABELS),
    end=st.sampled_from(["", ".", "!", " lol", " and that nobody else would have me"]),
    upper=st.booleans(),
)
def test_a_reported_label_never_becomes_the_persons_labeling(reporter, am, label, end, upper):
    own = f"{am}{label}{end}"
    assert "labeling" in [t.name for t in detect_traps(fold(own))]  # the label alone is a labeling cue
    thought = reporter + own
    if upper:
        thought = thought.upper()
    assert "labeling" not in score_traps(fold(thought))
