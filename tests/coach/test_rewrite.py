import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnedsecure.coach.rewrite import REPORT_EXAMPLE, compose_message, parts_from_rewrite

REPORT_MESSAGE = (
    "I notice I'm feeling anxious when I don't hear from you. I know you're busy, and I'm working on managing "
    "this feeling. Would you be willing to send a quick text when you get a moment?"
)


def test_it_composes_the_reports_own_example():
    assert compose_message(**REPORT_EXAMPLE) == REPORT_MESSAGE


def test_it_splits_the_reports_example_back_into_its_parts():
    assert parts_from_rewrite(REPORT_MESSAGE) == REPORT_EXAMPLE


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"feel": "i feel hurt.", "request": "can we talk tonight"}, "I feel hurt. Can we talk tonight?"),
        ({"request": "Please call me at nine."}, "Please call me at nine."),
        ({"feel": "  ", "when": "", "their_side": "", "request": ""}, ""),
        ({"their_side": "you had a long day!"}, "You had a long day."),
    ],
)
def test_it_leaves_out_empty_parts_and_tidies_punctuation(parts, message):
    assert compose_message(**parts) == message


@given(st.text(max_size=300))
def test_splitting_never_crashes_and_keeps_only_known_parts(text):
    assert set(parts_from_rewrite(text)) == {"feel", "when", "their_side", "request"}


@given(st.text(max_size=80), st.text(max_size=80), st.text(max_size=80), st.text(max_size=80))
def test_composing_never_crashes(feel, when, their_side, request):
    assert isinstance(compose_message(feel=feel, when=when, their_side=their_side, request=request), str)
