from django.urls import path

from earnedsecure.coach import views

app_name = "coach"
urlpatterns = [
    path("", views.index, name="index"),
    path("counting/", views.research_consent, name="research_consent"),
    path("thoughts/new/", views.thought_new, name="thought_new"),
    path("thoughts/<int:pk>/", views.thought_detail, name="thought_detail"),
    path("thoughts/<int:pk>/delete/", views.thought_delete, name="thought_delete"),
    path("messages/new/", views.message_new, name="message_new"),
    path("messages/<int:pk>/", views.message_detail, name="message_detail"),
    path("messages/<int:pk>/delete/", views.message_delete, name="message_delete"),
]
