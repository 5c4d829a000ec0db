"""The person's own side, at /account/therapist/: grants, the access log, their report, declining homework."""

from django.urls import path

from earnedsecure.care import views

urlpatterns = [
    path("", views.mine, name="care_mine"),
    path("grant/", views.grant, name="care_grant"),
    path("<int:pk>/stop/", views.revoke, name="care_revoke"),
    path("my-report.pdf", views.own_pdf, name="care_own_pdf"),
    path("my-check-ins.fhir.json", views.own_fhir, name="care_own_fhir"),
    path("homework/<int:pk>/decline/", views.homework_decline, name="care_homework_decline"),
]
