from django.urls import path

from earnedsecure.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("another/", views.another, name="another"),
    path("settings/", views.check_in_settings, name="settings"),
    path("settings/research/", views.research_settings, name="research_settings"),
    path("results/<int:pk>/", views.result, name="result"),
    path("safety/<int:pk>/", views.safety, name="safety"),
    path("safety/<int:pk>/put-away/", views.safety_put_away, name="safety_put_away"),
    path("summary/", views.doctor_summary, name="doctor_summary"),
    path("<slug:slug>/", views.take, name="take"),
    path("<slug:slug>/discard/", views.discard, name="discard"),
    path("<slug:slug>/trajectory/", views.trajectory, name="trajectory"),
]
