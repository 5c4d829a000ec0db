"""Data step: encrypt the columns that were plaintext and move master-key values under each person's key."""

from django.db import migrations

# Plaintext until the schema steps they depend on (coach 0003, assessments 0004).
WERE_PLAINTEXT = frozenset(
    {
        "coach.thoughtrecord.emotion",
        "coach.messagedraft.behaviours",
        "assessments.instrumentresponse.answers",
        "assessments.instrumentresponse.item9",
        "assessments.instrumentresponse.safety_alert",
        "assessments.safetyflag.answer",
    }
)


def seal(apps, schema_editor):
    # The historical models carry the real encrypted field classes, so the columns are those of this state.
    from earnedsecure.core.sealing import seal_rows

    seal_rows(apps.get_models(), were_plaintext=WERE_PLAINTEXT)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_person_data_keys"),
        ("coach", "0003_encrypt_emotion_and_draft_evidence"),
        ("assessments", "0004_encrypt_answers_and_item9"),
        ("diary", "0003_delete_diary_stamp"),
    ]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
