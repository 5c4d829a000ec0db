"""The de-identified export of one study: CSV or Parquet files, one per table, and a codebook.

1. Only people releasable now (an open agreement to the current consent text, the app's own consent given).
2. Their quasi-identifiers are counted (one small query: a count per stored combination, whatever the number of
   rows) and a release plan chosen (domain/research/deidentify.py): the generalization for everyone, and the small
   cells whose people are left out.
3. People are read in batches with ``.iterator(chunk_size=...)``; for each batch its rows of every table are
   streamed from the other apps' selectors and written in batches (CSV rows, Parquet row groups), so memory stays
   flat in the number of rows. Every value passes its column's check (domain/research/columns.py): a value a
   column may not hold stops the export. Dates are UTC days moved by the person's own shift.
4. All reads happen in one read-only transaction (PostgreSQL: ``SET TRANSACTION READ ONLY``; SQLite:
   ``PRAGMA query_only``), so the export sees one moment and cannot write.
5. The export is logged (``ExportRecord``): who ran it, for whom, under which data-use agreement, and counts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from earnedsecure.assessments.selectors import research_check_ins
from earnedsecure.diary.selectors import research_activations, research_tool_sessions
from earnedsecure.domain.research import columns as codebook
from earnedsecure.domain.research.deidentify import (
    MAX_SUPPRESSED_SHARE,
    SHIFT_DAYS,
    K,
    Plan,
    Quasi,
    age_in_years,
    plan_release,
    shifted,
)
from earnedsecure.research import selectors
from earnedsecure.research.models import ExportRecord, Study

CHUNK_SIZE = 2000  # rows fetched from the database at a time
PEOPLE_PER_BATCH = 500  # people whose rows are read together
ROWS_PER_WRITE = 5000  # rows per CSV write and per Parquet row group

Progress = Callable[[int, int], None]


class NoConsentText(Exception):
    """The study has no published consent text: nobody can have agreed to it."""


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


# Each data table: its codebook, the selector streaming its rows, the timestamp field, and how a row becomes one.
def _check_in(row: dict) -> dict:
    return {k: row[k] for k in ("instrument", "total", "anxiety", "avoidance", "band")}


def _activation(row: dict) -> dict:
    return {
        "trigger": row["trigger"],
        "intensity": row["intensity"],
        "urges": list(row["urges"] or []),
        "response": row["response"],
        "protest_result": row["protest_result"],
        "recovery_minutes": row["recovery_minutes"],
    }


def _tool_session(row: dict) -> dict:
    return {k: row[k] for k in ("tool", "duration_seconds", "distress_before", "distress_after")}


DATA_TABLES = (
    (codebook.CHECK_INS, research_check_ins, "completed_at", _check_in),
    (codebook.ACTIVATIONS, research_activations, "occurred_at", _activation),
    (codebook.TOOL_SESSIONS, research_tool_sessions, "started_at", _tool_session),
)


class _CsvWriter:
    def __init__(self, path: Path, table: codebook.Table):
        self._file = path.open("w", newline="", encoding="utf-8")
        self._csv = csv.writer(self._file)
        self._csv.writerow(table.names)

    def write(self, rows: list[tuple]) -> None:
        self._csv.writerows(
            ["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row] for row in rows
        )

    def close(self) -> None:
        self._file.close()


class _ParquetWriter:
    _TYPES = {
        codebook.Kind.DATE: "date32",
        codebook.Kind.INTEGER: "int64",
        codebook.Kind.NUMBER: "float64",
    }

    def __init__(self, path: Path, table: codebook.Table):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._schema = pa.schema([(c.name, getattr(pa, self._TYPES.get(c.kind, "string"))()) for c in table.columns])
        self._writer = pq.ParquetWriter(path, self._schema)

    def write(self, rows: list[tuple]) -> None:
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in self._schema]
        arrays = [
            self._pa.array(list(values), type=field.type) for values, field in zip(columns, self._schema, strict=True)
        ]
        self._writer.write_table(self._pa.Table.from_arrays(arrays, schema=self._schema))

    def close(self) -> None:
        self._writer.close()


class _Batched:
    """Rows of one table, cleaned by its codebook and written ``ROWS_PER_WRITE`` at a time."""

    def __init__(self, table: codebook.Table, writer):
        self.table = table
        self.writer = writer
        self.pending: list[tuple] = []
        self.count = 0

    def add(self, row: dict) -> None:
        self.pending.append(self.table.clean(row))
        self.count += 1
        if len(self.pending) >= ROWS_PER_WRITE:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.writer.write(self.pending)
            self.pending = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


@contextmanager
def read_only() -> Iterator[None]:
    """One transaction that cannot write, so every read of the export sees the same moment.

    PostgreSQL: ``SET TRANSACTION READ ONLY`` (lasts to the end of the transaction, so the export must be its own
    top-level transaction). SQLite: ``PRAGMA query_only`` and a deferred transaction, which in WAL mode reads one
    snapshot without taking the write lock the app's ``IMMEDIATE`` transactions take (a long export must not
    stop people writing).
    """
    if connection.in_atomic_block:
        raise RuntimeError("the export runs in its own read-only transaction, not inside another")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = ON")
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
                cursor.execute("PRAGMA query_only = OFF")
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION READ ONLY")
        yield


def _plan(people, *, on: date) -> Plan:
    histogram: dict[Quasi, int] = {}
    for cell in people.values("birth_year", "country", "gender", "relationship").annotate(n=Count("pk")):
        quasi = Quasi(
            age_in_years(birth_year=cell["birth_year"], on=on), cell["country"], cell["gender"], cell["relationship"]
        )
        histogram[quasi] = histogram.get(quasi, 0) + cell["n"]
    return plan_release(histogram)


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def export_files(*, record: ExportRecord, out_dir: Path) -> list[Path]:
    """The files ``export_study`` wrote into ``out_dir`` for ``record``: one per table, and the codebook."""
    suffix = "parquet" if record.format == ExportRecord.Format.PARQUET else "csv"
    return [out_dir / f"{table.name}.{suffix}" for table in codebook.TABLES] + [out_dir / "codebook.json"]


def export_study(
    *,
    study: Study,
    out_dir: Path,
    file_format: str,
    run_by: str,
    recipient: str,
    data_use_agreement: str,
    now: datetime,
    progress: Progress | None = None,
) -> ExportRecord:
    """Write the study's de-identified release into ``out_dir`` and log it. See the module's docstring."""
    text = selectors.current_text(study=study)
    if text is None:
        raise NoConsentText(study.slug)
    out_dir.mkdir(parents=True, exist_ok=True)
    record = ExportRecord.objects.create(
        study=study,
        run_by=run_by,
        recipient=recipient,
        data_use_agreement=data_use_agreement,
        format=file_format,
        consent_version=text.version,
        started_at=now,
    )
    writer_class = _ParquetWriter if file_format == ExportRecord.Format.PARQUET else _CsvWriter
    suffix = "parquet" if file_format == ExportRecord.Format.PARQUET else "csv"
    with read_only():
        people = selectors.releasable(study=study, version=text.version)
        plan = _plan(people, on=now.date())
        owner_ids = people.values("person_id")
        total = plan.people + sum(select(owner_ids=owner_ids).count() for _, select, _, _ in DATA_TABLES)
        outputs = {
            table.name: _Batched(table, writer_class(out_dir / f"{table.name}.{suffix}", table))
            for table in codebook.TABLES
        }
        done = 0
        try:
            fields = ("person_id", "code", "shift_days", "birth_year", "country", "gender", "relationship", "joined_at")
            stream = people.order_by("pk").values(*fields).iterator(chunk_size=CHUNK_SIZE)
            for batch in _batches(stream, PEOPLE_PER_BATCH):
                released: dict[int, tuple[str, int]] = {}
                for person in batch:
                    quasi = Quasi(
                        age_in_years(birth_year=person["birth_year"], on=now.date()),
                        person["country"],
                        person["gender"],
                        person["relationship"],
                    )
                    cell = plan.release(quasi)
                    if cell is None:
                        continue  # a cell of fewer than k people: the person is left out of every table
                    released[person["person_id"]] = (person["code"], person["shift_days"])
                    age_band, country, gender, relationship = cell
                    outputs[codebook.PARTICIPANTS.name].add(
                        {
                            "participant_id": person["code"],
                            "age_band": age_band,
                            "country": country,
                            "gender": gender,
                            "relationship": relationship,
                            "joined_day": shifted(_day(person["joined_at"]), person["shift_days"]),
                        }
                    )
                done += len(batch)
                ids = [person["person_id"] for person in batch]
                for table, select, moment_field, to_row in DATA_TABLES:
                    output = outputs[table.name]
                    for row in select(owner_ids=ids).iterator(chunk_size=CHUNK_SIZE):
                        done += 1
                        who = released.get(row["owner_id"])
                        if who is None:
                            continue
                        code, shift = who
                        output.add(
                            {"participant_id": code, "day": shifted(_day(row[moment_field]), shift), **to_row(row)}
                        )
                        if progress and done % ROWS_PER_WRITE == 0:
                            progress(done, total)
                if progress:
                    progress(done, total)
        finally:
            for output in outputs.values():
                output.close()
    _write_codebook(out_dir / "codebook.json", study=study, version=text.version, plan=plan, now=now)
    record.finished_at = timezone.now()
    record.people_consenting = plan.people
    record.people_released = outputs[codebook.PARTICIPANTS.name].count
    record.people_suppressed = plan.suppressed_people
    record.rows = {name: output.count for name, output in outputs.items()}
    record.generalization = {
        name: getattr(plan.generalization, name) for name in ("age", "country", "gender", "relationship")
    }
    record.save()
    return record


def _write_codebook(path: Path, *, study: Study, version: int, plan: Plan, now: datetime) -> None:
    """Every table and column of the release, with what each value means, and how the release was made."""
    level = plan.generalization
    book = {
        "study": study.slug,
        "consent_version": version,
        "made_on": now.date().isoformat(),
        "release": {
            "k": K,
            "max_suppressed_share": MAX_SUPPRESSED_SHARE,
            "people_consenting": plan.people,
            "people_left_out_in_small_cells": plan.suppressed_people,
            "generalization_levels": {
                "age": [
                    "5-year bands",
                    "10-year bands",
                    "18-39, 40-64, 65-89",
                    "not released",
                ][level.age],
                "country": ["country", "countries with fewer than k people as 'other'", "not released"][level.country],
                "gender": ["as answered", "woman, man, another or not said", "not released"][level.gender],
                "relationship": ["as answered", "none, under 3 years, 3 or more", "not released"][level.relationship],
            },
            "ages_over_89": "released as 90+",
            "dates": f"UTC days, each person's moved by their own random shift of 1 to {SHIFT_DAYS} days either way",
            "free_text": "none: no column holds anything a person wrote",
            "use": "only under the data-use agreement named in the export log; no commercial reuse; no linkage",
        },
        "tables": [
            {
                "name": table.name,
                "description": table.description,
                "columns": [
                    {
                        **{k: v for k, v in asdict(column).items() if k not in ("kind", "values")},
                        "kind": column.kind.value,
                        **({"values": list(column.values)} if column.values else {}),
                    }
                    for column in table.columns
                ],
            }
            for table in codebook.TABLES
        ],
    }
    path.write_text(json.dumps(book, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
