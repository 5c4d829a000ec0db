from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "earnedsecure.core"
    label = "core"
    verbose_name = "Earned Secure core"
