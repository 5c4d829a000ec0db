from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "earnedsecure.core"
    label = "core"
    verbose_name = "Earned Secure core"

    def ready(self):
        from earnedsecure.core import personal_data
        from earnedsecure.core.models import SafetyPlan

        personal_data.register(SafetyPlan)
