import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from earnedsecure.coach.rewrite import PARTS, REPORT_EXAMPLE, UNNAMED_FEELING, compose_message, ideas, prefilled_parts
from earnedsecure.domain.language import rewrite as domain_rewrite
from earnedsecure.domain.language.text import fold
from tests.domain.language.test_rewrite import _DRAFT, invented_words

REPORT_MESSAGE = (
    "I notice I'm feeling anxious when I don't hear from you. I know you're busy, and I'm working on managing "
    "this feeling. Would you be willing to send a quick text when you get a moment?"
)


def test_it_composes_the_reports_own_example():
    assert compose_message(**REPORT_EXAMPLE) == REPORT_MESSAGE


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (
            {"feeling": "hurt.", "request": "talk tonight"},
            "I notice I'm feeling hurt. Would you be willing to talk tonight?",
        ),
        ({"request": "Could you call me at nine?"}, "Would you be willing to call me at nine?"),
        ({"their_side": "I know that you had a long day!"}, "I know you had a long day."),
        ({"situation": "when plans change"}, "I notice I'm feeling this way when plans change."),
        (
            {"feeling": "I'm feeling  lonely", "situation": "you're away"},
            "I notice I'm feeling lonely when you're away.",
        ),
        ({"feeling": "  ", "situation": "", "their_side": "", "request": ""}, ""),
    ],
)
def test_it_fills_the_frames_without_repeating_them_and_drops_empty_parts(parts, message):
    assert compose_message(**parts) == message


def test_it_prefills_only_the_parts_the_analysis_could_fill():
    parts = prefilled_parts(
        {
            "feeling": {"value": "anxious", "prefilled": True, "source": "draft"},
            "situation": {"value": "[what happened]", "prefilled": False, "source": None},
            "their_side": {"value": "you're probably busy", "prefilled": True, "source": "draft"},
            "request": {"value": "send a quick text", "prefilled": True, "source": "behaviour"},
        }
    )
    assert parts == {
        "feeling": "anxious",
        "situation": "",
        "their_side": "you're probably busy",
        "request": "send a quick text",
    }
    assert prefilled_parts(None) == {"feeling": "", "situation": "", "their_side": "", "request": ""}


def test_it_speaks_of_the_same_parts_as_the_analysis():
    assert PARTS == domain_rewrite.PARTS and UNNAMED_FEELING == domain_rewrite.UNNAMED_FEELING


@given(_DRAFT, st.data())
def test_the_message_holds_only_the_drafts_words_and_what_the_person_wrote_or_picked(draft, data):
    # The page: the blanks start from the draft's own words; the person may type over any of them or pick one
    # of the ideas offered beside it; the message is composed from what is in the blanks.
    found = domain_rewrite.build_rewrite(fold(draft), ()).to_dict()
    parts = prefilled_parts(found)
    offered = ideas(found)
    chosen = {}
    for name in PARTS:
        how = data.draw(st.sampled_from(["keep", "type", "pick"] if offered[name] else ["keep", "type"]))
        if how == "type":
            chosen[name] = data.draw(st.text(max_size=40))
        elif how == "pick":
            chosen[name] = data.draw(st.sampled_from(offered[name]))
    message = compose_message(**{**parts, **chosen})
    assert invented_words(message, draft, *chosen.values()) == set()


@given(st.text(max_size=80), st.text(max_size=80), st.text(max_size=80), st.text(max_size=80))
def test_composing_never_crashes_and_never_leaves_a_frame_empty(feeling, situation, their_side, request):
    # A person may type a frame word themselves ("when"); the check below is about the frames we add.
    assume(not any(re.search(r"(?i)feeling|when|know|to", part) for part in (feeling, situation, their_side, request)))
    message = compose_message(feeling=feeling, situation=situation, their_side=their_side, request=request)
    # No frame is ever left hanging with nothing after it ("I know ." or "willing to ?").
    assert not re.search(r"(?:feeling|when|know|to) ?[.?](?:\s|$)", message)
