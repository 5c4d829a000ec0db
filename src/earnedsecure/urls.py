from django.urls import include, path

from earnedsecure.accounts import views as account_views
from earnedsecure.api import api
from earnedsecure.core import views as core_views

handler500 = "earnedsecure.core.failsafe.server_error"  # database errors: 503/507 with the words typed


def _api_urls():
    """The API answers 401 in JSON itself (django-ninja's session auth), rather than redirecting to sign in."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        for inner in getattr(pattern, "url_patterns", [pattern]):
            inner.callback.login_required = False
    return patterns, app_name, namespace


urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("home/", include("earnedsecure.journey.home_urls")),  # name="home", the journey app's page
    path("still-here/", core_views.still_here, name="still_here"),
    path("help/crisis/", core_views.crisis, name="crisis"),
    path("help/plan/", core_views.safety_plan, name="safety_plan"),
    path("quick-exit/", core_views.quick_exit, name="quick_exit"),
    path("who-this-is-for/", core_views.who_this_is_for, name="who_this_is_for"),
    path("privacy/", core_views.privacy, name="privacy"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("welcome/", account_views.onboarding_about, name="onboarding_about"),  # a new person's first steps
    path("welcome/place/", account_views.onboarding_place, name="onboarding_place"),
    path("welcome/first-step/", account_views.onboarding_first_step, name="onboarding_first_step"),
    path("account/consent/", account_views.consent, name="consent"),
    path("account/consent/withdraw/", account_views.consent_withdraw, name="consent_withdraw"),
    path("account/settings/", account_views.account_settings, name="account_settings"),
    path("account/security/", account_views.security_log, name="account_security"),
    path("account/export/", account_views.export, name="account_export"),
    path("account/export/<str:token>/", account_views.export_download, name="account_export_download"),
    path("account/delete/", account_views.delete, name="account_delete"),
    path("account/reminders/", include("earnedsecure.journey.reminder_urls")),  # name="reminders"
    path("account/kept/", account_views.kept_form, name="kept_form"),
    path("account/therapist/", include("earnedsecure.care.person_urls")),  # name="care_mine", the person's side
    path("accounts/signup/", account_views.signup, name="account_signup"),  # allauth's, with country and age
    path("accounts/", include("allauth.urls")),
    path("api/v1/", _api_urls()),
    path("check-ins/", include("earnedsecure.assessments.urls")),
    path("diary/", include("earnedsecure.diary.urls")),
    path("think/", include("earnedsecure.coach.urls")),
    path("learn/", include("earnedsecure.journey.urls")),
    path("together/", include("earnedsecure.partners.urls")),
    path("clinician/", include("earnedsecure.care.urls")),  # therapists
    path("research/", include("earnedsecure.research.urls")),  # researchers
]
