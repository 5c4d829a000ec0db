from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "earnedsecure.diary"
    label = "diary"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from earnedsecure.core import personal_data
        from earnedsecure.core.demo import register_seeder
        from earnedsecure.diary import demo
        from earnedsecure.diary.models import Activation, DiaryStamp, SavouringEntry, ToolSession
        from earnedsecure.diary.selectors import diary_touch

        for model in (Activation, ToolSession, SavouringEntry):
            personal_data.register(model)
            post_save.connect(diary_touch, sender=model, dispatch_uid=f"diary-touch-save-{model.__name__}")
            post_delete.connect(diary_touch, sender=model, dispatch_uid=f"diary-touch-delete-{model.__name__}")
        personal_data.register(DiaryStamp)
        register_seeder(demo.seed, order=30)
