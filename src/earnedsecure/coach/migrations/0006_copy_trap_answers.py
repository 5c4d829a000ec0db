"""Data step: each thought record's suggested, confirmed and rejected traps become SuggestionAnswer rows.

A suggested trap is answered "fits" if it was confirmed, "not_this" if rejected, "unsure" otherwise, with the
confidence it was shown with; a trap confirmed or rejected without being suggested gets no score.
"""

from django.db import migrations


def forward(apps, schema_editor):
    ThoughtRecord = apps.get_model("coach", "ThoughtRecord")
    SuggestionAnswer = apps.get_model("coach", "SuggestionAnswer")
    rows = []
    for record in ThoughtRecord.objects.order_by("pk").iterator():
        confirmed = [str(name) for name in record.confirmed_traps or []]
        rejected = [str(name) for name in record.rejected_traps or [] if name not in confirmed]
        answers = {}
        for shown in record.suggested_traps or []:
            if isinstance(shown, dict) and shown.get("name"):
                score = min(1.0, max(0.0, float(shown.get("confidence") or 0)))
                answers.setdefault(str(shown["name"]), score)
        for name in confirmed + rejected:
            answers.setdefault(name, None)
        for name, score in answers.items():
            answer = "fits" if name in confirmed else "not_this" if name in rejected else "unsure"
            rows.append(
                SuggestionAnswer(
                    owner_id=record.owner_id,
                    thought_record_id=record.pk,
                    kind="trap",
                    name=name,
                    score=score,
                    answer=answer,
                    created_at=record.created_at,
                )
            )
    SuggestionAnswer.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("coach", "0005_suggestion_answers")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
