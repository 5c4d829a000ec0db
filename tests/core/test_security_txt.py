"""/.well-known/security.txt names only a contact the operator gave: never a made-up address."""

import os
import subprocess
import sys


def test_it_answers_404_without_a_contact(client, db, settings):
    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404


def test_it_names_the_operators_contact_and_its_own_address(client, db, settings):
    settings.SECURITY_CONTACT = "https://operator.example/report"
    settings.SITE_URL = "https://notebook.example/"
    response = client.get("/.well-known/security.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "Contact: https://operator.example/report"
    assert "Canonical: https://notebook.example/.well-known/security.txt" in lines
    assert ".invalid" not in response.content.decode()


def test_a_contact_that_is_not_an_address_stops_the_app(tmp_path):
    environment = {**os.environ, "EARNEDSECURE_DATA_DIR": str(tmp_path), "EARNEDSECURE_SECURITY_CONTACT": "me"}
    result = subprocess.run(
        [sys.executable, "-c", "import earnedsecure.settings"], env=environment, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "EARNEDSECURE_SECURITY_CONTACT must start with mailto: or https://" in result.stderr
