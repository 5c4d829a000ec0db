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


# Cue rules for constructs the learned layer missed in the third (development) set, each with a look-alike in the
# same words. Written for this test. The rules alone (learned=False) must find each, so the test goes red when
# the cue is taken out even where the model happens to catch the text.
CONSTRUCT_CUES = [
    # C-SSRS preparatory acts: medicine put aside, or bought where nobody notices how much.
    ("been saving my citalopram for a while, there's a fair amount in the drawer now", "self_harm", "urgent"),
    ("getting paracetamol from different chemists so nobody notices how much", "self_harm", "urgent"),
    # C-SSRS method: looking up what would be enough, which mix is most dangerous, an "accident".
    ("up half the night googling how much would be enough", "self_harm", "urgent"),
    ("reading up on which tablets are most dangerous with wine", "self_harm", "urgent"),
    ("i'll make it look like an accident so nobody has to blame themselves", "self_harm", "urgent"),
    # C-SSRS wish to be dead, passive: one's own death or illness welcomed.
    ("if i died in my sleep tonight i'd honestly be relieved", "self_harm", "concern"),
    ("part of me secretly hopes the biopsy comes back bad", "self_harm", "concern"),
    # Joiner's perceived burdensomeness in a person's own words.
    ("i'm just dead weight in everyone's life", "self_harm", "concern"),
    ("what am i even for anymore", "self_harm", "concern"),
    # Danger Assessment: a weapon brought out in a fight; non-fatal strangulation.
    ("he took the knife out of the drawer halfway through the argument", "violence", "urgent"),
    ("her hands were round my throat until i went quiet", "violence", "urgent"),
    ("he pinned me against the fridge by the throat", "violence", "urgent"),
]
CONSTRUCT_LOOK_ALIKES = [
    "picking up my citalopram from the chemist after work",
    "spent the evening googling how long the lamb needs",
    "i'm dead weight on this team this sprint, my code keeps breaking",
    "he took the knife out of the drawer to cut the birthday cake",
    "she put her hands round my neck and kissed me goodnight",
    "years ago my ex had his hands round my throat. i left that week and i'm safe now",
]


@pytest.mark.parametrize(("text", "kind", "level"), CONSTRUCT_CUES)
def test_construct_cues_find_preparation_method_passive_wish_burden_weapons_and_strangulation(text, kind, level):
    from earnedsecure.domain.language.risk import assess_folded
    from earnedsecure.domain.language.text import fold

    found = assess_folded(fold(text), learned=False)
    assert (found.kind.value if found.kind else None, found.level.value) == (kind, level)


@pytest.mark.parametrize("text", CONSTRUCT_LOOK_ALIKES)
def test_construct_cues_leave_their_look_alikes_alone(text):
    from earnedsecure.domain.language.risk import assess_folded
    from earnedsecure.domain.language.text import fold

    assert not assess_folded(fold(text), learned=False).is_risk
