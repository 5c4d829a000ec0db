import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.domain.instruments import get_instrument
from earnedsecure.domain.instruments.fhir import questionnaire_response

from .helpers import ecr, phq9, submit

# ECR-R, published order: anxiety items all 6, avoidance items all 2 (raw; 12 avoidance items reversed -> 6).
ECR_R_RAW = ",".join(["6"] * 18 + ["2"] * 18)


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_scores_the_ecr_r_with_the_published_keying(db):
    result = json.loads(run("score", "ecr-r", "--answers", ECR_R_RAW))
    assert result["subscales"]["anxiety"]["value"] == pytest.approx((16 * 6 + 2 * 2) / 18)
    # 6 raw 2s stay 2, 12 reversed raw 2s become 6: (6*2 + 12*6) / 18.
    assert result["subscales"]["avoidance"]["value"] == pytest.approx((6 * 2 + 12 * 6) / 18)
    assert result["nearest_prototype"]["label"] == "fearful-avoidant"
    assert "midpoint of 4" in result["nearest_prototype"]["rule"]


def test_it_scores_the_phq_9_with_its_band_and_safety_item(db):
    result = json.loads(run("score", "phq-9", "--answers", "0 0 0 0 0 0 0 0 1"))
    assert (result["total"], result["band"]["key"], result["safety_alert"]) == (1, "minimal", True)


@pytest.mark.parametrize(
    ("instrument", "answers", "reason"),
    [
        ("gad-7", "1,1,1", r"item 4 \(gad7\.trouble_relaxing\): has no answer"),
        ("gad-7", "1,1,1,1,1,1,4", r"item 7 .*answer 4 is out of range"),
        ("gad-7", "1,1,x", r"answer 3 \('x'\) is not a whole number"),
        ("gad-7", "1,1,1,1,1,1,1,1", "got 8 answers but the GAD-7 has 7 items"),
        ("ecr-s", "1", "No instrument 'ecr-s'"),
    ],
)
def test_it_refuses_bad_input_with_a_one_line_reason(db, instrument, answers, reason):
    with pytest.raises(CommandError, match=reason) as caught:
        run("score", instrument, "--answers", answers)
    assert "\n" not in str(caught.value)


def test_it_refuses_a_switched_off_instrument(db, settings):
    settings.DISABLED_INSTRUMENTS = ["ecr-r"]
    with pytest.raises(CommandError, match="switched off"):
        run("score", "ecr-r", "--answers", ECR_R_RAW)


def test_the_command_line_exits_non_zero_with_one_line(tmp_path):
    env = {**os.environ, "EARNEDSECURE_DATA_DIR": str(tmp_path)}
    ok = subprocess.run(
        [sys.executable, "-m", "earnedsecure", "score", "gad-7", "--answers", "3,3,3,3,3,3,3"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["band"]["key"] == "severe"
    bad = subprocess.run(
        [sys.executable, "-m", "earnedsecure", "score", "gad-7", "--answers", "3,3"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert bad.returncode != 0
    assert bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "item 3" in bad.stderr


def test_it_lists_the_instruments_with_their_terms(db, settings):
    settings.DISABLED_INSTRUMENTS = ["ecr-rs-friend"]
    text = run("instruments")
    assert "ecr-r: Experiences in Close Relationships-Revised" in text
    assert "Commercial use requires the permission of the authors." in text
    assert "No permission required to reproduce, translate, display or distribute." in text
    assert "ecr-rs-friend" in text and "[switched off on this server]" in text
    rows = json.loads(run("instruments", "--json"))
    assert {row["slug"] for row in rows} >= {"ecr-r", "ecr-rs", "phq-9", "gad-7"}


def test_it_prints_a_valid_questionnaire(db):
    resource = json.loads(run("fhir", "questionnaire", "phq-9"))
    Questionnaire.model_validate(resource)
    assert resource["code"][0]["code"] == "44249-1"
    with pytest.raises(CommandError, match="No instrument"):
        run("fhir", "questionnaire", "nope")


def test_it_exports_every_completed_response_as_a_valid_bundle(alice, bob):
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), datetime(2026, 1, 1, tzinfo=UTC))
    submit(alice, "phq-9", phq9(7, item9=1), datetime(2026, 1, 2, tzinfo=UTC))
    submit(bob, "gad-7", {item.id: 1 for item in get_instrument("gad-7").items}, datetime(2026, 1, 2, tzinfo=UTC))
    bundle = json.loads(run("fhir", "export", "--username", "alice"))
    Bundle.model_validate(bundle)
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds.count("QuestionnaireResponse") == 2
    # ECR-R: two dimension Observations; PHQ-9: its total and item 9 on its own.
    assert kinds.count("Observation") == 4
    full_urls = {entry["fullUrl"] for entry in bundle["entry"]}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Observation":
            assert resource["derivedFrom"][0]["reference"] in full_urls
            assert resource["subject"]["reference"] == f"Patient/person-{alice.pk}"
    with pytest.raises(CommandError, match="no person"):
        run("fhir", "export", "--username", "nobody")


def test_it_imports_a_questionnaire_response_through_the_same_scoring(alice, tmp_path):
    instrument = get_instrument("phq-9")
    answers = phq9(9, item9=0)
    resource = questionnaire_response(instrument, answers, datetime(2026, 2, 1, 8, tzinfo=UTC), "Patient/x")
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(resource))
    out = json.loads(run("fhir", "import", "--username", "alice", str(path)))
    stored = InstrumentResponse.objects.get(pk=out["stored"])
    assert (stored.owner, stored.total, stored.band, stored.source) == (alice, 9, "mild", "fhir_import")
    assert stored.completed_at == datetime(2026, 2, 1, 8, tzinfo=UTC)


def test_it_refuses_an_incomplete_import_and_stores_nothing(alice, tmp_path):
    instrument = get_instrument("gad-7")
    resource = questionnaire_response(
        instrument, {item.id: 1 for item in instrument.items}, datetime(2026, 2, 1, tzinfo=UTC), "Patient/x"
    )
    resource["item"] = resource["item"][:-1]
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(resource))
    with pytest.raises(CommandError, match="item 7"):
        run("fhir", "import", "--username", "alice", str(path))
    path.write_text("{not json")
    with pytest.raises(CommandError, match="is not JSON"):
        run("fhir", "import", "--username", "alice", str(path))
    assert InstrumentResponse.objects.count() == 0


def test_score_adds_a_safety_line_on_stderr_when_item_9_is_above_zero(capsys):
    from django.core.management import call_command

    call_command("score", "phq-9", "--answers", "0,0,0,0,0,0,0,0,1")
    captured = capsys.readouterr()
    assert json.loads(captured.out)["safety_alert"] is True
    assert "Safety:" in captured.err and "crisis line" in captured.err
    call_command("score", "phq-9", "--answers", "3,3,3,3,3,3,3,3,0")
    assert "Safety:" not in capsys.readouterr().err
