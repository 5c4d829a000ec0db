import pytest

from earnedsecure.domain.language import RiskKind, RiskLevel, analyze_message, analyze_thought, assess_risk

# Examples written for these tests (not taken from the tuning or held-out sets).
SELF_HARM = [
    "I want to kill myself tonight",
    "im going to kms",
    "thinking of unaliving myself",
    "sewerslide is all I think about",
    "I want to sleep forever",
    "I'm going to take all my pills",
    "I really wanna dye",
    "everyone would be better off without me",
    "I've been cutting myself again",
    "i want to kil my self",
    "There's no point in living",
    "I want to disappear forever",
]
VIOLENCE = [
    "My boyfriend hit me again last night",
    "she choked me during the fight",
    "He threatened to kill me if I leave him",
    "I'm scared he'll hurt me when he's home",
    "He locked me in the flat",
    "He won't let me leave the house",
]
IDIOMS = [
    "I'm dying to see you!",
    "This traffic is killing me",
    "My phone died again",
    "I could die of embarrassment",
    "You killed it tonight!",
    "I'm dead 😂😂",
    "He hit me up about the gig",
    "My sister beat me at cards",
    "My mum will kill me if I'm late",
    "That dessert was to die for",
    "5 kms to go on this run",
]
NEGATIONS = [
    "I would never hurt myself",
    "I'm not going to kill myself, I promise",
    "I don't want to die, I want to feel better",
    "He has never hit me",
]


@pytest.mark.parametrize("text", SELF_HARM)
def test_it_catches_self_harm_language_including_coded_words_and_typos(text):
    risk = assess_risk(text)
    assert risk.level is RiskLevel.URGENT
    assert risk.kind is RiskKind.SELF_HARM
    assert risk.response
    for words, (start, end) in zip(risk.evidence, risk.spans, strict=True):
        assert text[start:end] == words


@pytest.mark.parametrize("text", VIOLENCE)
def test_it_catches_violence_from_a_partner_and_offers_domestic_violence_help(text):
    risk = assess_risk(text)
    assert risk.level is RiskLevel.URGENT
    assert risk.kind is RiskKind.VIOLENCE
    assert risk.to_dict()["show_domestic_violence_help"] is True


@pytest.mark.parametrize("text", IDIOMS)
def test_idioms_are_not_risk(text):
    assert assess_risk(text).level is RiskLevel.NONE


@pytest.mark.parametrize("text", NEGATIONS)
def test_a_negation_is_at_most_concern(text):
    assert assess_risk(text).level is not RiskLevel.URGENT


def test_a_negated_self_harm_statement_still_raises_concern():
    risk = assess_risk("I would never hurt myself")
    assert risk.level is RiskLevel.CONCERN
    assert risk.negated


@pytest.mark.parametrize("text", ["I wish I could just disappear", "I'm such a burden to everyone"])
def test_softer_signs_raise_concern(text):
    risk = assess_risk(text)
    assert risk.level is RiskLevel.CONCERN
    assert risk.kind is RiskKind.SELF_HARM


def test_both_kinds_are_reported_with_self_harm_first_on_a_tie():
    risk = assess_risk("He punched me and now I want to die")
    assert risk.kind is RiskKind.SELF_HARM
    assert risk.kinds == (RiskKind.SELF_HARM, RiskKind.VIOLENCE)
    assert risk.to_dict()["show_domestic_violence_help"] is True


def test_thoughts_and_message_drafts_are_checked_too():
    assert analyze_thought("I'm a failure and I want to end my life").risk.level is RiskLevel.URGENT
    message = analyze_message("If you leave me I'll kill myself")
    assert message.risk.level is RiskLevel.URGENT
    # A threat of suicide is a risk first: the safety response, never a protest card with a rewrite.
    assert not message.protest and message.rewrite is None and not message.coaching


def test_no_risk_has_the_documented_shape():
    assert assess_risk("Lovely walk by the sea today").to_dict() | {} == {
        "level": "none",
        "kind": None,
        "evidence": [],
        "spans": [],
        "kinds": [],
        "response": None,
        "show_crisis_lines": False,
        "show_domestic_violence_help": False,
    }
