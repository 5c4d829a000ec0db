from django.urls import path

from earnedsecure.journey import views

app_name = "journey"
urlpatterns = [
    path("", views.index, name="index"),
    path("pathway/", views.pathway, name="pathway"),
    path("programs/<slug:slug>/", views.program, name="program"),
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/<int:pk>/dismiss/", views.reminder_dismiss, name="reminder_dismiss"),
    path("<slug:slug>/", views.lesson, name="lesson"),
    path("<slug:slug>/read/", views.lesson_read, name="lesson_read"),
]
