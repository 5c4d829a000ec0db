import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.domain.language.text import _fold_ascii, _fold_general, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Soooo TIRED", "so tired"),
        ("I’m “fine”", 'i\'m "fine"'),
        ("self-harm", "self harm"),
        ("ＦＵＬＬ　ｗｉｄｔｈ", "ful width"),
        ("café crème", "cafe creme"),
        ("zero\u200bwidth", "zerowidth"),
        ("a \n\n  b", "a\nb"),
        ("pleeease", "please"),
    ],
)
def test_it_folds_text_for_matching(text, folded):
    assert fold(text).folded == folded


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I'm done", ["im", "done"]),
        ("Im done", ["im", "done"]),
        ("i’ll k1ll it", ["il", "kil", "it"]),
        ("wanna", ["wana"]),
        ("self_harm / self-harm", ["self", "harm", "self", "harm"]),
    ],
)
def test_it_tokenises_words_the_same_whatever_the_spelling(text, words):
    assert fold(text).words == words


def test_it_keeps_sentence_boundaries_commas_and_emoji_as_tokens():
    kinds = [(t.text, t.kind) for t in fold("ok, fine. 😂\nbye").tokens]
    assert kinds == [("ok", "w"), (",", "c"), ("fine", "w"), (".", "b"), ("😂", "s"), ("\n", "b"), ("bye", "w")]


def test_it_maps_every_token_back_to_the_original_words():
    text = "Sooo I’m SO done!!"
    folded = fold(text)
    assert [text[slice(*folded.token_span(i, i + 1))] for i in range(len(folded.tokens))] == [
        "Sooo",
        "I’m",
        "SO",
        "done",
        "!",
        "!",
    ]


@given(st.text(alphabet=st.sampled_from(list("abcABC  \n\r\t-_/\\`'\".,!?ooss")), max_size=40))
def test_the_ascii_fast_path_folds_exactly_like_the_general_one(text):
    assert _fold_ascii(text) == _fold_general(text)


@given(st.text())
def test_it_never_raises_and_spans_stay_inside_the_original(text):
    folded = fold(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.folded)
    for start, end in zip(folded.starts, folded.ends, strict=True):
        assert 0 <= start < end <= len(text)
    for i in range(len(folded.tokens)):
        start, end = folded.token_span(i, i + 1)
        assert 0 <= start < end <= len(text)
