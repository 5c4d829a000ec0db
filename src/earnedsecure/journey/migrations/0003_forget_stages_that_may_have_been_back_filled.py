"""Forget stages that may have been back-filled.

Before stages were checked in order, reaching a later stage recorded every earlier one at the same instant,
whether or not its own criteria were met. Such rows cannot be told apart from honest ones recorded on the
same visit, so every stage row sharing its time with a later stage of the same person is removed; the
pathway re-measures it on the next visit and records it again, with today's date, if its criteria are met.
"""

from django.db import migrations

ORDER = ["awareness", "experimenting", "automatic", "secure"]


def forward(apps, schema_editor):
    PathwayStageReached = apps.get_model("journey", "PathwayStageReached")
    rows = PathwayStageReached.objects.order_by("owner_id").values_list("id", "owner_id", "stage", "reached_at")
    by_owner = {}
    for pk, owner_id, stage, reached_at in rows.iterator():
        by_owner.setdefault(owner_id, []).append((pk, stage, reached_at))
    doubtful = []
    for stages in by_owner.values():
        for pk, stage, reached_at in stages:
            if stage not in ORDER:
                continue
            later = [
                s for _, s, at in stages if at == reached_at and s in ORDER and ORDER.index(s) > ORDER.index(stage)
            ]
            if later:
                doubtful.append(pk)
    PathwayStageReached.objects.filter(pk__in=doubtful).delete()


class Migration(migrations.Migration):
    dependencies = [("journey", "0002_rename_top_stage_steadier_most_of_the_time")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
