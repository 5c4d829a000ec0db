from django.urls import path

from earnedsecure.research import views

app_name = "research"
urlpatterns = [
    path("", views.overview, name="overview"),  # researchers: studies, consent versions, counts
    path("studies/", views.studies, name="studies"),  # a person's own studies
    path("studies/<slug:slug>/join/", views.join, name="join"),
    path("studies/<slug:slug>/leave/", views.leave, name="leave"),
    path("releases/<str:token>/", views.release_download, name="release_download"),  # a researcher's export
]
