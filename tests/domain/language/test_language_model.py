"""The learned layer for thinking traps and protest behaviours: features, the shipped weights and what they
were trained on, how it combines with the rules, and the safety readings it may not override.

The drafts and thoughts here are written for these tests from the definitions; none is taken from the corpus,
the tuning set or the held-out sets.
"""

import importlib.machinery
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from earnedsecure.domain.language import PROTEST_BEHAVIOURS, TRAPS, analyze_message, analyze_thought
from earnedsecure.domain.language.analysis import model_inputs
from earnedsecure.domain.language.language_model import (
    ANY_PROTEST,
    MODEL_PATH,
    NO_SINGLE_PHRASE,
    features,
    form_features,
    load_model,
)
from earnedsecure.domain.language.risk_model import features as risk_features
from earnedsecure.domain.language.text import fold

ROOT = Path(__file__).resolve().parents[3]


def _trainer():
    script = ROOT / "scripts" / "train_language_model"
    loader = importlib.machinery.SourceFileLoader("train_language_model", str(script))
    spec = importlib.util.spec_from_loader("train_language_model", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _model_alone(kind, text):
    """What the model says before any reading of the rules is applied (probabilities per label)."""
    folded = fold(text)
    head = load_model().traps if kind == "thought" else load_model().protest
    _, rules, _ = model_inputs(kind, folded)
    return head, head.probabilities(features(folded), rules)


def test_features_add_the_form_that_folding_loses():
    found = features(fold("WHERE ARE YOU?? answer me"))
    assert {"w:answer", "b:answer me", "c:ans", "p:?", "f:??", "f:caps", "e:w", "n:4-7"} <= found
    assert "e:." in form_features("k.", 1) and "n:1" in form_features("k.", 1)
    assert "f:caps" not in form_features("OK see you at 7", 5)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_the_cached_word_features_are_exactly_the_words_and_their_pieces(text):
    """The features each word gives are cached; they are what the model's docstring says, computed afresh."""
    expected: set[str] = set()
    previous = ""
    for token in fold(text).tokens:
        if token.kind == "w":
            expected.add("w:" + token.text)
            if previous:
                expected.add(f"b:{previous} {token.text}")
            previous = token.text
            padded = f" {token.text} "
            if len(token.text) <= 30:
                expected |= {"c:" + padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)}
        elif token.kind == "b":
            previous = ""
        elif token.kind != ",":
            expected.add("s:" + token.text)
    tokens = fold(text).tokens
    assert risk_features(tokens) == expected
    assert risk_features(tokens) == expected  # and again, from the cache


def test_the_shipped_model_is_small_and_describes_itself():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert MODEL_PATH.stat().st_size < 3_000_000
    assert set(data["heads"]["protest"]) == {ANY_PROTEST, *PROTEST_BEHAVIOURS}
    assert set(data["heads"]["traps"]) == set(TRAPS)
    for head in data["heads"].values():
        for entry in head.values():
            assert 0 < entry["threshold"] < 1
            assert len(entry["calibration"]) == 3
    model = load_model()
    assert model.protest.labels["monitoring"].threshold == data["heads"]["protest"]["monitoring"]["threshold"]


def test_the_shipped_model_was_trained_on_the_shipped_corpus():
    """Retraining is `scripts/train_language_model --check`; here, cheaply, the corpus it names is the one we ship."""
    trainer = _trainer()
    digest = trainer.corpus_digest(trainer.load_rows())
    assert json.loads(MODEL_PATH.read_text(encoding="utf-8"))["corpus_sha256"] == digest


def test_the_trainer_never_opens_the_held_out_sets():
    """What the trainer reads is the package's data folder: watched at the `open` audit event, not trusted."""
    trainer = _trainer()
    opened: list[str] = []

    def watch(event, args):
        if event == "open" and isinstance(args[0], str | Path):
            opened.append(str(Path(args[0]).resolve()))

    sys.addaudithook(watch)  # an audit hook cannot be removed: it only appends paths to a list nobody reads later
    rows = trainer.load_rows()
    recorded = list(opened)
    opened.clear()
    assert rows["protest"] and rows["traps"]
    data = (ROOT / "src" / "earnedsecure" / "domain" / "language" / "data").resolve()
    read = {Path(path) for path in recorded if path.endswith(".jsonl")}
    assert read == {path.resolve() for path in trainer.corpus_files()}
    assert all(path.parent == data for path in read)
    assert not any("benchmarks" in Path(path).parts for path in recorded)


def test_the_trainer_refuses_a_file_outside_its_data_folder(monkeypatch):
    trainer = _trainer()
    blind = ROOT / "benchmarks" / "data" / "language_blind_messages.jsonl"
    real_glob = Path.glob

    def glob_with_the_blind_set(self, pattern):
        found = list(real_glob(self, pattern))
        return [*found, blind] if pattern.startswith("language_corpus") else found

    monkeypatch.setattr(Path, "glob", glob_with_the_blind_set)
    with pytest.raises(ValueError, match="data folder only"):
        trainer.corpus_files()


def test_every_trap_is_ranked_with_a_calibrated_score():
    result = analyze_thought("if i ask for the promotion they'll laugh me out of the room")
    assert sorted(t.name for t in result.ranked) == sorted(TRAPS)
    scores = [t.confidence for t in result.ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s < 1 for s in scores)
    assert result.traps and result.traps[0] is result.ranked[0]


def test_every_protest_behaviour_is_ranked_monitoring_included():
    result = analyze_message("send me a photo of where you are right now")
    assert sorted(b.name for b in result.ranked) == sorted(PROTEST_BEHAVIOURS)
    assert result.protest and result.behaviours[0].name == "monitoring"
    assert 0 < result.protest_score < 1


