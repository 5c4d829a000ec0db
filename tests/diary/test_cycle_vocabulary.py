"""The diary's and the coach's choices, forms and API accept exactly the cycle's vocabulary (domain/cycle), with its
labels: nothing is listed a second time, so nothing can drift."""

import pytest

from earnedsecure.api import api
from earnedsecure.coach.forms import ThoughtStartForm
from earnedsecure.coach.models import ThoughtRecord
from earnedsecure.diary.forms import ActivationFlowForm, ActivationForm
from earnedsecure.diary.models import Activation, ToolSession
from earnedsecure.domain import cycle


def _pairs(vocabulary):
    return [(term.key, term.label) for term in vocabulary]


@pytest.mark.parametrize(
    ("field", "vocabulary"),
    [
        (Activation._meta.get_field("trigger"), cycle.TRIGGERS),
        (Activation._meta.get_field("response"), cycle.RESPONSES),
        (Activation._meta.get_field("protest_result"), cycle.PROTEST_RESULTS),
        (ToolSession._meta.get_field("tool"), cycle.TOOLS),
        (ThoughtRecord._meta.get_field("trigger"), cycle.TRIGGERS),
    ],
    ids=["activation.trigger", "activation.response", "activation.protest_result", "tool", "thought.trigger"],
)
def test_the_model_choices_are_the_cycles_keys_and_labels(field, vocabulary):
    assert list(field.choices) == _pairs(vocabulary)
    assert max(len(key) for key in vocabulary.keys) <= field.max_length


def test_the_forms_offer_the_cycles_words():
    flow = ActivationFlowForm()
    assert list(flow.fields["trigger"].choices) == _pairs(cycle.TRIGGERS)
    assert list(flow.fields["urges"].choices) == [(b.key, b.urge) for b in cycle.PROTEST_BEHAVIOURS]
    assert {key for key, _ in flow.fields["response"].choices} == set(cycle.RESPONSES.keys)
    assert {label for _, label in flow.fields["response"].choices} == {r.offer for r in cycle.RESPONSES}
    full = ActivationForm()
    assert list(full.fields["response"].choices) == [("", "Not recorded"), *_pairs(cycle.RESPONSES)]
    assert list(full.fields["protest_result"].choices) == [("", "Not recorded"), *_pairs(cycle.PROTEST_RESULTS)]
    assert list(ThoughtStartForm().fields["trigger"].choices)[1:] == _pairs(cycle.TRIGGERS)


def _enum(schema: dict) -> list[str]:
    """The allowed values of a property, through Optional (anyOf ... null) and lists."""
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "array":
            option = option["items"]
        if "enum" in option:
            return option["enum"]
    raise AssertionError(f"no enum in {schema}")


@pytest.mark.parametrize(
    ("component", "name", "allowed"),
    [
        ("ActivationIn", "trigger", cycle.TRIGGERS.keys),
        ("ActivationIn", "urges", cycle.PROTEST_BEHAVIOURS.keys),
        ("ActivationIn", "response", ("", *cycle.RESPONSES.keys)),
        ("ActivationIn", "protest_result", ("", *cycle.PROTEST_RESULTS.keys)),
        ("ActivationPatch", "trigger", cycle.TRIGGERS.keys),
        ("ActivationPatch", "urges", cycle.PROTEST_BEHAVIOURS.keys),
        ("ActivationPatch", "response", ("", *cycle.RESPONSES.keys)),
        ("ActivationPatch", "protest_result", ("", *cycle.PROTEST_RESULTS.keys)),
        ("FollowUpIn", "protest_result", ("", *cycle.PROTEST_RESULTS.keys)),
        ("ToolSessionIn", "tool", cycle.TOOLS.keys),
        ("ThoughtRecordIn", "trigger", ("", *cycle.TRIGGERS.keys)),
    ],
)
def test_the_api_allows_exactly_the_cycles_keys(component, name, allowed):
    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert _enum(schemas[component]["properties"][name]) == list(allowed)


def test_the_api_refuses_a_tool_slug_where_a_key_belongs(alice_client):
    # The page is at /diary/tools/grounding/, but the diary stores (and the API takes) the key.
    url = "/api/v1/diary/tool-sessions"
    refused = alice_client.post(url, {"tool": "grounding", "distress_before": 6}, content_type="application/json")
    assert refused.status_code == 422
    saved = alice_client.post(url, {"tool": "grounding_54321", "distress_before": 6}, content_type="application/json")
    assert saved.status_code == 201 and saved.json()["tool"] == "grounding_54321"
