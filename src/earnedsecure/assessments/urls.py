from django.urls import path

from earnedsecure.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.check_in_settings, name="settings"),
    path("results/<int:pk>/", views.result, name="result"),
    path("<slug:slug>/", views.take, name="take"),
    path("<slug:slug>/discard/", views.discard, name="discard"),
    path("<slug:slug>/trajectory/", views.trajectory, name="trajectory"),
]