def test_a_finding_the_model_made_alone_says_it_has_no_single_phrase():
    result = analyze_message("share ur location with me pls, i want to see where you are")
    (monitoring,) = [b for b in result.behaviours if b.name == "monitoring"]
    assert monitoring.evidence == () and monitoring.spans == ()
    assert monitoring.to_dict()["evidence_note"] == NO_SINGLE_PHRASE


def test_a_finding_the_rules_made_keeps_their_words():
    text = "hello??? why aren't you answering"
    (contact,) = [b for b in analyze_message(text).behaviours if b.name == "excessive_contact"]
    assert contact.evidence and contact.to_dict()["evidence_note"] is None
    for words, (start, end) in zip(contact.evidence, contact.spans, strict=True):
        assert text[start:end] == words


@pytest.mark.parametrize(
    "draft",
    [
        "leave me alone",
        "You've called 14 times tonight. Stop calling me.",
        "Don't text me tonight. I'm not talking to you.",
    ],
)
def test_a_boundary_stays_respected_whatever_the_model_says(draft):
    head, probabilities = _model_alone("message", draft)
    assert probabilities[ANY_PROTEST] >= head.labels[ANY_PROTEST].threshold  # the model alone would say protest
    result = analyze_message(draft)
    assert not result.protest and result.ranked == () and result.protest_score is None


def test_a_help_request_is_not_made_a_protest_by_the_model():
    draft = "i'm having a panic attack. can you call me right now please"
    head, probabilities = _model_alone("message", draft)
    assert probabilities[ANY_PROTEST] >= head.labels[ANY_PROTEST].threshold
    result = analyze_message(draft)
    assert not result.protest
    assert {b.name for b in result.ranked[-2:]} == {"excessive_contact", "exaggerated_emotion"}


@pytest.mark.parametrize(
    ("thought", "trap"),
    [
        ("Tom says I'm a terrible mother.", "labeling"),
        ("It's my fault he yelled at me.", "blaming"),
    ],
)
def test_someone_elses_words_are_not_read_by_the_model_either(thought, trap):
    head, probabilities = _model_alone("thought", thought)
    assert probabilities[trap] >= head.labels[trap].threshold  # read whole, the model would suggest it
    result = analyze_thought(thought)
    assert result.traps == () and result.ranked == ()


def test_the_model_reads_only_the_persons_own_words_beside_someone_elses():
    thought = "Tom says I'm a terrible mother. Then I made the kids their tea."
    head, probabilities = _model_alone("thought", thought)
    assert probabilities["labeling"] >= head.labels["labeling"].threshold
    result = analyze_thought(thought)
    assert len(result.ranked) == len(TRAPS)  # the second sentence is the person's own, and is read
    assert result.traps == ()


def test_a_trap_the_rules_rule_out_is_ranked_last_and_not_shown():
    thought = "I'm not a failure, I'm learning."
    head, probabilities = _model_alone("thought", thought)
    assert probabilities["labeling"] >= head.labels["labeling"].threshold
    result = analyze_thought(thought)
    assert "labeling" not in [t.name for t in result.traps]
    assert result.ranked[-1].name == "labeling"


def test_no_ranking_beside_a_risk():
    assert analyze_thought("i want to kill myself, everyone would be better off").ranked == ()
    message = analyze_message("answer me or i'll kill myself tonight")
    assert message.ranked == () and message.protest_score is None and not message.protest


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_the_ranking_is_complete_or_absent_and_the_shown_ones_come_from_it(text):
    thought = analyze_thought(text)
    assert len(thought.ranked) in (0, len(TRAPS))
    assert set(thought.traps) <= set(thought.ranked)
    message = analyze_message(text)
    assert len(message.ranked) in (0, len(PROTEST_BEHAVIOURS))
    assert set(message.behaviours) <= set(message.ranked)
    assert message.protest is bool(message.behaviours)


def _data_folder(folder: Path) -> Path:
    """A data folder the trainer would accept: one corpus file and a tuning file, a few invented lines."""
    folder.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"kind": "thought", "text": "i always mess things up", "traps": ["overgeneralizing"]})
    (folder / "language_corpus_1.jsonl").write_text(line + "\n", encoding="utf-8")
    (folder / "tuning.jsonl").write_text(line + "\n", encoding="utf-8")
    return folder


def test_the_trainer_refuses_a_data_folder_under_public_data(tmp_path):
    """The public research sets are never trained on, even when the folder check alone would let them in."""
    trainer = _trainer()
    trainer.DATA = _data_folder(tmp_path / "public-data" / "reframing")
    with pytest.raises(ValueError, match="public research data is never trained on"):
        trainer.corpus_files()
    with pytest.raises(ValueError, match="public research data is never trained on"):
        trainer.load_rows()


def test_the_trainer_refuses_a_link_into_public_data(tmp_path):
    trainer = _trainer()
    public = _data_folder(tmp_path / "public-data")
    trainer.DATA = _data_folder(tmp_path / "data")
    (trainer.DATA / "language_corpus_2.jsonl").symlink_to(public / "language_corpus_1.jsonl")
    with pytest.raises(ValueError, match="public research data is never trained on"):
        trainer.corpus_files()


def test_the_trainer_still_accepts_an_ordinary_data_folder(tmp_path):
    trainer = _trainer()
    trainer.DATA = _data_folder(tmp_path / "data")
    assert [path.name for path in trainer.corpus_files()] == ["language_corpus_1.jsonl", "tuning.jsonl"]
