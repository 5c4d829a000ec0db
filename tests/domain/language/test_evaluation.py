"""The quality measures mean what evaluation.py says: type right, top-3 from the ranking, the confusion table.

Rows written for these tests; no held-out text is read here.
"""

import json

from earnedsecure.domain.language import analyze_message, analyze_thought
from earnedsecure.domain.language.evaluation import Labelled, evaluate, format_report, load_labelled

MONITORING = "send me a photo of where you are right now"
THOUGHT = "if i ask for the promotion they'll laugh me out of the room"


def test_it_reads_the_corpus_label_name_for_messages(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"kind": "message", "text": MONITORING, "protest": ["monitoring"]}) + "\n")
    (row,) = load_labelled(path)
    assert row.labels == ("monitoring",)


def test_type_right_counts_a_labelled_behaviour_among_those_shown_over_labelled_protests():
    assert [b.name for b in analyze_message(MONITORING).behaviours] == ["monitoring"]
    report = evaluate(
        [
            Labelled("message", MONITORING, ("monitoring",)),  # protest, right type
            Labelled("message", MONITORING, ("testing",)),  # protest, wrong type
            Labelled("message", "Thanks for the lovely evening, sleep well!", ("testing",)),  # missed: wrong
            Labelled("message", "Thanks for the lovely evening, sleep well!", ()),  # not counted in type right
        ]
    )
    assert report.protest_messages == 3
    assert report.protest_type_right_count == 1
    assert (report.protest.tp, report.protest.fp, report.protest.fn) == (2, 0, 1)
    assert "type right" in format_report(report, "t")


def test_top_three_comes_from_the_ranking_and_the_confusion_from_its_first():
    ranked = [t.name for t in analyze_thought(THOUGHT).ranked]
    third, fourth = ranked[2], ranked[3]
    report = evaluate([Labelled("thought", THOUGHT, (third,)), Labelled("thought", THOUGHT, (fourth,))])
    assert (report.trap_hits, report.trap_thoughts) == (1, 2)
    assert report.trap_confusion == {(third, ranked[0]): 1, (fourth, ranked[0]): 1}
