from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "earnedsecure.accounts"
    label = "accounts"

    def ready(self):
        from earnedsecure.accounts.models import Consent, User
        from earnedsecure.core import personal_data

        personal_data.register(User, owner_field="pk", exclude=("password", "groups", "user_permissions"))
        personal_data.register(Consent)
        from allauth.account.models import EmailAddress

        personal_data.register(EmailAddress, owner_field="user")
