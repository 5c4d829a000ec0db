"""A person's own data, packed to take away: one zip with the JSON document, one CSV per table and a README.

Data portability (GDPR Art. 20; the security checklist, item 57): machine-readable, complete, and readable by a
person with the programs they have. The JSON document is the reference; each CSV holds the same rows and fields
of one table, written from the JSON's own values, so the two cannot tell different stories.

How the CSV files are written, and why:

1. UTF-8 with a byte-order mark. Excel opens a CSV without one in the computer's old code page, which turns any
   accent, curly quote or emoji in what a person wrote into garbage; with the mark, Excel, LibreOffice, Numbers
   and Google Sheets all read UTF-8. Programs that read CSV as data (Python's ``utf-8-sig``, pandas, R) skip it.
2. Comma-separated, a header row, RFC 4180 quoting (a line break inside an entry stays inside its cell).
3. A JSON ``null`` is an empty cell; ``true``/``false``, numbers, lists and objects are written as JSON.
4. Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets an apostrophe in front, so a
   spreadsheet shows it as the text it is instead of running it as a formula (CSV injection). The JSON file
   keeps the exact text.

Framework-free: standard library only (``csv``, ``io``, ``json``, ``zipfile``), nothing read from a clock.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_GUARD = "'"
JSON_NAME = "everything.json"
TABLES_FOLDER = "tables"
README_NAME = "README.txt"


@dataclass(frozen=True)
class Table:
    """One kind of record: its file name (without ``.csv``), what it is in words, its columns and rows.

    ``columns`` are needed on their own: a table with no rows still gets a file with its header.
    """

    name: str
    description: str
    columns: Sequence[str]
    rows: Sequence[Mapping[str, object]]


def csv_cell(value: object) -> str:
    """One JSON value as a CSV cell (see the module's rules 3 and 4)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return TEXT_GUARD + value if value.startswith(FORMULA_STARTS) else value
    return json.dumps(value, ensure_ascii=False)


def table_csv(table: Table) -> bytes:
    """The table as a CSV file: UTF-8 with a byte-order mark, a header row, then one line per row."""
    text = io.StringIO()
    writer = csv.writer(text)  # the default dialect: commas, "\r\n", quotes where needed (RFC 4180)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([csv_cell(row.get(column)) for column in table.columns])
    return (BOM + text.getvalue()).encode("utf-8")


def readme(*, exported_at: str, tables: Sequence[Table]) -> str:
    """README.txt: what the export is and what each file in it holds."""
    width = max([len(JSON_NAME), *(len(table.name) + len(TABLES_FOLDER) + 5 for table in tables)])
    lines = [
        "Everything you have entered in your notebook",
        "",
        f"Made {exported_at}. Your own words are decrypted so that you can read them: anyone who opens these",
        "files can read them too, so keep them somewhere safe.",
        "",
        "What a partner wrote or chose to show you is theirs and is not here; it is in their own export.",
        "",
        "The files",
        "",
        f"{JSON_NAME:<{width}}  Everything below in one file, in JSON (for programs and for moving elsewhere).",
        f"{README_NAME:<{width}}  This file.",
    ]
    for table in tables:
        path = f"{TABLES_FOLDER}/{table.name}.csv"
        count = len(table.rows)
        lines.append(f"{path:<{width}}  {table.description} ({count} {'row' if count == 1 else 'rows'})")
    lines += [
        "",
        "The CSV files (one per kind of record, to open in a spreadsheet)",
        "",
        "- The first line names the columns; each line after it is one record, with the same fields and values",
        "  as in the JSON file.",
        "- UTF-8 with a byte-order mark, so that spreadsheet programs show accents and emoji correctly.",
        "- An empty cell means no value. Yes/no is written true/false; lists are written as in JSON.",
        "- Times are in UTC (the Z at the end), written like 2026-11-30T06:15:00.250Z; dates like 2026-11-30.",
        "- Text that begins with = + - or @ has an apostrophe (') in front of it, so that a spreadsheet shows",
        "  it as text instead of running it as a formula. The JSON file has the text exactly as you wrote it.",
        "",
    ]
    return "\r\n".join(lines)


def export_zip(*, folder: str, document_json: str, exported_at: str, tables: Sequence[Table]) -> bytes:
    """The zip: ``folder``/ holding README.txt, the JSON document and ``tables/<name>.csv`` for each table.

    Everything inside one folder, so that unpacking it never scatters files among a person's downloads.
    Built in memory: the export is never written to a disk.
    """
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/{README_NAME}", readme(exported_at=exported_at, tables=tables).encode("utf-8"))
        archive.writestr(f"{folder}/{JSON_NAME}", document_json.encode("utf-8"))
        for table in tables:
            archive.writestr(f"{folder}/{TABLES_FOLDER}/{table.name}.csv", table_csv(table))
    return packed.getvalue()
