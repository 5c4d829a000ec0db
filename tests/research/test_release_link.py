"""A researcher's download link to an export expires (checklist item 67; research/releases.py).

The operator's command exports as before and, with ``--link-for``, prints a link that works for that researcher
only, signed in with two-step sign-in, while their access runs, until the link expires; the daily purge and a
revoke delete the file. Real exports into a temporary data folder, on SQLite and PostgreSQL.
"""

import io
import re
import stat
import zipfile
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from earnedsecure.core.retention import retention_purge
from earnedsecure.research.models import ExportRecord, Release
from earnedsecure.research.services import researcher_revoke
from tests.research import population
from tests.research.helpers import researcher

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^\s]+/research/releases/([\w-]+)/")


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


def _study():
    study = population.study_with_text()
    population.join(study, population.people(12, rows_each=2), birth_year=1990, gender="man", relationship="none")
    return study


def _export_with_link(tmp_path, username, *extra, study=None):
    study = study or _study()
    stdout = io.StringIO()
    call_command(
        "research",
        "export",
        "--study",
        study.slug,
        "--out",
        str(tmp_path / "out"),
        "--recipient",
        "A university lab",
        "--dua",
        "DUA-1",
        "--link-for",
        username,
        *extra,
        stdout=stdout,
        stderr=io.StringIO(),
    )
    found = LINK.search(stdout.getvalue())
    assert found, stdout.getvalue()
    return found.group(0), found.group(1)


def test_the_researcher_downloads_the_files_while_the_link_runs(data_dir, tmp_path):
    person, client = researcher()
    link, token = _export_with_link(tmp_path, person.username)
    assert link == f"{django_settings.SITE_URL.rstrip('/')}/research/releases/{token}/"
    answer = client.get(urlsplit(link).path)
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment;")
    assert answer["Cache-Control"].startswith("max-age=0") or "no-store" in answer["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content))) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(p.name for p in (tmp_path / "out").iterdir())
        assert archive.read("codebook.json") == (tmp_path / "out" / "codebook.json").read_bytes()
    release = Release.objects.get()
    assert (release.downloads, release.researcher_id) == (1, person.pk)
    assert release.export == ExportRecord.objects.get()
    # Only the hash of the token is kept, and the file is the app's account's alone.
    assert token not in release.token_hash
    kept = data_dir / "releases" / release.file_name
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "releases").stat().st_mode) == 0o700


def test_the_link_stops_working_when_it_expires_and_the_purge_deletes_the_file(data_dir, tmp_path):
    person, client = researcher()
    _, token = _export_with_link(tmp_path, person.username, "--link-days", "2")
    release = Release.objects.get()
    assert timedelta(days=1, hours=23) < release.expires_at - timezone.now() <= timedelta(days=2)
    Release.objects.filter(pk=release.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/research/releases/{token}/").status_code == 404
    kept = data_dir / "releases" / release.file_name
    assert kept.exists()
    counts = retention_purge()
    assert counts["research.release"] == 1
    assert not kept.exists() and not Release.objects.exists()


def test_nobody_else_opens_it(data_dir, tmp_path, alice_client):
    person, client = researcher()
    _, token = _export_with_link(tmp_path, person.username)
    _, other_researcher = researcher("rafe")
    assert other_researcher.get(f"/research/releases/{token}/").status_code == 404
    assert alice_client.get(f"/research/releases/{token}/").status_code == 404
    assert client.get(f"/research/releases/{token[:-1]}x/").status_code == 404
    assert Release.objects.get().downloads == 0


def test_revoking_the_researcher_ends_the_link_and_deletes_the_file(data_dir, tmp_path):
    person, client = researcher()
    _, token = _export_with_link(tmp_path, person.username)
    kept = data_dir / "releases" / Release.objects.get().file_name
    researcher_revoke(user=person)
    assert client.get(f"/research/releases/{token}/").status_code == 404
    assert not kept.exists() and not Release.objects.exists()


def test_a_researcher_without_two_step_sign_in_is_sent_to_set_it_up(data_dir, tmp_path):
    person, client = researcher(two_step=False)
    _, token = _export_with_link(tmp_path, person.username)
    answer = client.get(f"/research/releases/{token}/")
    assert answer.status_code == 302 and Release.objects.get().downloads == 0


def test_the_command_refuses_an_account_without_access_or_a_period_too_long_before_exporting(data_dir, tmp_path):
    study = _study()
    person, _ = researcher()
    researcher_revoke(user=person)
    with pytest.raises(CommandError, match="no access to the research pages"):
        _export_with_link(tmp_path, person.username, study=study)
    with pytest.raises(CommandError, match="No account"):
        _export_with_link(tmp_path, "nobody-here", study=study)
    researcher("rhea2")
    with pytest.raises(CommandError, match="--link-days must be 1 to 30"):
        _export_with_link(tmp_path, "rhea2", "--link-days", "31", study=study)
    assert not ExportRecord.objects.exists()  # refused before anything was exported or logged
