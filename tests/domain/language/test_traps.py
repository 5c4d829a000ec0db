import pytest

from earnedsecure.domain.language import TRAPS, analyze_thought
from earnedsecure.domain.language.traps import MAX_TRAPS, MIN_CONFIDENCE

# Examples written for these tests (not taken from the tuning or held-out sets).
EXAMPLES = [
    ("all_or_nothing", "I burnt the toast so breakfast is completely ruined."),
    ("all_or_nothing", "Either he proposes this year or it was all a waste."),
    ("overgeneralizing", "Everybody always forgets about me."),
    ("overgeneralizing", "This is the same story every time I date someone."),
    ("labeling", "I'm such a loser for crying at work."),
    ("labeling", "My landlord is a total liar."),
    ("fortune_telling", "She's going to dump me when she finds out."),
    ("fortune_telling", "I'll never be able to find a job I like."),
    ("mind_reading", "My coach thinks I'm lazy."),
    ("mind_reading", "He's obviously bored of me already."),
    ("catastrophizing", "If I fail the driving test it will be a total catastrophe."),
    # "What if he had an accident on the way home?" is a known false alarm of the learned risk layer (hazard log
    # H5): it reads as fear for safety and stops coaching. Kept visible there, not hidden here.
    ("catastrophizing", "What if she's been in a crash and nobody's told me?"),
    ("emotional_reasoning", "I feel like an outsider, so I must not belong here."),
    ("emotional_reasoning", "My gut feeling says she's done with me."),
    ("should_statements", "I should never ask for help."),
    ("should_statements", "He ought to know I'm upset."),
    ("personalizing", "Dad was grumpy at dinner and it's my fault."),
    ("personalizing", "What did I do wrong to make her go quiet?"),
    ("blaming", "It's her fault my weekend was miserable."),
    ("blaming", "My brother makes me feel useless."),
    ("disqualifying_positive", "They clapped, but they were only being polite."),
    ("disqualifying_positive", "Winning the quiz doesn't count, the questions were easy."),
    ("comparing", "My cousin earns way more than me."),
    ("comparing", "Everyone else at the gym is fitter."),
]


@pytest.mark.parametrize(("trap", "thought"), EXAMPLES)
def test_it_suggests_the_trap_among_the_top_three(trap, thought):
    found = [t.name for t in analyze_thought(thought).traps]
    assert trap in found


@pytest.mark.parametrize(
    "thought",
    [
        "I went for a swim and then made lunch.",
        "She replied after lunch, she was in a meeting.",
        "I felt nervous before the call and it went okay.",
        "",
    ],
)
def test_nothing_found_is_a_valid_answer(thought):
    assert analyze_thought(thought).traps == ()


def test_it_lists_at_most_three_traps_best_first_each_with_its_words():
    # Self-blame beside a partner's behaviour ("it's my fault") can be an installed belief the risk layer reads as
    # a violence concern (risk-and-abuse §4), which rightly stops coaching; this example is the person's own.
    thought = "He always ignores me, he must hate me, I'm such an idiot and I should be over it by now."
    traps = analyze_thought(thought).traps
    assert 2 <= len(traps) <= MAX_TRAPS
    confidences = [t.confidence for t in traps]
    assert confidences == sorted(confidences, reverse=True)
    for trap in traps:
        assert MIN_CONFIDENCE <= trap.confidence <= 1
        assert trap.evidence
        for words, (start, end) in zip(trap.evidence, trap.spans, strict=True):
            assert thought[start:end] == words


def test_evidence_points_at_the_words_in_the_original_spelling():
    thought = "I’m SOOO stupid"
    (trap,) = [t for t in analyze_thought(thought).traps if t.name == "labeling"]
    assert trap.evidence == ("I’m SOOO stupid",)
    assert trap.spans == ((0, len(thought)),)


def test_a_negated_label_is_not_labeling():
    assert "labeling" not in [t.name for t in analyze_thought("I'm not a failure, I'm learning.").traps]


def test_every_trap_has_a_label_explanation_and_question():
    assert len(TRAPS) == 12
    for name, info in TRAPS.items():
        assert info.name == name
        assert info.label and info.explanation and info.question.endswith("?")


def test_the_thought_result_has_the_documented_shape():
    result = analyze_thought("Nobody ever texts me first.").to_dict()
    assert set(result) == {"traps", "risk", "coaching", "ranked"}
    assert result["coaching"] is True
    (first, *_) = result["traps"]
    assert {"name", "confidence", "evidence", "spans", "label", "explanation", "question", "evidence_note"} <= set(
        first
    )
    ranked = [trap["name"] for trap in result["ranked"]]
    assert sorted(ranked) == sorted(TRAPS)
    shown = [trap["name"] for trap in result["traps"]]
    assert shown == [name for name in ranked if name in shown]  # in the ranking's order
    assert result["risk"]["level"] == "none"
    assert result["risk"]["kind"] is None
