"""FHIR R4 output validated with fhir.resources (R4B models, the R4-compatible release it ships), and import."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import HealthCheck, given, settings

from earnedsecure.domain.instruments import REGISTRY, InvalidAnswers, get_instrument, score
from earnedsecure.domain.instruments.fhir import (
    answers_from_questionnaire_response,
    code_system_url,
    observations,
    questionnaire,
    questionnaire_response,
)

from .strategies import instrument_and_answers

AUTHORED = datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))
SUBJECT = "Patient/alice"
PHQ_9 = get_instrument("phq-9")
ECR_R = get_instrument("ecr-r")


def _answers(instrument, value=None):
    return {item.id: instrument.min_value if value is None else value for item in instrument.items}


@pytest.mark.parametrize("slug", list(REGISTRY))
def test_every_questionnaire_is_valid_fhir(slug):
    instrument = get_instrument(slug)
    resource = questionnaire(instrument)
    Questionnaire.model_validate(resource)
    questions = [item for item in resource["item"] if item["type"] == "choice"]
    assert [q["text"] for q in questions] == [item.text for item in instrument.items]
    assert all(len(q["answerOption"]) == len(instrument.options) for q in questions)
    if instrument.copyright:
        assert instrument.copyright in resource["copyright"]
    assert instrument.terms in resource["copyright"]
    assert instrument.doi in resource["description"]


@pytest.mark.parametrize(("slug", "panel"), [("phq-9", "44249-1"), ("gad-7", "69737-5")])
def test_the_screeners_are_loinc_coded(slug, panel):
    instrument = get_instrument(slug)
    resource = questionnaire(instrument)
    assert resource["code"] == [{"system": "http://loinc.org", "code": panel, "display": instrument.name}]
    questions = [item for item in resource["item"] if item["type"] == "choice"]
    assert [q["linkId"] for q in questions] == [item.loinc for item in instrument.items]
    codings = [option["valueCoding"] for option in questions[0]["answerOption"]]
    assert [(c["system"], c["code"]) for c in codings] == [
        ("http://loinc.org", "LA6568-5"),
        ("http://loinc.org", "LA6569-3"),
        ("http://loinc.org", "LA6570-1"),
        ("http://loinc.org", "LA6571-9"),
    ]
    assert [c["extension"][0]["valueDecimal"] for c in codings] == [0, 1, 2, 3]


def test_the_ecr_r_uses_the_project_code_system_and_stable_ids():
    resource = questionnaire(ECR_R)
    assert code_system_url(ECR_R) == "https://earnedsecure.org/fhir/CodeSystem/ecr-r"
    questions = [item for item in resource["item"] if item["type"] == "choice"]
    assert questions[20]["linkId"] == "ecrr.avo.difficult_to_depend"
    assert questions[20]["code"][0]["system"] == "https://earnedsecure.org/fhir/CodeSystem/ecr-r"
    assert resource["item"][0] == {"linkId": "instructions", "type": "display", "text": ECR_R.instructions}
    assert resource["url"] == "https://earnedsecure.org/fhir/Questionnaire/ecr-r"
    assert resource["name"] == "EcrR"


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(instrument_and_answers())
def test_answers_survive_a_round_trip_through_a_valid_response(case):
    instrument, answers = case
    resource = questionnaire_response(instrument, answers, AUTHORED, SUBJECT, response_id="r1")
    QuestionnaireResponse.model_validate(resource)
    assert answers_from_questionnaire_response(instrument, resource) == answers


def test_the_phq_9_response_carries_loinc_link_ids_and_answer_codes():
    answers = {**_answers(PHQ_9), "phq9.thoughts_dead_or_self_harm": 2}
    resource = questionnaire_response(PHQ_9, answers, AUTHORED, SUBJECT)
    assert resource["questionnaire"] == "https://earnedsecure.org/fhir/Questionnaire/phq-9|1"
    assert resource["authored"] == "2025-03-01T09:30:00+01:00"
    last = resource["item"][-1]
    assert last["linkId"] == "44260-8"
    assert last["answer"][0]["valueCoding"]["code"] == "LA6570-1"


def test_a_response_needs_complete_answers_and_an_aware_time():
    with pytest.raises(InvalidAnswers, match=r"item 9 \(phq9.thoughts_dead_or_self_harm\): answer 7 is out of range"):
        questionnaire_response(PHQ_9, _answers(PHQ_9) | {"phq9.thoughts_dead_or_self_harm": 7}, AUTHORED, SUBJECT)
    with pytest.raises(ValueError, match="authored must be timezone-aware"):
        questionnaire_response(PHQ_9, _answers(PHQ_9), datetime(2025, 3, 1, 9, 30), SUBJECT)


@pytest.mark.parametrize(("slug", "code"), [("phq-9", "44261-6"), ("gad-7", "70274-6")])
def test_screener_totals_are_loinc_observations_derived_from_the_response(slug, code):
    instrument = get_instrument(slug)
    result = score(instrument, _answers(instrument, 2))
    resources = observations(instrument, result, "r1", AUTHORED, SUBJECT)
    for resource in resources:
        Observation.model_validate(resource)
        assert resource["category"][0]["coding"][0]["code"] == "survey"
        assert resource["derivedFrom"] == [{"reference": "QuestionnaireResponse/r1"}]
        assert resource["subject"] == {"reference": SUBJECT}
        assert resource["effectiveDateTime"] == "2025-03-01T09:30:00+01:00"
    total = resources[0]
    assert total["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": code,
        "display": instrument.subscales[0].name,
    }
    assert total["valueQuantity"]["value"] == result.total == 2 * len(instrument.items)
    assert total["interpretation"] == [{"text": result.band.label}]


def test_the_phq_9_safety_item_is_its_own_observation():
    result = score(PHQ_9, _answers(PHQ_9) | {"phq9.thoughts_dead_or_self_harm": 1})
    resources = observations(PHQ_9, result, "urn:uuid:7f0d", AUTHORED, SUBJECT)
    assert len(resources) == 2
    safety = resources[1]
    assert safety["code"]["coding"][0]["code"] == "44260-8"
    assert safety["valueInteger"] == 1
    assert safety["derivedFrom"] == [{"reference": "urn:uuid:7f0d"}]
    assert (
        len(
            observations(
                get_instrument("gad-7"),
                score(get_instrument("gad-7"), _answers(get_instrument("gad-7"))),
                "r1",
                AUTHORED,
                SUBJECT,
            )
        )
        == 1
    )


def test_attachment_scores_use_local_codes_at_full_precision():
    result = score(ECR_R, _answers(ECR_R, 1))
    resources = observations(ECR_R, result, "r1", AUTHORED, SUBJECT)
    for resource in resources:
        Observation.model_validate(resource)
        assert "interpretation" not in resource
    assert [r["code"]["coding"][0]["code"] for r in resources] == ["ecr-r-anxiety", "ecr-r-avoidance"]
    assert {r["code"]["coding"][0]["system"] for r in resources} == {"https://earnedsecure.org/fhir/CodeSystem/ecr-r"}
    assert resources[0]["valueQuantity"]["value"] == 30 / 18


def test_observations_refuse_a_score_of_another_instrument_or_a_naive_time():
    result = score(ECR_R, _answers(ECR_R))
    with pytest.raises(ValueError, match="score of ecr-r v1 given for phq-9 v1"):
        observations(PHQ_9, result, "r1", AUTHORED, SUBJECT)
    with pytest.raises(ValueError, match="effective must be timezone-aware"):
        observations(ECR_R, result, "r1", datetime(2025, 1, 1), SUBJECT)


def _phq_response() -> dict:
    return questionnaire_response(PHQ_9, _answers(PHQ_9, 1), datetime(2025, 1, 1, tzinfo=UTC), SUBJECT)


def test_it_imports_an_hl7_style_response_with_groups_integers_and_the_difficulty_item():
    resource = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": "http://hl7.org/fhir/Questionnaire/phq-9-questionnaire",
        "status": "completed",
        "item": [
            {
                "linkId": "panel",
                "item": [{"linkId": item.loinc, "answer": [{"valueInteger": 2}]} for item in PHQ_9.items[:8]]
                + [
                    {
                        "linkId": PHQ_9.items[8].loinc,
                        "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6568-5"}}],
                    }
                ],
            },
            {"linkId": "69722-7", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6573-5"}}]},
        ],
    }
    answers = answers_from_questionnaire_response(PHQ_9, resource)
    assert answers == {**_answers(PHQ_9, 2), "phq9.thoughts_dead_or_self_harm": 0}
    assert score(PHQ_9, answers).total == 16


def _mutated(change) -> dict:
    resource = copy.deepcopy(_phq_response())
    change(resource)
    return resource


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(resourceType="Observation"), "the resource is not a QuestionnaireResponse"),
        (lambda r: r.update(status="in-progress"), "status is 'in-progress'; only a completed response"),
        (lambda r: r["item"].pop(4), r"item 5 \(phq9.appetite\): has no answer"),
        (
            lambda r: r["item"][8]["answer"][0]["valueCoding"].update(code="LA9999-9"),
            r"item 9 \(phq9.thoughts_dead_or_self_harm\): answer code http://loinc.org\|LA9999-9 is not one",
        ),
        (
            lambda r: r["item"][0]["answer"].append(r["item"][0]["answer"][0]),
            r"item 1 \(phq9.little_interest\): needs exactly one answer, found 2",
        ),
        (
            lambda r: r["item"].append(copy.deepcopy(r["item"][1])),
            r"item 2 \(phq9.feeling_down\): is answered more than once",
        ),
        (
            lambda r: r["item"].append({"linkId": "x-1", "answer": [{"valueInteger": 1}]}),
            "'x-1': is not an item of the PHQ-9",
        ),
        (
            lambda r: r["item"][2].update(answer=[{"valueInteger": 5}]),
            r"item 3 \(phq9.sleep_trouble\): answer 5 is out of range",
        ),
        (
            lambda r: r["item"][2].update(answer=[{"valueString": "2"}]),
            r"item 3 \(phq9.sleep_trouble\): the answer has neither",
        ),
        (
            lambda r: r.update(questionnaire="https://earnedsecure.org/fhir/Questionnaire/gad-7|1"),
            "answers https://earnedsecure.org/fhir/Questionnaire/gad-7, not",
        ),
        (
            lambda r: r.update(questionnaire="https://earnedsecure.org/fhir/Questionnaire/phq-9|2"),
            "answers version 2, this definition is 1",
        ),
    ],
)
def test_it_refuses_a_bad_response_saying_why(change, message):
    with pytest.raises(InvalidAnswers, match=message):
        answers_from_questionnaire_response(PHQ_9, _mutated(change))


def test_it_never_reads_a_mother_response_as_a_father_response():
    mother = get_instrument("ecr-rs-mother")
    resource = questionnaire_response(mother, _answers(mother, 3), AUTHORED, SUBJECT)
    assert answers_from_questionnaire_response(mother, resource) == _answers(mother, 3)
    with pytest.raises(
        InvalidAnswers, match=r"ecr-rs-mother, not https://earnedsecure\.org/fhir/Questionnaire/ecr-rs-father"
    ):
        answers_from_questionnaire_response(get_instrument("ecr-rs-father"), resource)
