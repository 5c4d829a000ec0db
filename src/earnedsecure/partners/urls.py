from django.urls import path

from earnedsecure.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.index, name="index"),
    path("before-linking/", views.safety_screen, name="safety_screen"),
    path("invite/", views.invite, name="invite"),
    path("enter-code/", views.accept, name="accept"),
    path("choose/", views.choose, name="choose"),
    path("status/", views.status, name="status"),
    path("ask/", views.ask, name="ask"),
    path("ask/<int:pk>/answer/", views.answer, name="answer"),
    path("time-out/terms/", views.timeout_terms, name="timeout_terms"),
    path("time-out/terms/<int:pk>/accept/", views.timeout_accept, name="timeout_accept"),
    path("time-out/start/", views.timeout_start, name="timeout_start"),
    path("time-out/<int:pk>/end/", views.timeout_end, name="timeout_end"),
    path("check-in/", views.check_in, name="check_in"),
    path("check-in/earlier/", views.check_in_earlier, name="check_in_earlier"),
    path("check-in/hide/", views.check_in_hide, name="check_in_hide"),
    path("repair/", views.repair, name="repair"),
    path("pattern/", views.pattern, name="pattern"),
    path("unlink/", views.unlink, name="unlink"),
    path("block/", views.block, name="block"),
    path("safety-check/", views.safety_check, name="safety_check"),
    path("safety-check/access/", views.safety_check_access, name="safety_check_access"),
    path("safety-check/reset/", views.emergency_reset, name="emergency_reset"),
]
