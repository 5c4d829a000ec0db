"""The de-identified export (research/export.py), on SQLite and PostgreSQL (checklist items 5, 66, 67).

Each test makes its own population and exports it for real into a temporary folder, then reads the files back as
a recipient would. The export is its own read-only transaction, so these tests run outside the test transaction.
"""

import csv
import io
import json
import re
from collections import Counter, defaultdict
from datetime import UTC, date, timedelta

import pyarrow.parquet as pq
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from earnedsecure.accounts.services import consent_withdraw
from earnedsecure.diary.models import Activation
from earnedsecure.domain.research.deidentify import Generalization, K, Quasi, age_in_years
from earnedsecure.research import services
from earnedsecure.research.export import export_study, read_only
from earnedsecure.research.models import ExportRecord, Participant
from tests.conftest import CANARY
from tests.core.forensics import mark_everything
from tests.personas import make_person
from tests.research import population

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?<![\w.-])\+?\d[\d ()-]{7,}\d(?![\w-])")
URL = re.compile(r"https?://|www\.", re.I)
STRUCTURED = re.compile(r"\d{4}-\d{2}-\d{2}|[0-9a-f]{16}")  # a day or a participant id is not a phone number
IP = re.compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")


def export(study, tmp_path, file_format="csv", name="out"):
    out = tmp_path / name
    export_study(
        study=study,
        out_dir=out,
        file_format=file_format,
        run_by="tester",
        recipient="A university lab",
        data_use_agreement="DUA-2026-01",
        now=timezone.now(),
    )
    return out


def read(out, table):
    """A table of an export as a list of dicts of strings, whichever the format."""
    if (out / f"{table}.csv").exists():
        with (out / f"{table}.csv").open(encoding="utf-8") as f:
            return list(csv.DictReader(f))
    rows = pq.read_table(out / f"{table}.parquet").to_pylist()
    return [
        {k: "" if v is None else v.isoformat() if isinstance(v, date) else str(v) for k, v in r.items()} for r in rows
    ]


def every_value(out):
    """Every value of every table and the codebook, as text."""
    for path in out.iterdir():
        if path.suffix == ".json":
            yield from _strings(json.loads(path.read_text(encoding="utf-8")))
        else:
            for row in read(out, path.stem):
                yield from row.values()


