"""coach 0006 (a data migration): the thought record's suggested, confirmed and rejected trap lists become one
SuggestionAnswer row per trap, with the score shown and the answer; 0007 then drops the lists. Run with Django's
MigrationExecutor: back to 0005, rows made with the historical models, forward to 0006."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("coach", "0005_suggestion_answers")]
AFTER = [("coach", "0006_copy_trap_answers")]
T = datetime(2026, 3, 1, 9, tzinfo=UTC)


def migrate(coach_targets):
    """Coach at ``coach_targets``, every other app at its latest; the historical models of that state."""
    executor = MigrationExecutor(connection)
    targets = coach_targets + [node for node in executor.loader.graph.leaf_nodes() if node[0] != "coach"]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_trap_shown_or_answered_becomes_one_answer_row():
    latest = [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] == "coach"]
    try:
        apps = migrate(BEFORE)
        User = apps.get_model("accounts", "User")
        ThoughtRecord = apps.get_model("coach", "ThoughtRecord")
        ann, ben = (User.objects.create(username=name) for name in ("ann", "ben"))
        first = ThoughtRecord.objects.create(
            owner=ann,
            automatic_thought="x",
            intensity_before=5,
            created_at=T,
            suggested_traps=[{"name": "mind_reading", "confidence": 0.8}, {"name": "labeling", "confidence": 0.5}],
            confirmed_traps=["mind_reading", "fortune_telling"],
            rejected_traps=["labeling", "mind_reading"],  # confirmed and rejected: it fits
        )
        ThoughtRecord.objects.create(owner=ben, automatic_thought="y", intensity_before=3, created_at=T)

        apps = migrate(AFTER)
        Answer = apps.get_model("coach", "SuggestionAnswer")
        rows = Answer.objects.order_by("pk")
        assert [(a.owner_id, a.thought_record_id, a.kind, a.name, a.score, a.answer, a.created_at) for a in rows] == [
            (ann.pk, first.pk, "trap", "mind_reading", 0.8, "fits", T),
            (ann.pk, first.pk, "trap", "labeling", 0.5, "not_this", T),
            (ann.pk, first.pk, "trap", "fortune_telling", None, "fits", T),
        ]
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM coach_suggestionanswer")
            assert not any("mind_reading" in name for (name,) in cursor.fetchall())  # encrypted on the way in
    finally:
        MigrationExecutor(connection).migrate(
            latest + [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] != "coach"]
        )
