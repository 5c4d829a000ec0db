"""Boundaries, leaving, honest distress and openness are not protest behaviours.

Written from the constructs in the clinical-safety review (a decision or a request for no contact is respected;
"threatening to leave" is leverage; distress is a protest only as blame or pressure; jealousy induction needs an
intent to provoke) with our own examples, not taken from the tuning or held-out sets. Mixed spelling, case,
typos and UK/US/AU English on purpose.
"""

import pytest

from earnedsecure.domain.language import analyze_message
from earnedsecure.domain.language.protest import read_draft, read_stance
from earnedsecure.domain.language.text import fold

BOUNDARIES = [
    "please don't contact me again",
    "stop calling me. i mean it.",
    "Stop texting me, I've asked you three times now.",
    "leave me alone",
    "im blocking you",
    "I've blocked your number. Don't contact me again.",
    "I don't want to hear from you anymore.",
    "If you turn up at my flat again I'm calling the police.",
    "If you contact me again I will block you.",
    "i need some space for a while, please dont message me",
    "Do not come round to my house.",
    "stop showing up at my work",
    "Quit calling me mate, we're done.",
    "You've called 14 times tonight. Stop calling me.",
    "he's been texting me nonstop since i left, i'm blocking him",
    "I'm not coming back. Please respect my decision and don't try to find me.",
    "Don't text me tonight. I'm not talking to you.",
]

LEAVING = [
    "I'm leaving you.",
    "i've decided to end things with you. i'm sorry.",
    "We're over. I've made up my mind.",
    "I want a divorce.",
    "this isn't working anymore and i think we should break up",
    "it's over between us, please respect that",
    "I'm done with this relationship, goodbye.",
    "I'm leaving you, please don't contact me",
    "ive been thinking about it for months and i'm ending our relationship",
]

DISCLOSURE_HELP_OPENNESS_TIME_OUT = [
    "I'm having a panic attack, can you call me?",
    "im crying and i'd love to talk tonight",
    "I'm feeling really anxious today.",
    "having a proper panic attack at work, could you ring me when you can?",
    "I'm shaking and scared, can you come home?",
    "I've been crying all night. Can we talk tonight?",
    "I'm heartbroken about my nan. I need a hug.",
    "I'm so overwhelmed I can't think, could you please call me now?",
    "Someone asked me out today, I said no, I wanted you to know.",
    "a guy at work asked for my number, i told him i've got a boyfriend",
    "My ex messaged me last night. I didn't reply, just want to be open with you.",
    "Bloke at the pub tried to chat me up, I told him I'm taken, nothing to worry about x",
    "the new guy at work keeps flirting with me, i told him i'm not interested. wanted you to know",
    "A coworker keeps asking me out, I turned him down again, just so you know.",
    "i'm having a panic attack. can you call me right now please",
    "Mate I'm really struggling tonight, could you ring me asap?",
    "I need an hour, I'll call you at 8",
    "I'm getting too heated, I'm going for a walk. I'll text you when I'm back.",
    "I'm switching my phone off for an hour, let's talk after dinner",
    "not in the mood to talk right now, can we talk tomorrow?",
]

STILL_PROTEST = [
    ("threats", "If you don't call me back tonight, I'm leaving."),
    ("threats", "maybe I should just leave then"),
    ("threats", "one more lie and we're done"),
    ("threats", "answer me or we're over"),
    ("threats", "Keep ignoring me and you'll lose me."),
    ("threats", "if you go to that party don't expect me to be here when you get back"),
    ("threats", "I'm leaving you. See if you even notice."),
    ("threats", "I'll block you if you don't pick up"),
    ("threats", "Fine, let's just break up then."),
    ("exaggerated_emotion", "I'm crying my eyes out because of you and you don't even care"),
    ("exaggerated_emotion", "look what you've done to me"),
    ("exaggerated_emotion", "I'm shaking because of you, I hope you're happy"),
    ("exaggerated_emotion", "You're destroying me, do you know that?"),
    ("exaggerated_emotion", "I'm in pieces and it's your fault"),
    ("jealousy_induction", "At least someone at work appreciates me."),
    ("jealousy_induction", "Someone asked me out today. Maybe I'll say yes since you're always busy."),
    ("jealousy_induction", "my ex would never treat me like this"),
    ("jealousy_induction", "Lots of guys message me, just saying."),
    ("withdrawal", "fine."),
    ("withdrawal", "Not saying goodnight. Let's see if you even notice."),
]

