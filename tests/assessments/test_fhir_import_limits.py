"""`earnedsecure fhir import`: a wrong, impossible or huge file is refused with a clear message, never stored."""

import json
import resource as rlimit
import sys
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from earnedsecure.assessments.management.commands.fhir import IMPORT_MAX_BYTES
from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.assessments.services import response_import_fhir
from earnedsecure.domain.instruments import InvalidAnswers, get_instrument
from earnedsecure.domain.instruments.fhir import questionnaire_response

from .helpers import phq9

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def _phq9_response(**changes) -> dict:
    resource = questionnaire_response(get_instrument("phq-9"), phq9(5), WHEN, "Patient/x")
    return resource | changes


def _import_file(tmp_path, content: str | bytes) -> None:
    path = tmp_path / "response.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    call_command("fhir", "import", "--username", "alice", str(path))


def test_it_stores_a_good_response_at_its_authored_time(alice):
    stored = response_import_fhir(user=alice, resource=_phq9_response(), now=NOW)
    assert stored.completed_at == WHEN


@pytest.mark.parametrize(
    ("authored", "message"),
    [
        ("9999-12-31T23:00:00+00:00", "between 1900 and 2100"),
        ("9999-12-31T23:00:00-05:00", "between 1900 and 2100"),  # overflowed turning into UTC
        ("0001-01-01T00:00:00+05:00", "between 1900 and 2100"),
        ("2027-06-01T00:00:00+00:00", "in the future"),
        ("2026-13-45T00:00:00+00:00", "must be a FHIR dateTime"),  # raised ValueError
        ("not a date", "must be a FHIR dateTime"),  # was silently stored as now
        ("2026-03-01T09:30:00", "must be a FHIR dateTime"),  # no time zone
        (5, "must be a FHIR dateTime"),
        (["2026-03-01"], "must be a FHIR dateTime"),
    ],
)
def test_it_refuses_an_authored_date_that_is_wrong_impossible_or_out_of_range(alice, authored, message):
    with pytest.raises(InvalidAnswers, match=message):
        response_import_fhir(user=alice, resource=_phq9_response(authored=authored), now=NOW)
    assert not InstrumentResponse.objects.filter(owner=alice).exists()


def test_a_response_from_year_9999_is_refused_and_the_home_page_still_opens(alice, alice_client, tmp_path):
    with pytest.raises(CommandError, match="between 1900 and 2100"):
        _import_file(tmp_path, json.dumps(_phq9_response(authored="9999-12-31T23:00:00-05:00")))
    assert alice_client.get("/home/").status_code == 200


@pytest.mark.parametrize(
    "resource",
    [
        [_phq9_response()],
        "QuestionnaireResponse",
        {"resourceType": ["QuestionnaireResponse"]},
        _phq9_response(item="x"),
        _phq9_response(item=[{"linkId": ["x"], "answer": [{"valueInteger": 1}]}]),
        _phq9_response(item=[{"linkId": {"a": 1}, "answer": [{"valueCoding": [1]}]}]),
        _phq9_response(status=["completed"]),
    ],
)
def test_it_refuses_wrong_types_with_a_message(alice, tmp_path, resource):
    with pytest.raises(CommandError):
        _import_file(tmp_path, json.dumps(resource))
    assert not InstrumentResponse.objects.filter(owner=alice).exists()


def test_it_refuses_a_file_over_the_limit_before_parsing_it(alice, tmp_path):
    padding = " " * IMPORT_MAX_BYTES
    with pytest.raises(CommandError, match="over 1,000,000 bytes"):
        _import_file(tmp_path, json.dumps(_phq9_response()) + padding)
    assert not InstrumentResponse.objects.filter(owner=alice).exists()


@pytest.mark.skipif(sys.platform != "linux", reason="reads peak memory from getrusage in KiB (Linux)")
def test_a_100_mb_file_does_not_take_the_memory_to_parse_it(alice, tmp_path):
    # 100 MB of answers: parsed whole, this took 1.1 GB. Refused after reading about 1 MB, the peak barely moves.
    path = tmp_path / "huge.json"
    item = json.dumps({"linkId": "x", "answer": [{"valueInteger": 1}]})
    with path.open("w", encoding="utf-8") as handle:  # written in pieces, so the test itself stays small
        handle.write('{"resourceType": "QuestionnaireResponse", "status": "completed", "item": [' + item)
        for _ in range(100):
            handle.write(("," + item) * 25_000)
        handle.write("]}")
    assert path.stat().st_size > 100_000_000
    before = rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss
    with pytest.raises(CommandError, match="over"):
        call_command("fhir", "import", "--username", "alice", str(path))
    grown_mib = (rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 50


def test_it_refuses_deeply_nested_json(alice, tmp_path):
    body = '{"resourceType": "QuestionnaireResponse", "item": ' + "[" * 50_000 + "]" * 50_000 + "}"
    with pytest.raises(CommandError, match="nested too deeply"):
        _import_file(tmp_path, body)


def test_it_refuses_a_file_that_is_not_utf8(alice, tmp_path):
    with pytest.raises(CommandError, match="not UTF-8"):
        _import_file(tmp_path, b"\xff\xfe{}")
