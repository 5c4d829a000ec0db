"""Data step: a flag for every completed PHQ-9 stored before flags existed with item 9 above 0."""

from django.db import migrations


def forward(apps, schema_editor):
    InstrumentResponse = apps.get_model("assessments", "InstrumentResponse")
    SafetyFlag = apps.get_model("assessments", "SafetyFlag")
    rows = InstrumentResponse.objects.filter(status="complete", safety_alert=True, safety_flag__isnull=True)
    SafetyFlag.objects.bulk_create(
        SafetyFlag(owner_id=row.owner_id, response_id=row.pk, answer=row.item9, raised_at=row.completed_at)
        for row in rows.iterator()
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_safety_flag_for_phq9_item9")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
