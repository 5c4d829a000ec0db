from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "earnedsecure.assessments"
    label = "assessments"

    def ready(self):
        from earnedsecure.assessments.demo import seed
        from earnedsecure.assessments.models import ChangeAssumption, InstrumentResponse, SafetyFlag, Schedule
        from earnedsecure.core import personal_data
        from earnedsecure.core.demo import register_seeder

        for model in (InstrumentResponse, Schedule, ChangeAssumption, SafetyFlag):
            personal_data.register(model)
        register_seeder(seed, order=40)
