import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _run(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    options = {"stdout": out, "stderr": err}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command("analyze", *args, **options)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_thought_analysis_as_json():
    out, _ = _run("thought", "They're obviously pulling away and they will leave me.")
    result = json.loads(out)
    assert set(result) >= {"traps", "risk"}
    assert result["traps"] and {"name", "confidence", "evidence"} <= set(result["traps"][0])
    assert (result["risk"]["level"], result["risk"]["kind"]) == ("none", None)


def test_it_prints_a_message_analysis_as_json():
    result = json.loads(_run("message", "You didn't text me all day - you're obviously pulling away!")[0])
    assert result["protest"] is True and result["behaviours"] and result["rewrite"]
    assert {"name", "evidence"} <= set(result["behaviours"][0]) and "level" in result["risk"]


def test_it_reads_and_writes_json_lines_in_order():
    lines = [
        json.dumps({"id": "a", "text": "Hope the meeting went well!"}),
        "",
        json.dumps({"text": "You didn't text me all day - you're obviously pulling away!"}),
    ]
    out, err = _run("message", "--jsonl", stdin="\n".join(lines) + "\n")
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 2 and err == ""
    assert results[0]["id"] == "a" and results[0]["protest"] is False
    assert results[1]["protest"] is True


def test_a_bad_line_is_reported_in_place_and_the_command_fails():
    lines = ['{"text": "fine"}', "not json", '{"words": "no text key"}', '{"text": "also fine"}']
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 line"):
        call_command("analyze", "thought", "--jsonl", stdin=io.StringIO("\n".join(lines)), stdout=out, stderr=err)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 4
    assert results[1]["error"].startswith("line 2:") and "text" in results[2]["error"]
    assert "traps" in results[3]
    assert "error: line 2:" in err.getvalue()


def test_it_needs_the_text():
    with pytest.raises(CommandError, match="give the text"):
        _run("thought")


def test_it_runs_from_the_earnedsecure_command(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "EARNEDSECURE_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "earnedsecure", "analyze", "thought", "I want to kill myself"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["risk"]["kind"] == "self_harm"
