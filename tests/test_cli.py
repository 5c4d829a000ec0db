import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from earnedsecure.__main__ import build_parser
from earnedsecure.accounts.models import User
from earnedsecure.core.demo import DEMO_PASSWORD


def test_demo_prints_the_login_and_makes_a_person_who_can_sign_in(db, capsys, client):
    call_command("demo", months=2)
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["username: demo", f"password: {DEMO_PASSWORD}"]  # the partner's login follows
    response = client.post("/accounts/login/", {"login": "demo", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/home/"


def test_demo_refreshes_rather_than_duplicates(db, capsys):
    call_command("demo", months=1)
    call_command("demo", months=1)
    assert User.objects.filter(username="demo").count() == 1


def test_demo_rejects_a_silly_number_of_months(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="between 1 and 36"):
        call_command("demo", months=0)


def test_export_writes_the_persons_data(alice, capsys):
    call_command("export_person", username="alice")
    assert json.loads(capsys.readouterr().out)["username"] == "alice"


def test_the_command_line_knows_its_subcommands():
    parser = build_parser()
    assert parser.parse_args(["serve"]).port == 8000
    assert parser.parse_args(["serve", "--host", "0.0.0.0", "--port", "9000"]).host == "0.0.0.0"
    assert parser.parse_args(["demo"]).months == 6
    assert parser.parse_args(["export", "--username", "x"]).username == "x"
    assert parser.parse_args(["manage", "check"]).rest == ["check"]


def test_export_of_an_unknown_person_fails_with_a_reason(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "EARNEDSECURE_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "earnedsecure", "export", "--username", "nobody"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "no person with username 'nobody'" in result.stderr
