from django.urls import path
from django.views.generic import RedirectView

from earnedsecure.journey import views

app_name = "journey"
urlpatterns = [
    path("", views.index, name="index"),
    path("pathway/", views.pathway, name="pathway"),
    path("programs/<slug:slug>/", views.program, name="program"),
    # The settings moved to the account (reminder_urls.py); links in emails already sent still arrive.
    path("reminders/", RedirectView.as_view(pattern_name="reminders", permanent=True), name="reminders"),
    path("reminders/<int:pk>/dismiss/", views.reminder_dismiss, name="reminder_dismiss"),
    path("<slug:slug>/", views.lesson, name="lesson"),
    path("<slug:slug>/read/", views.lesson_read, name="lesson_read"),
]
