from django.apps import AppConfig


class CareConfig(AppConfig):
    """Therapists: measurement-based care between sessions (grants, caseload, reports, homework)."""

    name = "earnedsecure.care"
    label = "care"
