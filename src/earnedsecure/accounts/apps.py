from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "earnedsecure.accounts"
    label = "accounts"

    def ready(self):
        from earnedsecure.accounts import security_log, session_records
        from earnedsecure.accounts.models import Consent, KeptForm, SecurityEvent, User
        from earnedsecure.core import personal_data

        personal_data.register(User, owner_field="pk", exclude=("password", "groups", "user_permissions"))
        personal_data.register(Consent)
        personal_data.register(SecurityEvent)
        personal_data.register(KeptForm)
        security_log.connect()
        session_records.connect()
        from allauth.account.models import EmailAddress

        personal_data.register(EmailAddress, owner_field="user")
