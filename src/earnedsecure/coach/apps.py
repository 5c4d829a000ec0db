from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "earnedsecure.coach"
    label = "coach"
