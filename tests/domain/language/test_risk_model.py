"""The learned risk layer: features, windows, the shipped weights, and that it only ever adds risk."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from earnedsecure.domain.language.risk import RiskLevel, assess_folded, assess_risk
from earnedsecure.domain.language.risk_model import (
    LABELS,
    LONG_MODEL_PATH,
    MODEL_PATH,
    WHOLE_TEXT_SENTENCES,
    features,
    load_long_model,
    load_model,
    model_for,
    sentences_of,
    windows,
)
from earnedsecure.domain.language.text import fold

ORDER = {RiskLevel.NONE: 0, RiskLevel.CONCERN: 1, RiskLevel.URGENT: 2}


def test_features_are_words_pairs_symbols_and_word_pieces():
    found = features(fold("Not coping. He took my keys 😶").tokens)
    assert {"w:coping", "b:not coping", "w:keys", "b:my keys", "c: ke", "c:keys "} <= found
    assert "b:coping he" not in found  # pairs stop at a sentence boundary
    assert any(f.startswith("s:") for f in found)


def test_windows_are_the_whole_text_each_sentence_and_neighbouring_pairs():
    tokens = fold("One here. Two there. Three.").tokens
    ranges = windows(tokens)
    assert ranges[0] == (0, len(tokens))
    assert len(ranges) == 1 + 3 + 2
    assert windows(fold("just one sentence").tokens) == [(0, len(fold("just one sentence").tokens))]


def test_a_very_long_text_is_read_by_sentences_and_pairs_only():
    nine = fold(" ".join(f"Line {n} here." for n in range(9))).tokens
    ranges = windows(nine)
    assert (0, len(nine)) not in ranges  # past WHOLE_TEXT_SENTENCES: never read as one
    assert len(ranges) == 9 + 8
    eight = fold(" ".join(f"Line {n} here." for n in range(WHOLE_TEXT_SENTENCES))).tokens
    assert windows(eight)[0] == (0, len(eight))


def test_a_very_long_text_needs_a_riskier_window_than_a_short_one():
    """The riskiest of many windows is higher by chance alone; past WHOLE_TEXT_SENTENCES the score is corrected."""
    model = load_model()
    short = fold("I can't stop crying about it. Work was long.").tokens
    score, risk, _, _ = model.text_score(short)
    assert score == risk
    long = fold(" ".join(["I can't stop crying about it."] + ["Work was long."] * 31)).tokens
    score, risk, _, _ = model.text_score(long)
    assert score == pytest.approx(1 - (1 - risk) * 2)  # 32 sentences, four times 8: the room below 1 doubles


def test_a_long_entry_about_an_ordinary_hard_week_is_not_a_crisis():
    """Written for this test (not taken from any corpus or set): strong feelings, no construct of risk, eleven
    sentences, so it is read by sentences and pairs only (hazard H47). The guard that goes red with long texts
    read whole is the development set's ratchet (test_risk_long_texts.py); this one says what must hold."""
    entry = (
        "Honestly this week has been a lot. Jo and I argued again on Tuesday about his phone. I cried in the car "
        "before work because I was sure he was going off me. I know that is the anxiety talking. Work is drowning "
        "me and my manager keeps moving the deadline. I feel like a failure most afternoons. I hate how needy I "
        "get. I want to know what is wrong with me and why I cannot just relax. Mum rang and we talked about "
        "Dad's operation, which went fine, thank god. Jo made pasta on Thursday and we laughed about the dog. "
        "Tonight I am going to have a bath, put my phone in the other room and try to sleep before midnight."
    )
    assert len(sentences_of(fold(entry).tokens)) > WHOLE_TEXT_SENTENCES
    assert not assess_risk(entry).is_risk


def test_the_shipped_model_is_small_and_describes_itself():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert MODEL_PATH.stat().st_size < 5_000_000
    assert data["labels"] == list(LABELS)
    assert 0 < data["threshold"] < 1
    assert load_model().threshold == data["threshold"]


