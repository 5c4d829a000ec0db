"""The reminder settings (``/account/reminders/``, URL name "reminders"), included from the project's urls.py
without a namespace: they are a setting of the account, where people look for them, not a part of Learn."""

from django.urls import path

from earnedsecure.journey import views

urlpatterns = [path("", views.reminders, name="reminders")]
