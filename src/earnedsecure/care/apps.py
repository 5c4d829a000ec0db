from django.apps import AppConfig


class CareConfig(AppConfig):
    """Therapists: measurement-based care between sessions (grants, caseload, reports, homework)."""

    name = "earnedsecure.care"
    label = "care"

    def ready(self):
        from earnedsecure.care.models import AccessLogEntry, Grant, Homework, Therapist
        from earnedsecure.core import personal_data

        personal_data.register(Therapist, owner_field="user")
        for model in (Grant, AccessLogEntry, Homework):
            personal_data.register(model)
