"""Checklist item 82, migration safety: the models and the migrations agree (``makemigrations --check``), and every
migration of the project's apps runs backwards to zero and forwards again on the run's own test database, as
``migrate`` made it and empty of rows (SQLite, or PostgreSQL when the suite runs there). With rows in (the demo
person's), every migration that no one-way data step stands on runs backwards and forwards again, and the rows
come back as they were.

django-migration-linter reads the SQL of every migration of ours, as the run's database would run it, and flags the
steps that break code still running on the schema before them: a NOT NULL column without a default in the database,
a dropped or renamed column or table, a changed column type. The ones already shipped are history: each is named in
``APPROVED_INCOMPATIBLE_STEPS`` with the reason it stands, and a new one fails here until it is named too.

No migration of ours is irreversible. The data steps whose way back does nothing (``RunPython.noop``) are named in
``ONE_WAY_DATA_STEPS`` with the reason that is safe: undoing them leaves the data as they made it. A new data step
with no way back, or with a way back that does nothing, fails here until it is named below and in the README."""

import contextlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL
from django_migration_linter import MigrationLinter

from earnedsecure.core.demo import demo_create

# Data steps that run backwards as a no-op, and why that is safe.
ONE_WAY_DATA_STEPS = {
    ("accounts", "0003_encrypt_mfa_secrets"): "two-step secrets stay encrypted; undoing it would put them in the clear",
    ("assessments", "0003_safety_flags_for_earlier_item9_answers"): "a safety flag, once raised, is not taken away",
    ("coach", "0006_copy_trap_answers"): "the answers it copied stay; the thought records they came from are unchanged",
    ("core", "0003_seal_personal_rows"): "sealed rows stay sealed; undoing it would put words back in plain text",
    ("core", "0006_rewrite_person_keys_table"): "rewriting a table's pages has nothing to undo",
    (
        "journey",
        "0003_forget_stages_that_may_have_been_back_filled",
    ): "forgotten stages are measured again, not restored",
}


# Steps the linter flags in migrations already shipped, and why each stands. "Until it serves": `earnedsecure serve`
# migrates before it answers, so no older code is left running on the newer schema. New ones should expand, then
# contract: add the column nullable or with ``db_default``, ship the code that stops using the old one, then drop it.
APPROVED_INCOMPATIBLE_STEPS = {
    ("accounts", "0002_remove_user_email_reminders"): "drops a setting that was stored and never read",
    ("accounts", "0008_user_onboarding"): (
        "NOT NULL with a default that Django fills into every existing row, then drops from the database (all are"
        " 'done'); older code never inserts a person without it until it serves"
    ),
    ("assessments", "0004_encrypt_answers_and_item9"): (
        "the answers, item 9 and the safety flags become ciphertext (a new column type; SQLite rebuilds the tables);"
        " older code could not read them anyway"
    ),
    ("care", "0003_access_log_request_id"): "NOT NULL with the default '' filled into every existing log row",
    ("coach", "0003_encrypt_emotion_and_draft_evidence"): (
        "the emotion and the draft's evidence become ciphertext (a new column type; SQLite rebuilds the tables)"
    ),
    ("coach", "0007_remove_thought_record_trap_lists"): "drops the trap lists once 0006 has copied their answers",
    (
        "core",
        "0005_remove_personkey_wrapped_key",
    ): "drops the keys from the database once 0004 moved them to the key store",
    (
        "diary",
        "0001_activation_tools_savouring",
    ): "SQLite: rebuilds, to add a constraint, a table this migration creates",
    ("diary", "0003_delete_diary_stamp"): "drops a table no code read",
    ("partners", "0004_access_record_days_only"): "drops a count of the partner's own use that was never shown",
    ("research", "0001_studies_consent_participants_exports"): (
        "SQLite: rebuilds, to add a constraint, a table this migration creates"
    ),
}


def _project_apps() -> set[str]:
    return {config.label for config in apps.get_app_configs() if config.name.startswith("earnedsecure.")}


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits 1 when a migration is missing


def _project_tables_present() -> set[str]:
    tables = {model._meta.db_table for label in _project_apps() for model in apps.get_app_config(label).get_models()}
    with connection.cursor() as cursor:
        return tables & set(connection.introspection.table_names(cursor))


