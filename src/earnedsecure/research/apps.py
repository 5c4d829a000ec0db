from django.apps import AppConfig


class ResearchConfig(AppConfig):
    """Research: studies with versioned consent and de-identified exports."""

    name = "earnedsecure.research"
    label = "research"
