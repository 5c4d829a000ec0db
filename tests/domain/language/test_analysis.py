import json

from hypothesis import given, settings
from hypothesis import strategies as st

from earnedsecure.domain.language import analyze_message, analyze_thought, assess_risk
from earnedsecure.domain.language.evaluation import TUNING_PATH, evaluate, load_labelled

# Text that looks like what people write, plus anything at all.
_WORDS = st.sampled_from(
    [
        "i",
        "im",
        "i'm",
        "you",
        "u",
        "he",
        "she",
        "always",
        "never",
        "kill",
        "myself",
        "die",
        "hurt",
        "hit",
        "me",
        "not",
        "want",
        "to",
        "should",
        "fault",
        "soooo",
        "??",
        "!!!",
        "k",
        "fine",
        "whatever",
        "ex",
        "love",
        "ok",
        "are",
        "we",
        "😂",
        "’",
        "́",
        "\n",
        ",",
        ".",
        "-",
        "ﬁ",
        "ＩＭ",
    ]
)
TEXTS = st.one_of(st.text(), st.lists(_WORDS, max_size=40).map(" ".join))


def _check_spans(text, finding):
    for words, (start, end) in zip(finding["evidence"], finding["spans"], strict=True):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == words


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_thought_never_raises_and_points_at_its_own_words(text):
    result = analyze_thought(text).to_dict()
    json.dumps(result)
    assert len(result["traps"]) <= 3
    for trap in result["traps"]:
        assert 0 <= trap["confidence"] <= 1
        _check_spans(text, trap)
    _check_spans(text, result["risk"])
    assert result["risk"]["level"] in ("none", "concern", "urgent")
    # No coaching beside a risk (hazard log H2).
    assert result["coaching"] is (result["risk"]["level"] == "none")
    if not result["coaching"]:
        assert result["traps"] == []


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=-5, max_value=50))
def test_a_message_never_raises_and_points_at_its_own_words(text, asked):
    result = analyze_message(text, reassurance_requests_today=asked).to_dict()
    json.dumps(result)
    assert result["protest"] is bool(result["behaviours"])
    for behaviour in result["behaviours"]:
        assert 0 <= behaviour["confidence"] <= 1
        _check_spans(text, behaviour)
    if result["risk"]["level"] != "none":
        # No coaching beside a risk: no behaviours, no rewrite, no soothing nudge (hazard log H2).
        assert result["coaching"] is False
        assert result["behaviours"] == [] and result["rewrite"] is None and result["rewrite_parts"] is None
        assert result["suggest_soothing_first"] is False
    else:
        assert result["coaching"] is True
        if not result["protest"]:
            assert result["rewrite"] == text
    _check_spans(text, result["risk"])


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_risk_never_raises_and_kind_goes_with_level(text):
    risk = assess_risk(text).to_dict()
    assert (risk["kind"] is None) == (risk["level"] == "none")
    _check_spans(text, risk)


def test_a_very_long_text_finishes():
    text = ("You never answer. I'm such an idiot and I want to die?!! 😂 " * 1000)[:50_000]
    assert analyze_thought(text).risk.is_risk
    calm = ("You never answer. I'm such an idiot, you obviously don't care?!! 😂 " * 1000)[:50_000]
    assert analyze_message(calm).protest


def test_the_tuning_set_scores_well():
    # Only the tuning set belongs here: the held-out set is for benchmarks/language_quality.py alone.
    report = evaluate(load_labelled(TUNING_PATH))
    assert report.protest.f1 >= 0.9
    assert report.crisis_recall >= 0.95
    assert report.idiom_false_alarm_rate <= 0.1
    assert report.negations_urgent == 0
    assert report.trap_top3_hit_rate >= 0.75
