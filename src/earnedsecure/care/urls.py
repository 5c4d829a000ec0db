"""The therapist's pages, at /clinician/ (each one behind two-step sign-in: ``views.therapist_view``)."""

from django.urls import path

from earnedsecure.care import views

app_name = "care"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("client/<int:client_id>/", views.client, name="client"),
    path("client/<int:client_id>/activation/", views.client_activation, name="client_activation"),
    path("client/<int:client_id>/report.pdf", views.client_pdf_download, name="client_pdf"),
    path("client/<int:client_id>/check-ins.fhir.json", views.client_fhir, name="client_fhir"),
    path("client/<int:client_id>/homework/", views.homework_suggest, name="homework_suggest"),
]
