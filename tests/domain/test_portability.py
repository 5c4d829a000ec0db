"""The export's zip and CSV files (domain/portability.py): no database, a spreadsheet's view of each value."""

import csv
import io
import zipfile

import pytest

from earnedsecure.domain.portability import BOM, Table, csv_cell, export_zip, table_csv


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        ("", ""),
        ("plain words", "plain words"),
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-I'm not enough", "'-I'm not enough"),
        ("@everyone", "'@everyone"),
        ("\tindented", "'\tindented"),
        ("a = b", "a = b"),  # only the first character counts
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-3, "-3"),  # a number is a number, not text that looks like a formula
        (0.5, "0.5"),
        (["seek_reassurance", "withdraw"], '["seek_reassurance", "withdraw"]'),
        ({"path": "/diary/", "note": "café"}, '{"path": "/diary/", "note": "café"}'),
    ],
)
def test_it_writes_each_json_value_as_a_cell(value, cell):
    assert csv_cell(value) == cell


def _read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_it_works():
    table = Table(
        name="diary.activation",
        description="Activations",
        columns=["id", "thought", "intensity", "calm_at"],
        rows=[
            {"id": 1, "thought": 'He said "later",\nand left 💔', "intensity": 7, "calm_at": None},
            {"id": 2, "thought": "ok", "intensity": 0, "calm_at": "2026-11-30T06:15:00.250Z"},
        ],
    )
    data = table_csv(table)
    assert data.startswith(BOM.encode("utf-8"))  # spreadsheets read it as UTF-8
    assert b"\r\n" in data
    assert _read(data) == [
        ["id", "thought", "intensity", "calm_at"],
        ["1", 'He said "later",\nand left 💔', "7", ""],
        ["2", "ok", "0", "2026-11-30T06:15:00.250Z"],
    ]


def test_a_table_without_rows_still_has_its_header():
    assert _read(table_csv(Table(name="x", description="X", columns=["id", "when"], rows=[]))) == [["id", "when"]]


def test_the_zip_holds_one_folder_with_the_json_a_csv_per_table_and_a_readme_naming_each():
    tables = [
        Table(name="accounts.user", description="Users", columns=["id"], rows=[{"id": 1}]),
        Table(name="diary.activation", description="Activations", columns=["id"], rows=[]),
    ]
    packed = export_zip(folder="notebook-export-x", document_json='{"a": 1}', exported_at="today", tables=tables)
    with zipfile.ZipFile(io.BytesIO(packed)) as archive:
        assert sorted(archive.namelist()) == [
            "notebook-export-x/README.txt",
            "notebook-export-x/everything.json",
            "notebook-export-x/tables/accounts.user.csv",
            "notebook-export-x/tables/diary.activation.csv",
        ]
        assert archive.read("notebook-export-x/everything.json") == b'{"a": 1}'
        readme = archive.read("notebook-export-x/README.txt").decode()
    assert "tables/accounts.user.csv" in readme and "Users (1 row)" in readme
    assert "Activations (0 rows)" in readme and "everything.json" in readme
