from django.urls import path

from earnedsecure.diary import views

app_name = "diary"
urlpatterns = [
    path("", views.index, name="index"),
    path("activated/", views.activated, name="activated"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("tools/", views.tools, name="tools"),
    path("tools/<slug:slug>/", views.tool, name="tool"),
    path("good-moments/", views.savouring, name="savouring"),
    path("good-moments/new/", views.savouring_new, name="savouring_new"),
    path("insights/", views.insights, name="insights"),
]
