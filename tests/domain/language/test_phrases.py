import pytest

from earnedsecure.domain.language import phrases
from earnedsecure.domain.language.phrases import Cue, PhraseBook, merge_evidence, noisy_or
from earnedsecure.domain.language.text import fold


def _found(pattern, text, macros=None):
    return [h.text for h in PhraseBook([Cue("x", pattern)], macros or {}).scan(fold(text))]


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("you always|never", "You ALWAYS do this", ["You ALWAYS"]),
        ("i'm|i+am such? a loser", "I am a loser", ["I am a loser"]),
        ("i'm|i+am such? a loser", "im such a loser", ["im such a loser"]),
        ("suicid*", "feeling suicidal", ["suicidal"]),
        ("either ..3 or", "either he calls or not", ["either he calls or"]),
        ("either ..3 or", "either. He calls or not", []),
        ("called ..2 # times", "I called you like 6 times", ["called you like 6 times"]),
        ("called ..2 # times", "I called you six times", ["called you six times"]),
        ("^ fine $", "Fine.", ["Fine"]),
        ("^ fine $", "fine by me", []),
        ("^ fine $", "ok fine", []),
        ("hello <?>", "hello?? anyone", ["hello?"]),
        ("pick+up <b>", "pick up!", ["pick up"]),
        ("pick+up <b>", "pick up some bread", []),
        ("kill myself", "k1lll myself", ["k1lll myself"]),
        ("$ME done", "Im done", ["Im done"]),
    ],
)
def test_it_matches_cue_phrases(pattern, text, found):
    assert _found(pattern, text, {"ME": "im|i+am"}) == found


@pytest.mark.parametrize("pattern", ["..2 word", "word?", "word ..2", "a $NOPE", "ab*", "# times", "word $"])
def test_it_refuses_malformed_cues(pattern):
    with pytest.raises(ValueError):
        PhraseBook([Cue("x", pattern)])


def test_a_veto_silences_overlapping_cues_of_its_label_unless_they_contain_it():
    book = PhraseBook(
        [
            Cue("risk", "want+to die"),
            Cue("risk", "want+to die ..2 of+embarrassment ..3 really"),
            Cue("risk", "die of+embarrassment", veto=True),
            Cue("other", "want+to"),
        ]
    )
    assert [(h.cue.label, h.text) for h in book.scan(fold("I want to die of embarrassment"))] == [("other", "want to")]
    hits = book.scan(fold("I want to die of embarrassment, really"))
    assert [h.text for h in hits if h.cue.label == "risk"] == ["want to die of embarrassment, really"]


def test_merge_evidence_joins_overlapping_spans():
    text = "you always never"
    assert merge_evidence([(4, 10), (0, 3), (0, 10), (11, 16)], text) == [
        ("you always", (0, 10)),
        ("never", (11, 16)),
    ]


@pytest.mark.parametrize(("weights", "expected"), [([], 0.0), ([0.5], 0.5), ([0.5, 0.5], 0.75), ([1.0, 0.2], 1.0)])
def test_noisy_or(weights, expected):
    assert noisy_or(weights) == pytest.approx(expected)


def test_matching_work_grows_linearly_with_the_text(monkeypatch):
    from earnedsecure.domain.language import protest, risk, traps

    calls = 0
    original = phrases._match

    def counting(*args):
        nonlocal calls
        calls += 1
        return original(*args)

    monkeypatch.setattr(phrases, "_match", counting)
    unit = "you never text me back, i always mess up, i'm scared he'll hurt me and i want to die. "

    def work(repeat):
        nonlocal calls
        calls = 0
        folded = fold(unit * repeat)
        for book in (traps._BOOK, protest._BOOK, risk._BOOK):
            book.scan(folded)
        return calls

    small, large = work(20), work(160)
    assert small > 0
    assert large <= 8 * small * 1.05
