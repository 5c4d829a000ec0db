from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "earnedsecure.assessments"
    label = "assessments"
