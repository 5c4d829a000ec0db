import json
from datetime import UTC, datetime

import pytest

from earnedsecure.accounts.services import account_export
from earnedsecure.assessments.services import (
    InstrumentUnavailable,
    assumption_set,
    response_import_fhir,
    response_start,
    schedule_set,
)
from earnedsecure.domain.instruments import get_instrument
from earnedsecure.domain.instruments.fhir import questionnaire_response

from .helpers import ecr, phq9, submit

WHEN = datetime(2026, 3, 1, 20, tzinfo=UTC)


def test_the_persons_export_includes_every_response_schedule_and_assumption(alice, bob):
    submit(alice, "phq-9", phq9(7, item9=1), WHEN)
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), WHEN)
    response_start(user=alice, instrument="gad-7")
    submit(bob, "phq-9", phq9(1), WHEN)
    schedule_set(user=alice, instrument="gad-7", every_days=28)
    assumption_set(user=alice, instrument="ecr-r", sd=1.0, reliability=0.9)
    exported = json.loads(json.dumps(account_export(user=alice), default=str))
    rows = exported["data"]["assessments.instrumentresponse"]
    assert len(rows) == 3
    assert {row["instrument"] for row in rows} == {"phq-9", "ecr-r", "gad-7"}
    phq = next(row for row in rows if row["instrument"] == "phq-9")
    assert phq["answers"]["phq9.thoughts_dead_or_self_harm"] == 1 and phq["item9"] == 1
    assert [row["every_days"] for row in exported["data"]["assessments.schedule"]] == [28]
    assert [row["reliability"] for row in exported["data"]["assessments.changeassumption"]] == [0.9]


def test_an_ecr_rs_response_without_its_questionnaire_is_refused_as_ambiguous(alice):
    instrument = get_instrument("ecr-rs-mother")
    resource = questionnaire_response(instrument, ecr("ecr-rs-mother", 3, 3), WHEN, "Patient/x")
    del resource["questionnaire"]
    with pytest.raises(InstrumentUnavailable, match="could answer ecr-rs"):
        response_import_fhir(user=alice, resource=resource)


def test_a_loinc_coded_phq_9_without_our_questionnaire_url_is_recognised(alice):
    resource = questionnaire_response(get_instrument("phq-9"), phq9(11), WHEN, "Patient/x")
    resource["questionnaire"] = "http://loinc.org/q/44249-1"
    stored = response_import_fhir(user=alice, resource=resource)
    assert (stored.instrument, stored.total) == ("phq-9", 11)