def _training_script():
    import importlib.machinery
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[3] / "scripts" / "train_risk_model"
    loader = importlib.machinery.SourceFileLoader("train_risk_model", str(script))
    spec = importlib.util.spec_from_loader("train_risk_model", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_the_shipped_model_was_trained_on_the_shipped_corpus():
    """Retraining is `scripts/train_risk_model --check`; here, cheaply, the corpus it names is the one we ship."""
    module = _training_script()
    digest = module.corpus_digest(module.load_rows())
    assert json.loads(MODEL_PATH.read_text(encoding="utf-8"))["corpus_sha256"] == digest


def test_the_long_text_model_was_trained_on_the_shipped_corpus_and_its_long_texts():
    """`scripts/train_risk_model --long --check` retrains it; here the corpus it names is the short rows and the
    long texts we ship. Its long texts never reach the short-text model (whose digest is checked above)."""
    module = _training_script()
    long_rows = module.load_long_rows()
    assert len(long_rows) > 500
    assert all(len(sentences_of(fold(text).tokens)) > WHOLE_TEXT_SENTENCES for text, _ in long_rows)
    digest = module.corpus_digest(module.load_rows() + long_rows)
    data = json.loads(LONG_MODEL_PATH.read_text(encoding="utf-8"))
    assert data["corpus_sha256"] == digest
    assert LONG_MODEL_PATH.stat().st_size < 6_000_000
    assert data["labels"] == list(LABELS)
    assert load_long_model().threshold == data["threshold"]
    assert data["cross_validation"]["cv_recall"] >= module.LONG_RECALL_FLOOR


def test_a_text_is_read_by_the_model_for_its_length():
    """Up to WHOLE_TEXT_SENTENCES sentences the short-text model, unchanged; past them the long-text model."""
    eight = fold(" ".join(f"Line {n} here." for n in range(WHOLE_TEXT_SENTENCES))).tokens
    nine = fold(" ".join(f"Line {n} here." for n in range(WHOLE_TEXT_SENTENCES + 1))).tokens
    assert model_for(sentences_of(eight)) is load_model()
    assert model_for(sentences_of(nine)) is load_long_model()
    assert load_long_model() is not load_model()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_the_learned_layer_never_lowers_what_the_rules_found(text):
    folded = fold(text)
    assert ORDER[assess_folded(folded).level] >= ORDER[assess_folded(folded, learned=False).level]


def test_a_risky_sentence_buried_in_an_ordinary_entry_still_counts():
    # Written for this test from the constructs (preparatory behaviour, C-SSRS), not taken from any corpus.
    entry = (
        "Work was long and the bus was late again. Sam didn't text back until nine, which I handled okay. "
        "I've written a letter for each of my sisters and put them in the drawer with the cat's papers. "
        "Made pasta, watched two episodes, went to bed early."
    )
    assert assess_risk(entry).is_risk


def test_an_overdose_told_in_passing_with_a_quantity_and_the_drugs_name_is_urgent():
    """C-SSRS actual attempt, told as an aside with "my whole box" and the medicine's own name: the learned layer
    missed it (it had never seen the drug's name), so the cue rules name the common ones. Written for this test."""
    entry = "I took my whole box of sertraline on saturday and my housemate found me"
    assert assess_folded(fold(entry), learned=False).level is RiskLevel.URGENT
    assert assess_risk("took a whole packet of amitriptyline, nobody knows").level is RiskLevel.URGENT
    assert not assess_risk("I took my sertraline this morning like always").is_risk
    assert not assess_risk("took my whole box of chocolates to the party lol").is_risk


def test_the_evidence_is_the_persons_own_words():
    text = "Long day. I keep thinking everyone would be lighter without me around. Anyway, pasta for tea."
    risk = assess_risk(text)
    assert risk.is_risk
    for words, (start, end) in zip(risk.evidence, risk.spans, strict=True):
        assert text[start:end] == words


def test_a_negation_in_the_window_does_not_demote_the_models_urgent_level():
    """Giving a pet away and "won't be needing anything" is a preparatory act (C-SSRS): urgent. The cue rules
    find nothing here; the model grades it urgent, and the "won't" in its window must not turn that into concern
    (the old blanket demotion graded half of the corpus's urgent texts "concern")."""
    text = "my sister can keep the cat, i won't be needing anything after friday"
    assert assess_folded(fold(text), learned=False).level is RiskLevel.NONE
    assert assess_risk(text).level is RiskLevel.URGENT
