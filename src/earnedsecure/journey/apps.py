from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "earnedsecure.journey"
    label = "journey"
