from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "earnedsecure.partners"
    label = "partners"

    def ready(self):
        from earnedsecure.core import personal_data
        from earnedsecure.core.demo import register_seeder
        from earnedsecure.partners import demo
        from earnedsecure.partners.models import (
            AccessRecord,
            Block,
            CheckIn,
            CodeTry,
            EmergencyReset,
            Invite,
            Link,
            PatternConsent,
            ReassuranceRequest,
            Share,
            Status,
            TimeOut,
            TimeoutAgreement,
        )

        for model in (
            Invite,
            CodeTry,
            Link,
            Share,
            Status,
            Block,
            AccessRecord,
            EmergencyReset,
            ReassuranceRequest,
            TimeoutAgreement,
            TimeOut,
            CheckIn,
            PatternConsent,
        ):
            personal_data.register(model)
        register_seeder(demo.seed, order=95)  # after every app's own history: the couple's months together