def _strings(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    else:
        yield str(value)


def codes(out):
    return {row["participant_id"] for row in read(out, "participants")}


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_k_anonymity_on_a_synthetic_population_of_thousands(tmp_path, file_format):
    study = population.study_with_text()
    persons = population.people(3000)
    population.join(study, persons)
    oldest = population.people(3, prefix="oldest")  # three people of 96 alike in everything: too few to release
    get_user_model().objects.filter(pk__in=[p.pk for p in oldest]).update(country="MT")
    oldest = list(get_user_model().objects.filter(pk__in=[p.pk for p in oldest]))
    population.join(study, oldest, birth_year=timezone.now().year - 96, gender="non_binary", relationship="over_10")
    out = export(study, tmp_path, file_format)
    released = read(out, "participants")
    cells = Counter((r["age_band"], r["country"], r["gender"], r["relationship"]) for r in released)
    assert min(cells.values()) >= K
    assert len(released) >= 0.95 * 3003  # small cells hold at most 5%
    assert not {p.code for p in Participant.objects.filter(person__in=oldest)} & {r["participant_id"] for r in released}
    assert not any(r["age_band"] in {str(a) for a in range(90, 120)} for r in released)
    record = ExportRecord.objects.get()
    assert record.people_released == len(released)
    assert record.people_released + record.people_suppressed == 3003
    assert record.people_suppressed >= 3


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_no_free_text_leaves_and_no_contact_pattern_either(tmp_path, file_format):
    study = population.study_with_text()
    persons = population.people(40, rows_each=3)
    writer = make_person("writer", country="GB")
    persons.append(writer)
    population.join(study, persons, birth_year=1990, gender="woman", relationship="1_to_3")
    marked = mark_everything(writer, CANARY)  # every free-text field of every personal model: diary, thought
    assert marked > 10  # records, coach drafts, kept forms, safety plan...
    Activation.objects.create(
        owner=writer,
        occurred_at=timezone.now() - timedelta(days=2),
        trigger="other",
        trigger_note=CANARY,
        thought=f"{CANARY} call me on +44 7700 900123 or see https://example.com",
        body_sensations=CANARY,
        response_note=CANARY,
        outcome=CANARY,
        intensity=6,
    )
    out = export(study, tmp_path, file_format)
    assert writer.pk and Participant.objects.get(person=writer).code in codes(out)  # released, words left behind
    assert len(read(out, "activations")) > 40
    for value in every_value(out):
        assert CANARY not in value
        assert not EMAIL.search(value), value
        assert STRUCTURED.fullmatch(value) or not PHONE.search(value), value
        assert not URL.search(value), value
        assert not IP.search(value), value
        assert "writer" not in value


def test_ids_are_not_primary_keys_and_differ_between_two_studies(tmp_path):
    first = population.study_with_text("first")
    second = population.study_with_text("second")
    persons = population.people(30, rows_each=1)
    population.join(first, persons, birth_year=1985, gender="man", relationship="none")
    population.join(second, persons, birth_year=1985, gender="man", relationship="none")
    a, b = codes(export(first, tmp_path, name="a")), codes(export(second, tmp_path, name="b"))
    assert len(a) == len(b) == 30
    assert not a & b
    keys = {str(p.pk) for p in persons} | {str(pt.pk) for pt in Participant.objects.all()}
    assert not (a | b) & keys
    assert all(re.fullmatch(r"[0-9a-f]{16}", code) for code in a | b)


def test_each_persons_intervals_are_kept_and_shifts_differ(tmp_path):
    study = population.study_with_text()
    persons = population.people(60, rows_each=5)
    population.join(study, persons, birth_year=1980, gender="woman", relationship="3_to_10")
    out = export(study, tmp_path)
    exported = defaultdict(list)
    for row in read(out, "activations"):
        exported[row["participant_id"]].append(date.fromisoformat(row["day"]))
    shifts = set()
    for participant in Participant.objects.all():
        days = sorted(
            a.occurred_at.astimezone(UTC).date() for a in Activation.objects.filter(owner_id=participant.person_id)
        )
        moved = sorted(exported[participant.code])
        assert len(moved) == len(days) == 5
        assert [d - days[0] for d in days] == [d - moved[0] for d in moved]
        shifts.add((moved[0] - days[0]).days)
    assert len(shifts) > 10  # the shifts are each person's own
    assert 0 not in shifts


def test_only_people_who_agree_now_are_in_it(tmp_path):
    """Not joined, left the study, agreed only to an older text, or withdrew the app's consent: absent."""
    study = population.study_with_text()
    persons = population.people(60, rows_each=1)
    joined = persons[:50]
    population.join(study, joined, birth_year=1990, gender="woman", relationship="none")
    left, withdrew_app = joined[0], joined[1]
    services.study_leave(study=study, person=left, now=timezone.now())
    consent_withdraw(user=withdrew_app, purpose="core")
    out = export(study, tmp_path, name="before")
    by_person = {p.person_id: p.code for p in Participant.objects.all()}
    released = codes(out)
    assert by_person[left.pk] not in released
    assert by_person[withdrew_app.pk] not in released
    assert len(released) == 48  # the ten who never joined have no code at all
    every_id = {
        row["participant_id"] for table in ("activations", "check_ins", "tool_sessions") for row in read(out, table)
    }
    assert every_id <= released

    services.consent_text_publish(study=study, text="A new version: we also count tool sessions.", now=timezone.now())
    assert codes(export(study, tmp_path, name="new_text")) == set()  # nobody has agreed to version 2 yet
    assert ExportRecord.objects.order_by("-started_at").first().consent_version == 2


def test_withdrawal_is_honoured_by_the_very_next_export(tmp_path):
    study = population.study_with_text()
    persons = population.people(30, rows_each=1)
    population.join(study, persons, birth_year=1970, gender="man", relationship="over_10")
    leaving = Participant.objects.get(person=persons[7]).code
    assert leaving in codes(export(study, tmp_path, name="first"))
    services.study_leave(study=study, person=persons[7], now=timezone.now())
    second = export(study, tmp_path, name="second")
    assert leaving not in codes(second)
    assert all(row["participant_id"] != leaving for row in read(second, "activations"))


def test_a_linkage_attack_with_everyones_true_quasi_identifiers_finds_no_one(tmp_path):
    """The worst case: an outsider knows every participant's exact age, country, gender and relationship by
    name (and some people not in the study). Joining that table with the release, no row matches one name."""
    study = population.study_with_text()
    persons = population.people(2000, seed=4)
    population.join(study, persons, seed=4)
    outsiders = population.people(500, seed=99, prefix="outsider")
    out = export(study, tmp_path)
    record = ExportRecord.objects.get()
    on = timezone.now().date()
    external = [
        (p.person_id, Quasi(age_in_years(birth_year=p.birth_year, on=on), p.country, p.gender, p.relationship))
        for p in Participant.objects.all()
    ] + [(o.pk, Quasi(30 + o.pk % 40, o.country, "woman", "none")) for o in outsiders]
    released = read(out, "participants")
    named_countries = {r["country"] for r in released}
    rare = frozenset(q.country for _, q in external if q.country not in named_countries)
    generalization = Generalization(**record.generalization, rare_countries=rare)
    candidates = Counter(generalization.apply(q) for _, q in external)
    matches = Counter(candidates[(r["age_band"], r["country"], r["gender"], r["relationship"])] for r in released)
    assert matches[1] == 0
    assert min(matches) >= K


def test_each_export_is_logged_with_its_recipient_and_counts_and_no_content(tmp_path):
    study = population.study_with_text()
    persons = population.people(20, rows_each=2)
    population.join(study, persons, birth_year=1995, gender="woman", relationship="under_1")
    mark_everything(persons[0], CANARY)
    export(study, tmp_path)
    record = ExportRecord.objects.get()
    assert (record.run_by, record.recipient, record.data_use_agreement) == ("tester", "A university lab", "DUA-2026-01")
    assert record.people_released == 20
    assert record.rows["activations"] == 41  # two each, and the marked one
    assert record.finished_at is not None
    assert CANARY not in str(ExportRecord.objects.values().get())


def test_the_codebook_describes_every_column_written(tmp_path):
    study = population.study_with_text()
    population.join(study, population.people(12, rows_each=1), birth_year=1990, gender="man", relationship="none")
    out = export(study, tmp_path, "parquet")
    book = json.loads((out / "codebook.json").read_text())
    for table in book["tables"]:
        written = pq.read_schema(out / f"{table['name']}.parquet").names
        assert written == [column["name"] for column in table["columns"]]
        assert all(column["description"] for column in table["columns"])
    assert book["release"]["k"] == K


def test_the_export_cannot_write(tmp_path):
    with read_only(), pytest.raises(Exception, match=r"(?i)read.?only"), connection.cursor() as cursor:
        cursor.execute("UPDATE research_study SET title = 'x'")


def test_the_command_shows_a_progress_bar_and_says_what_it_wrote(tmp_path):
    study = population.study_with_text()
    population.join(study, population.people(15, rows_each=2), birth_year=1990, gender="man", relationship="none")
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "research",
        "export",
        "--study",
        study.slug,
        "--format",
        "parquet",
        "--out",
        str(tmp_path / "cli"),
        "--recipient",
        "Lab",
        "--dua",
        "D-1",
        stdout=stdout,
        stderr=stderr,
    )
    assert re.search(r"\[#+\] 75/75 rows", stderr.getvalue())
    assert "15 people released" in stdout.getvalue()
    assert sorted(p.name for p in (tmp_path / "cli").iterdir()) == [
        "activations.parquet",
        "check_ins.parquet",
        "codebook.json",
        "participants.parquet",
        "tool_sessions.parquet",
    ]


def test_the_earnedsecure_command_forwards_research_export(tmp_path, capsys):
    from earnedsecure.__main__ import main

    study = population.study_with_text()
    population.join(study, population.people(10, rows_each=1), birth_year=1990, gender="man", relationship="none")
    args = ["--out", str(tmp_path / "o"), "--recipient", "Lab", "--dua", "D-1"]
    assert main(["research", "export", "--study", study.slug, *args]) == 0
    assert "10 people released" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["research", "export", "--study", "no-such-study", *args])
    assert "No study 'no-such-study'" in capsys.readouterr().err
