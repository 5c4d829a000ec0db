from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "earnedsecure.diary"
    label = "diary"

    def ready(self):
        from earnedsecure.core import personal_data
        from earnedsecure.core.demo import register_seeder
        from earnedsecure.diary import demo
        from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession

        for model in (Activation, ToolSession, SavouringEntry):
            personal_data.register(model)
        register_seeder(demo.seed, order=30)
