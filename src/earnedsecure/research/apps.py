from django.apps import AppConfig


class ResearchConfig(AppConfig):
    """Research: studies with versioned consent and de-identified exports."""

    name = "earnedsecure.research"
    label = "research"

    def ready(self):
        from earnedsecure.core import personal_data
        from earnedsecure.research.models import Agreement, Participant

        # A person's studies and agreements are theirs: in "export my data", and deleted with the account.
        personal_data.register(Participant, owner_field="person")
        personal_data.register(Agreement, owner_field="person")
