from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "earnedsecure.coach"
    label = "coach"

    def ready(self):
        from earnedsecure.coach.demo import seed
        from earnedsecure.coach.models import MessageDraft, SuggestionAnswer, ThoughtRecord
        from earnedsecure.core import personal_data
        from earnedsecure.core.demo import register_seeder

        for model in (ThoughtRecord, MessageDraft, SuggestionAnswer):
            personal_data.register(model)
        # After the diary's seeder: the thought records link to its activations.
        register_seeder(seed, order=70)
