import pytest

from earnedsecure.coach.analysis import confidence_in_words, evidence_text, highlight


def test_it_marks_the_evidence_words_and_escapes_everything_else():
    html = highlight("<b>They're</b> obviously pulling away", [{"evidence": ["obviously pulling away"]}])
    assert html == "&lt;b&gt;They&#x27;re&lt;/b&gt; <mark>obviously pulling away</mark>"


def test_it_prefers_character_spans_and_merges_overlaps():
    text = "you never ever listen"
    html = highlight(text, [{"spans": [[4, 15]], "evidence": "x"}, {"spans": [[10, 21]]}])
    assert html == "you <mark>never ever listen</mark>"


def test_it_ignores_spans_outside_the_text():
    assert highlight("short", [{"spans": [[3, 99]]}]) == "short"


def test_it_marks_nothing_when_nothing_was_found():
    assert highlight("A plain & kind note", []) == "A plain &amp; kind note"


@pytest.mark.parametrize(("confidence", "words"), [(0.9, "quite likely"), (0.6, "possibly"), (0.2, "a faint sign")])
def test_it_says_confidence_in_words(confidence, words):
    assert confidence_in_words(confidence) == words


def test_it_quotes_the_evidence():
    assert evidence_text({"evidence": ["always", "never"]}) == "“always”, “never”"
    assert evidence_text({"evidence": "obviously"}) == "“obviously”"
