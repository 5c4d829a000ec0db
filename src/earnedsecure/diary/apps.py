from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "earnedsecure.diary"
    label = "diary"

    def ready(self):
        from earnedsecure.core import personal_data
        from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession

        for model in (Activation, ToolSession, SavouringEntry):
            personal_data.register(model)
