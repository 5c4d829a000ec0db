from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "earnedsecure.journey"
    label = "journey"

    def ready(self):
        from earnedsecure.core import personal_data
        from earnedsecure.core.demo import register_seeder
        from earnedsecure.journey.demo import seed
        from earnedsecure.journey.models import (
            LessonProgress,
            PathwayStageReached,
            ProgramEnrolment,
            Reminder,
            ReminderPreference,
        )

        for model in (LessonProgress, ProgramEnrolment, PathwayStageReached, ReminderPreference, Reminder):
            personal_data.register(model)
        # After the diary (50), check-ins and the coach (70): the pathway is measured from their rows.
        register_seeder(seed, order=90)
