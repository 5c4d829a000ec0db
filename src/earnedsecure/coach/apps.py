from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "earnedsecure.coach"
    label = "coach"

    def ready(self):
        from earnedsecure.coach.models import MessageDraft, ThoughtRecord
        from earnedsecure.core import personal_data

        for model in (ThoughtRecord, MessageDraft):
            personal_data.register(model)