# Words a rewrite uses to ask for contact (the report's direct shape ends in a request to the partner).
CONTACT_REQUEST_WORDS = ("Would you be willing", "reconnect", "talk with me", "text", "call")


def _behaviours(text):
    return [b.name for b in read_draft(fold(text))[0]]


@pytest.mark.parametrize("draft", BOUNDARIES)
def test_it_respects_a_boundary_request(draft):
    behaviours, reassurance = read_draft(fold(draft))
    assert behaviours == ()
    assert not reassurance  # so no "soothe yourself first and see whether you still want to send it"
    stance = read_stance(fold(draft))
    assert stance.kind == "boundary" and stance.respected
    for words, (start, end) in zip(stance.evidence, stance.spans, strict=True):
        assert draft[start:end] == words


@pytest.mark.parametrize("draft", LEAVING)
def test_it_respects_a_decision_to_leave(draft):
    behaviours, reassurance = read_draft(fold(draft))
    assert behaviours == () and not reassurance
    assert read_stance(fold(draft)).respected


@pytest.mark.parametrize("draft", BOUNDARIES + LEAVING + DISCLOSURE_HELP_OPENNESS_TIME_OUT)
def test_the_analysis_never_rewrites_these_toward_contact(draft):
    result = analyze_message(draft)
    assert result.behaviours == () and not result.protest
    assert result.rewrite_parts is None
    assert not result.suggest_soothing_first
    # Its own words back, or nothing at all where a risk is found (the safety response takes over).
    if result.risk.is_risk:
        assert result.rewrite is None
    else:
        assert result.rewrite == draft
    if result.rewrite is not None and result.rewrite != draft:
        assert not any(word in result.rewrite for word in CONTACT_REQUEST_WORDS)


@pytest.mark.parametrize("draft", DISCLOSURE_HELP_OPENNESS_TIME_OUT)
def test_disclosure_asking_for_help_openness_and_a_time_out_are_not_protest(draft):
    assert _behaviours(draft) == []


@pytest.mark.parametrize(("behaviour", "draft"), STILL_PROTEST)
def test_leverage_blame_and_provocation_are_still_protest(behaviour, draft):
    behaviours, _ = read_draft(fold(draft))
    (finding,) = [b for b in behaviours if b.name == behaviour]
    for words, (start, end) in zip(finding.evidence, finding.spans, strict=True):
        assert draft[start:end] == words
    assert not read_stance(fold(draft)).respected


@pytest.mark.parametrize(
    ("draft", "kind"),
    [
        ("I'm leaving you. See if you even notice.", "leverage"),
        ("If you ever hit me again I'm leaving.", "boundary"),
        ("Stop calling me or I'll call the police.", "boundary"),
        ("I'll block you if you don't answer.", "leverage"),
        ("Are you going to break up with me?", "none"),
        ("I'd never leave you, silly.", "none"),
        ("I'm scared we'll break up.", "none"),
        ("I'm leaving work now, see you soon", "none"),
        ("why did you stop texting me?", "none"),
        ("you never stop calling me, it's sweet", "none"),
    ],
)
def test_it_tells_a_boundary_from_leverage_and_from_fear(draft, kind):
    assert read_stance(fold(draft)).kind == kind


def test_a_demand_for_an_answer_now_makes_an_ending_a_threat():
    assert "threats" in _behaviours("We're done. Answer me right now!!")
