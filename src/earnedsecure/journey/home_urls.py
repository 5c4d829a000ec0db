"""The home page (``/home/``, URL name "home"), included from the project's urls.py without a namespace."""

from django.urls import path

from earnedsecure.journey import views

urlpatterns = [path("", views.home, name="home")]
