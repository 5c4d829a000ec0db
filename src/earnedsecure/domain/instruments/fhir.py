"""FHIR R4 resources (plain JSON-ready dicts) for instruments, answers and scores.

PHQ-9 and GAD-7 follow the LOINC-coded forms of the HL7 examples: the Questionnaire carries the LOINC panel
code, each item's linkId is its LOINC item code, answers are valueCoding with the LOINC LA codes, and the
total is an Observation (category survey, code 44261-6 for the PHQ-9 and 70274-6 for the GAD-7) whose
derivedFrom points to the QuestionnaireResponse. The ECR-R and ECR-RS have no LOINC codes, so they use a
CodeSystem of the project's own per instrument (``code_system_url``) and the stable item ids as linkIds.

Every answer coding carries the R4 ``ordinalValue`` extension so that another system can score it without
knowing our codes. Timestamps must be timezone-aware: FHIR dateTimes with a time need an offset.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime

from .definitions import AnswerProblem, Instrument, InvalidAnswers, Item, ResponseOption
from .phq_gad import PHQ9_DIFFICULTY_LOINC
from .scoring import Score, validate_answers

JSON = dict[str, object]

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
CODE_SYSTEM_BASE = "https://earnedsecure.org/fhir/CodeSystem/"
QUESTIONNAIRE_BASE = "https://earnedsecure.org/fhir/Questionnaire/"
INSTRUCTIONS_LINK_ID = "instructions"
_FINISHED_STATUSES = ("completed", "amended")


def code_system_url(instrument: Instrument) -> str:
    return CODE_SYSTEM_BASE + instrument.slug


def questionnaire_url(instrument: Instrument) -> str:
    return QUESTIONNAIRE_BASE + instrument.slug


def link_id(item: Item) -> str:
    """The LOINC item code where one exists (so HL7-coded responses import as they are), else the item id."""
    return item.loinc or item.id


def _require_aware(name: str, moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware; FHIR dateTimes with a time need an offset")
    return moment.isoformat()


def _answer_coding(instrument: Instrument, option: ResponseOption) -> JSON:
    if option.loinc_answer is not None:
        coding: JSON = {"system": LOINC, "code": option.loinc_answer, "display": option.label}
    else:
        coding = {"system": code_system_url(instrument), "code": str(option.value), "display": option.label}
    coding["extension"] = [{"url": ORDINAL_VALUE, "valueDecimal": option.value}]
    return coding


def _item_coding(instrument: Instrument, item: Item) -> JSON:
    if item.loinc is not None:
        return {"system": LOINC, "code": item.loinc, "display": item.text}
    return {"system": code_system_url(instrument), "code": item.id, "display": item.text}


def _response_reference(response_id: str) -> str:
    # A urn:uuid is what a transaction Bundle needs before the server has assigned an id.
    if response_id.startswith(("QuestionnaireResponse/", "urn:uuid:")):
        return response_id
    return f"QuestionnaireResponse/{response_id}"


def questionnaire(instrument: Instrument) -> JSON:
    """The instrument as a FHIR R4 Questionnaire: verbatim wording, options, terms and copyright."""
    machine_name = "".join(character for character in instrument.slug.title() if character.isalnum())
    if instrument.loinc_panel is not None:
        code = {"system": LOINC, "code": instrument.loinc_panel, "display": instrument.name}
    else:
        code = {"system": code_system_url(instrument), "code": instrument.slug, "display": instrument.name}
    copyright_text = " ".join(text for text in (instrument.copyright, instrument.terms) if text)
    items: list[JSON] = []
    lead_text = instrument.instructions or instrument.stem
    if lead_text:
        items.append({"linkId": INSTRUCTIONS_LINK_ID, "type": "display", "text": lead_text})
    for item in instrument.items:
        items.append(
            {
                "linkId": link_id(item),
                "code": [_item_coding(instrument, item)],
                "prefix": str(item.number),
                "text": item.text,
                "type": "choice",
                "required": True,
                "answerOption": [{"valueCoding": _answer_coding(instrument, option)} for option in instrument.options],
            }
        )
    return {
        "resourceType": "Questionnaire",
        "id": instrument.slug,
        "url": questionnaire_url(instrument),
        "version": instrument.version,
        "name": machine_name,
        "title": instrument.name,
        "status": "active",
        "subjectType": ["Patient"],
        "description": f"{instrument.citation} doi:{instrument.doi}",
        "copyright": copyright_text,
        "code": [code],
        "item": items,
    }


def questionnaire_response(
    instrument: Instrument,
    answers: Mapping[str, object],
    authored: datetime,
    subject_reference: str,
    response_id: str | None = None,
) -> JSON:
    """A completed QuestionnaireResponse; incomplete or invalid answers raise ``InvalidAnswers``."""
    valid = validate_answers(instrument, answers)
    resource: JSON = {"resourceType": "QuestionnaireResponse"}
    if response_id is not None:
        resource["id"] = response_id
    resource.update(
        {
            "questionnaire": f"{questionnaire_url(instrument)}|{instrument.version}",
            "status": "completed",
            "subject": {"reference": subject_reference},
            "authored": _require_aware("authored", authored),
            "item": [
                {
                    "linkId": link_id(item),
                    "text": item.text,
                    "answer": [{"valueCoding": _answer_coding(instrument, instrument.option(valid[item.id]))}],
                }
                for item in instrument.items
            ],
        }
    )
    return resource


def _observation(
    *,
    code: JSON,
    text: str,
    value: Mapping[str, object],
    subject_reference: str,
    effective: str,
    response: str,
) -> JSON:
    observation: JSON = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": {"coding": [code], "text": text},
        "subject": {"reference": subject_reference},
        "effectiveDateTime": effective,
        "derivedFrom": [{"reference": response}],
    }
    observation.update(value)
    return observation


def observations(
    instrument: Instrument,
    score: Score,
    response_id: str,
    effective: datetime,
    subject_reference: str,
) -> list[JSON]:
    """One Observation per subscale score, plus the PHQ-9 safety item on its own so it can be queried."""
    if (score.instrument, score.version) != (instrument.slug, instrument.version):
        raise ValueError(
            f"score of {score.instrument} v{score.version} given for {instrument.slug} v{instrument.version}"
        )
    when = _require_aware("effective", effective)
    response = _response_reference(response_id)
    resources: list[JSON] = []
    for subscale_score in score.subscales:
        subscale = instrument.subscale(subscale_score.key)
        if subscale.loinc is not None:
            code: JSON = {"system": LOINC, "code": subscale.loinc, "display": subscale.name}
        else:
            code = {"system": code_system_url(instrument), "code": subscale.code, "display": subscale.name}
        value: JSON = {
            "valueQuantity": {
                "value": subscale_score.value,
                "unit": "{score}",
                "system": UCUM,
                "code": "{score}",
            }
        }
        if score.band is not None:
            value["interpretation"] = [{"text": score.band.label}]
        resources.append(
            _observation(
                code=code,
                text=subscale.name,
                value=value,
                subject_reference=subject_reference,
                effective=when,
                response=response,
            )
        )
    if score.safety_item_id is not None and score.safety_item_value is not None:
        item = instrument.item(score.safety_item_id)
        resources.append(
            _observation(
                code=_item_coding(instrument, item),
                text=item.text,
                value={"valueInteger": score.safety_item_value},
                subject_reference=subject_reference,
                effective=when,
                response=response,
            )
        )
    return resources


def _walk_items(items: object) -> Iterator[Mapping[str, object]]:
    """Every item of a response, flattening groups (items nested in items or in answers)."""
    if not isinstance(items, list):
        return
    for entry in items:
        if not isinstance(entry, Mapping):
            continue
        yield entry
        yield from _walk_items(entry.get("item"))
        answers = entry.get("answer")
        if isinstance(answers, list):
            for answer in answers:
                if isinstance(answer, Mapping):
                    yield from _walk_items(answer.get("item"))


def _answer_value(instrument: Instrument, answer: object) -> int | str:
    """The option value of one answer, or a reason it cannot be read."""
    if not isinstance(answer, Mapping):
        return "the answer is not an object"
    if "valueInteger" in answer:
        value = answer["valueInteger"]
        return value if isinstance(value, int) and not isinstance(value, bool) else f"valueInteger {value!r}"
    coding = answer.get("valueCoding")
    if not isinstance(coding, Mapping):
        return "the answer has neither valueCoding nor valueInteger"
    system, code = coding.get("system"), coding.get("code")
    for option in instrument.options:
        ours = _answer_coding(instrument, option)
        if (system, code) == (ours["system"], ours["code"]):
            return option.value
    return f"answer code {system}|{code} is not one of the options"


def answers_from_questionnaire_response(instrument: Instrument, resource: Mapping[str, object]) -> dict[str, int]:
    """Read a QuestionnaireResponse back into ``{item id: value}``, refusing anything incomplete or unknown.

    Link ids may be the LOINC item codes or the stable item ids. A response to another of the project's own
    Questionnaires is refused: the four ECR-RS targets share item ids, and a mother's answers must never be
    read as a father's.
    """
    name = instrument.short_name
    if resource.get("resourceType") != "QuestionnaireResponse":
        raise InvalidAnswers([AnswerProblem("the resource is not a QuestionnaireResponse")], instrument=name)
    problems: list[AnswerProblem] = []
    canonical = resource.get("questionnaire")
    if isinstance(canonical, str) and canonical.startswith(QUESTIONNAIRE_BASE):
        url, _, version = canonical.partition("|")
        if url != questionnaire_url(instrument):
            problems.append(AnswerProblem(f"the response answers {url}, not {questionnaire_url(instrument)}"))
        elif version and version != instrument.version:
            problems.append(
                AnswerProblem(f"the response answers version {version}, this definition is {instrument.version}")
            )
    status = resource.get("status")
    if status not in _FINISHED_STATUSES:
        problems.append(AnswerProblem(f"the response status is {status!r}; only a completed response is read"))

    by_link_id = {link_id(item): item for item in instrument.items} | {item.id: item for item in instrument.items}
    collected: dict[str, object] = {}
    for entry in _walk_items(resource.get("item")):
        key = entry.get("linkId")
        answers = entry.get("answer")
        item = by_link_id.get(key) if isinstance(key, str) else None
        if item is None:
            # Display items, groups and the unscored PHQ-9 difficulty question carry nothing to score.
            if answers and key != PHQ9_DIFFICULTY_LOINC:
                problems.append(AnswerProblem(f"is not an item of the {name}", item_id=str(key)))
            continue
        if item.id in collected:
            problems.append(AnswerProblem("is answered more than once", item.id, item.number))
            continue
        if not isinstance(answers, list) or len(answers) != 1:
            count = len(answers) if isinstance(answers, list) else 0
            problems.append(AnswerProblem(f"needs exactly one answer, found {count}", item.id, item.number))
            collected[item.id] = None
            continue
        value = _answer_value(instrument, answers[0])
        if isinstance(value, str):
            problems.append(AnswerProblem(value, item.id, item.number))
        collected[item.id] = value
    if problems:
        problems.extend(
            AnswerProblem("has no answer", item.id, item.number)
            for item in instrument.items
            if item.id not in collected
        )
        raise InvalidAnswers(problems, instrument=name)
    return validate_answers(instrument, collected)