@pytest.mark.django_db(transaction=True)  # the test database as ``migrate`` made it for this run, and empty
def test_every_migration_runs_backwards_to_zero_and_forwards_again():
    ours = sorted(_project_apps())
    everything = MigrationExecutor(connection).loader.graph.leaf_nodes()
    every_table = _project_tables_present()
    assert len(every_table) >= len(ours)  # migrated: the run below starts from every table there
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([(label, None) for label in ours])  # IrreversibleError if one of them cannot go back
        assert _project_tables_present() == set()
        executor.loader.build_graph()
        assert not [key for key in executor.loader.applied_migrations if key[0] in ours]
    finally:
        MigrationExecutor(connection).migrate(everything)  # forwards again (and the next tests need it)
    assert _project_tables_present() == every_table
    assert MigrationExecutor(connection).migration_plan(everything) == []


def _rows() -> dict[str, list[tuple]]:
    """Every row of every model of ours, by model, as the model reads it."""
    rows = {}
    for label in _project_apps():
        for model in apps.get_app_config(label).get_models():
            columns = [field.attname for field in model._meta.concrete_fields]
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*columns))
    return rows


@pytest.mark.django_db(transaction=True)
def test_the_demo_persons_rows_go_backwards_and_forwards_through_every_migration_a_one_way_step_does_not_hold():
    """With rows in: the demo person's two months and their partner's. Every migration of ours that no one-way data
    step stands on runs backwards over them and forwards again, and the rows of the tables that stay come back as
    they were (read through the models: decrypted). The one-way steps, and what they stand on, stay applied:
    undoing them leaves sealed rows in columns made for plaintext (by design; see ``ONE_WAY_DATA_STEPS``)."""
    demo_create(months=2)
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    held = {key for step in ONE_WAY_DATA_STEPS for key in graph.forwards_plan(step)}
    undone = {key for key in graph.nodes if key[0] in _project_apps() and key not in held}
    targets = []
    for label in sorted(_project_apps()):
        kept = [key for key in graph.forwards_plan(graph.leaf_nodes(label)[0]) if key[0] == label and key in held]
        targets.append((label, kept[-1][1] if kept else None))
    plan = executor.migration_plan(targets)
    assert all(backwards for _, backwards in plan)
    assert {(migration.app_label, migration.name) for migration, _ in plan} == undone
    assert len(undone) >= 20  # 22 of the 47 today
    before = _rows()
    everything = graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate(targets)
        left = _project_tables_present()
    finally:
        MigrationExecutor(connection).migrate(everything)
    assert MigrationExecutor(connection).migration_plan(everything) == []
    after = _rows()
    stayed = {label for label in before if apps.get_model(label)._meta.db_table in left}
    assert sum(len(before[label]) for label in stayed) > 50  # rows went backwards and forwards, in tables that stay
    assert sum(len(before[label]) for label in set(before) - stayed) > 50  # and backwards in tables that went
    for label in stayed:
        assert after[label] == before[label], f"{label}: its rows did not come back as they were"


def test_the_data_steps_that_go_back_as_no_ops_are_the_named_ones():
    loader = MigrationLoader(None)  # the migrations on disk; no database needed
    one_way = set()
    for key, migration in loader.disk_migrations.items():
        if key[0] not in _project_apps():
            continue
        for operation in migration.operations:
            assert operation.reversible, key  # nothing of ours is irreversible
            if isinstance(operation, RunPython) and operation.reverse_code is RunPython.noop:
                one_way.add(key)
            if isinstance(operation, RunSQL) and operation.reverse_sql == RunSQL.noop:
                one_way.add(key)
    assert one_way == set(ONE_WAY_DATA_STEPS)


@pytest.mark.django_db(transaction=True)  # sqlmigrate on SQLite opens a schema editor: not inside a test's transaction
def test_the_linter_finds_no_backward_incompatible_step_but_the_approved_ones():
    """Each migration of ours through django-migration-linter, in the run's database's own SQL (``sqlmigrate``)."""
    linter = MigrationLinter(include_apps=sorted(_project_apps()), no_cache=True)
    flagged = {}
    for key, migration in sorted(linter.migration_loader.disk_migrations.items()):
        if key[0] not in _project_apps():
            continue
        errors_before, said = linter.nb_erroneous, io.StringIO()
        with contextlib.redirect_stdout(said):
            linter.lint_migration(migration)
        if linter.nb_erroneous > errors_before:
            flagged[key] = said.getvalue()
    assert linter.nb_total >= len(APPROVED_INCOMPATIBLE_STEPS)  # it looked at every migration of ours
    unapproved = {key: said for key, said in flagged.items() if key not in APPROVED_INCOMPATIBLE_STEPS}
    assert not unapproved, "".join(unapproved.values())
    assert set(APPROVED_INCOMPATIBLE_STEPS) <= set(MigrationLoader(None).disk_migrations)  # no stale name
