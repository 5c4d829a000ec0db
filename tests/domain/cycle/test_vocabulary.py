"""The cycle's vocabulary (domain/cycle): one table per kind of word, each word with a key, a slug and a label."""

import re

import pytest

from earnedsecure.domain import cycle
from earnedsecure.domain.cycle import Practice, Term, Trigger, Vocabulary

VOCABULARIES = {
    "triggers": cycle.TRIGGERS,
    "protest behaviours": cycle.PROTEST_BEHAVIOURS,
    "responses": cycle.RESPONSES,
    "protest results": cycle.PROTEST_RESULTS,
    "tools": cycle.TOOLS,
    "practices": cycle.PRACTICES,
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")


@pytest.mark.parametrize("vocabulary", VOCABULARIES.values(), ids=VOCABULARIES.keys())
def test_it_has_unique_keys_and_slugs_and_a_label_for_every_key(vocabulary):
    terms = list(vocabulary)
    assert terms
    assert len({term.key for term in terms}) == len(terms)
    assert len({term.slug for term in terms}) == len(terms)
    for term in terms:
        assert KEY.match(term.key), term
        assert SLUG.match(term.slug), term  # usable in a URL as it is
        assert term.label.strip() == term.label != "", term
        assert vocabulary.get(term.key) is term
        assert vocabulary.by_slug(term.slug) is term


def test_it_keeps_the_stored_keys():
    # These keys are in people's diaries: changing one needs a data migration, not an edit here.
    assert cycle.TRIGGERS.keys == ("unavailable", "threat", "need_unmet", "uncertainty", "other")
    assert set(cycle.PROTEST_BEHAVIOURS.keys) == {
        "testing",
        "threats",
        "excessive_contact",
        "jealousy_induction",
        "withdrawal",
        "exaggerated_emotion",
        "monitoring",
    }
    assert cycle.RESPONSES.keys == ("protest", "direct", "soothing", "waited", "other")
    assert cycle.PROTEST_RESULTS.keys == ("worked", "backfired", "mixed")
    assert set(cycle.TOOLS.keys) == {
        "breathing_478",
        "grounding_54321",
        "muscle_relaxation",
        "self_compassion",
        "urge_surfing",
    }


def test_a_tool_page_is_at_its_slug_not_its_key():
    # The mix-up behind the 404s: "grounding_54321" is stored, "/diary/tools/grounding/" is the page.
    assert cycle.TOOLS.get("grounding_54321").slug == "grounding"
    assert cycle.TOOLS.by_slug("grounding") is cycle.GROUNDING_54321
    assert cycle.TOOLS.by_slug("grounding_54321") is None


@pytest.mark.parametrize("behaviour", cycle.PROTEST_BEHAVIOURS, ids=lambda behaviour: behaviour.key)
def test_every_protest_behaviour_says_what_it_is_why_it_backfires_and_the_need_under_it(behaviour):
    for text in (behaviour.urge, behaviour.explanation, behaviour.why_it_backfires, behaviour.underlying_need):
        assert text.strip(), behaviour.key
    assert behaviour.explanation != behaviour.label
    assert behaviour.likely_feeling.isalpha()


@pytest.mark.parametrize("response", cycle.RESPONSES, ids=lambda response: response.key)
def test_every_response_has_an_offer_and_a_chart_label(response):
    assert response.offer and response.short_label


@pytest.mark.parametrize("practice", cycle.PRACTICES, ids=lambda practice: practice.key)
def test_every_practice_opens_one_tool_or_one_page(practice):
    assert (practice.tool is None) != (practice.page == "")
    if practice.tool is not None:
        assert cycle.TOOLS.get(practice.tool.key) is practice.tool
    else:
        assert re.match(r"^[a-z_]+:[a-z_]+$", practice.page), practice  # a URL name, namespaced by app
    assert practice.slug == practice.key  # content files name practices by key, already in slug form


def test_every_tool_can_be_practised():
    assert {practice.tool for practice in cycle.PRACTICES if practice.tool} == set(cycle.TOOLS)


def test_the_quick_calming_tools_are_tools():
    assert set(cycle.QUICK_CALMING_TOOLS) <= set(cycle.TOOLS)
    assert cycle.URGE_SURFING not in cycle.QUICK_CALMING_TOOLS  # twenty minutes is not quick


def test_the_follow_up_window_opens_before_it_closes():
    assert cycle.FOLLOW_UP.opens_after.total_seconds() == 3 * 3600
    assert cycle.FOLLOW_UP.closes_after.days == 14


@pytest.mark.parametrize(
    "terms",
    [
        (Trigger("a", "a", "A"), Trigger("a", "b", "B")),
        (Trigger("a", "x", "A"), Trigger("b", "x", "B")),
    ],
    ids=["same key", "same slug"],
)
def test_a_vocabulary_refuses_a_repeated_key_or_slug(terms):
    with pytest.raises(ValueError, match="unique"):
        Vocabulary(*terms)


def test_a_practice_refuses_both_or_neither_destination():
    with pytest.raises(ValueError):
        Practice("x", "x", "X")
    with pytest.raises(ValueError):
        Practice("x", "x", "X", tool=cycle.BREATHING_478, page="diary:index")


def test_a_term_is_frozen():
    with pytest.raises(AttributeError):
        cycle.BREATHING_478.slug = "breathing-478"
    assert isinstance(cycle.BREATHING_478, Term)
