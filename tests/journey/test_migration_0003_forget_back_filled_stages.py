"""journey 0003 (a data migration): stage rows that share their time with a later stage of the same person were
back-filled when a later stage was reached, so they are forgotten; honest rows stay. Run on a few rows with
Django's MigrationExecutor: back to 0002, rows made with the historical models, forward, back and forward again."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("journey", "0002_rename_top_stage_steadier_most_of_the_time")]
AFTER = [("journey", "0003_forget_stages_that_may_have_been_back_filled")]
T = datetime(2026, 3, 1, 9, tzinfo=UTC)


def migrate(journey_targets):
    """Journey at ``journey_targets``, every other app at its latest; the historical models of that state."""
    executor = MigrationExecutor(connection)
    targets = journey_targets + [node for node in executor.loader.graph.leaf_nodes() if node[0] != "journey"]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_forgets_back_filled_stages_and_keeps_honest_ones():
    latest = [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] == "journey"]
    try:
        apps = migrate(BEFORE)
        User = apps.get_model("accounts", "User")
        Stage = apps.get_model("journey", "PathwayStageReached")
        back_filled, honest, mixed = (User.objects.create(username=name) for name in ("ann", "ben", "cat"))
        rows = [
            # Ann reached "automatic" and the two before it were written at the same instant.
            (back_filled, "awareness", T),
            (back_filled, "experimenting", T),
            (back_filled, "automatic", T),
            # Ben reached each stage on its own day.
            (honest, "awareness", T),
            (honest, "experimenting", T + timedelta(days=30)),
            # Cat: awareness back-filled with experimenting; the top stage came later, on its own.
            (mixed, "awareness", T),
            (mixed, "experimenting", T),
            (mixed, "secure", T + timedelta(days=200)),
        ]
        Stage.objects.bulk_create(Stage(owner=owner, stage=stage, reached_at=at) for owner, stage, at in rows)

        apps = migrate(AFTER)
        Stage = apps.get_model("journey", "PathwayStageReached")

        def left() -> dict[str, list[str]]:
            found: dict[str, list[str]] = {}
            for name, stage in Stage.objects.order_by("owner__username", "reached_at", "stage").values_list(
                "owner__username", "stage"
            ):
                found.setdefault(name, []).append(stage)
            return found

        expected = {"ann": ["automatic"], "ben": ["awareness", "experimenting"], "cat": ["experimenting", "secure"]}
        assert left() == expected

        migrate(BEFORE)  # backwards is a no-op: nothing forgotten comes back, nothing else goes
        apps = migrate(AFTER)  # and running it again changes nothing
        Stage = apps.get_model("journey", "PathwayStageReached")
        assert left() == expected
    finally:
        migrate(latest)
