import pytest

from earnedsecure.domain.language import (
    PROTEST_BEHAVIOURS,
    REASSURANCE_LOOP_THRESHOLD,
    analyze_message,
    is_reassurance_request,
)

# Examples written for these tests (not taken from the tuning or held-out sets).
EXAMPLES = [
    ("testing", "You never make time for me, clearly I don't matter."),
    ("testing", "Who were you texting at midnight?"),
    ("testing", "If you really loved me you wouldn't go."),
    ("threats", "Maybe we should just break up then."),
    ("threats", "Keep doing this and you're going to lose me."),
    ("excessive_contact", "Why aren't you picking up?? Call me right now"),
    ("excessive_contact", "I've messaged you 8 times. Answer me."),
    ("excessive_contact", "hi\nhi\nhello?\nu there"),
    ("jealousy_induction", "My ex asked me out for coffee, just so you know."),
    ("jealousy_induction", "At least someone at the party noticed me."),
    ("withdrawal", "fine."),
    ("withdrawal", "No goodnight from me tonight. I'm not talking to you."),
    ("exaggerated_emotion", "I've been crying all night because of you and I'm falling apart."),
    ("exaggerated_emotion", "I AM SO DONE WITH THIS HONESTLY"),
]

KIND_MESSAGES = [
    "Thanks for the lovely evening, sleep well!",
    "Can you grab some milk on your way back?",
    "Call me when you get a chance, no rush.",
    "I'm proud of you, good luck tomorrow.",
    "Running late, the traffic is killing me, see you at 8.",
    "I notice I'm feeling anxious when I don't hear from you. I know you're busy. "
    "Would you be willing to send a quick text when you get a moment?",
    "ok, see you at 7!",
    "",
]


@pytest.mark.parametrize(("behaviour", "draft"), EXAMPLES)
def test_it_finds_the_protest_behaviour_with_its_words(behaviour, draft):
    result = analyze_message(draft)
    assert result.protest
    (finding,) = [b for b in result.behaviours if b.name == behaviour]
    assert finding.evidence
    for words, (start, end) in zip(finding.evidence, finding.spans, strict=True):
        assert draft[start:end] == words


@pytest.mark.parametrize("draft", KIND_MESSAGES)
def test_a_plain_kind_message_gets_no_warnings_and_keeps_its_words(draft):
    result = analyze_message(draft)
    assert not result.protest
    assert result.behaviours == ()
    assert result.rewrite == draft
    assert result.rewrite_parts is None
    assert not result.suggest_soothing_first


def test_the_rewrite_takes_the_reports_direct_shape_in_the_drafts_own_words():
    # Only what the draft says is filled in (issue 12; more in test_rewrite.py): no guessed feeling or request.
    result = analyze_message("You didn't text me all day - you're obviously pulling away!")
    assert result.rewrite == (
        "I notice I'm feeling [how I feel] when you didn't text me all day. "
        "I know [what I know about your side]. Would you be willing to [one specific request]?"
    )
    parts = result.rewrite_parts
    assert parts is not None
    assert parts.situation.source == "draft"
    assert parts.feeling.source is None


def test_the_rewrite_uses_the_persons_own_feeling_word():
    result = analyze_message("I'm so jealous, who was that girl?? answer me")
    assert result.rewrite.startswith("I notice I'm feeling jealous when ")


def test_the_rewrite_leaves_placeholders_where_the_draft_says_nothing():
    result = analyze_message("k.")
    assert "[what happened]" in result.rewrite
    assert "[what I know about your side]" in result.rewrite
    assert result.rewrite_parts is not None
    assert not result.rewrite_parts.situation.prefilled


@pytest.mark.parametrize(
    "draft",
    ["Do you still love me?", "are we ok?", "Are you mad at me", "r u mad at me??", "Did I do something wrong?"],
)
def test_it_recognises_reassurance_requests(draft):
    assert is_reassurance_request(draft)


@pytest.mark.parametrize("draft", ["Do you want pasta?", "Are we still on for Friday?", "I love you"])
def test_ordinary_questions_are_not_reassurance_requests(draft):
    assert not is_reassurance_request(draft)


def test_after_several_reassurance_requests_it_suggests_a_soothing_tool_first():
    draft = "are we okay? do you still love me?"
    assert not analyze_message(draft, reassurance_requests_today=REASSURANCE_LOOP_THRESHOLD - 1).suggest_soothing_first
    later = analyze_message(draft, reassurance_requests_today=REASSURANCE_LOOP_THRESHOLD)
    assert later.reassurance_request
    assert later.suggest_soothing_first
    assert "4-7-8" in later.to_dict()["soothing_suggestion"]
    assert not analyze_message("Enjoy the game!", reassurance_requests_today=10).suggest_soothing_first


def test_every_behaviour_says_why_it_backfires():
    assert set(PROTEST_BEHAVIOURS) == {
        "testing",
        "threats",
        "excessive_contact",
        "jealousy_induction",
        "withdrawal",
        "exaggerated_emotion",
        "monitoring",
    }
    for info in PROTEST_BEHAVIOURS.values():
        assert info.label and info.why_it_backfires and info.underlying_need


def test_the_message_result_has_the_documented_shape():
    result = analyze_message("hello??? why aren't you answering").to_dict()
    assert {"protest", "behaviours", "rewrite", "risk"} <= set(result)
    assert result["protest"] is True
    assert {"name", "evidence", "why_it_backfires"} <= set(result["behaviours"][0])
    assert set(result["risk"]) >= {"level", "kind"}
