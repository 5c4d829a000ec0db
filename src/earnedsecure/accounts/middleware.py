"""Consent at one door, for pages and the API alike.

Every route answers only to a signed-in person who has given the current core consent, unless it is on one of
the allow-lists below. The check runs in ``process_view``, after sign-in and the session limits and before any
view code, so a route cannot forget it: a new page or API endpoint is gated the day it is added, and the
only way to open it is to add it here, where a reviewer sees it (tests/core/test_consent_door.py walks every
route and keeps its own copy of these lists).

A new person meets this door as one of their first steps (accounts/onboarding.py): before they have read what
the app is and is not, it sends them there rather than to the consent step, which comes next. It is the same
door with the same allow-list: nothing else gates a new person.

Sign-in itself stays with Django's ``LoginRequiredMiddleware`` (pages) and django-ninja's session auth (API);
this middleware does not look at anonymous visitors, so the public pages never reach the database here.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from earnedsecure.accounts.models import User
from earnedsecure.accounts.services import has_core_consent

# Pages anyone may see, signed in or not, consent or not. None of them reads or writes a person's data.
PUBLIC = frozenset(
    {
        "landing",
        "crisis",  # crisis lines are never behind any gate
        "quick_exit",  # leaving must always work
        "who_this_is_for",
        "privacy",
        "security_txt",
        "healthz",
        "readyz",
    }
)

# Signed-in pages that work without consent, so that a person can give it, take it back, or leave.
CONSENT_NOT_NEEDED = frozenset(
    {
        "consent",
        "consent_withdraw",
        # A new person's first step, before the consent step: what the app is and is not. It reads and stores
        # nothing but how far they have come (accounts/onboarding.py).
        "onboarding_about",
        "account_settings",  # country for crisis lines, time zone: the account, not the notebook
        "account_security",  # the security log: who signed in, what changed; about the account, not the notebook
        "account_export",  # a person can always take their data with them
        "account_export_download",  # through the single-use link the export page makes
        "account_delete",  # and always leave
        # The safety plan, read and written, without the app's consent. In a crisis the plan is what a person
        # needs, at once: a consent step between them and it (which would also lose what they typed) is a
        # barrier at the worst moment. The plan is not analysed, scored or used for anything else; saving it
        # is its own plain act for one purpose, said on the page; it is encrypted, included in the export and
        # deleted with the account, like everything else. Withdrawing consent leaves it where the person put it.
        "safety_plan",
        # What the person wrote when their session ended, given back to them after signing in. Showing it stores
        # and analyses nothing; sending it goes to the page it was written on, which asks for consent if it does.
        # A consent step first could cost them the words (a safety plan, above all).
        "kept_form",
        # Lessons are the same for everyone, and the consent step itself sends a person who feels unsafe with a
        # partner to one before they agree. Reading stores nothing (marking a lesson read is gated); the one
        # personal line on the page, when the person marked it read, is shown back only to its owner.
        "journey:lesson",
        # The Safety check and Emergency Reset: about the account (who sees what, sessions, sign-in), and the way
        # out of a partner link for someone who fears being watched must never wait behind a consent step. The
        # reset stores only the day it was used, for its owner; it analyses nothing.
        "partners:safety_check",
        "partners:safety_check_access",
        "partners:emergency_reset",
        # Who of one's therapists may see what, who looked, and stopping it: about access to the account, never
        # gated (while consent is withdrawn no therapist reads anything anyway: care/access.py).
        "care_mine",
        "care_revoke",
        # One's research studies and leaving one: a study's own consent, never gated behind the app's (while the
        # app's consent is withdrawn no export holds the person anyway: research/selectors.releasable).
        "research:studies",
        "research:leave",
        # The API's description of itself holds no one's data.
        "api:openapi-json",
        "api:openapi-view",
    }
)

# allauth's own pages (sign-in and out, password, email addresses, two-step sign-in, sessions, re-authentication)
# manage the account itself and must work for someone who has not agreed, or no longer agrees.
ACCOUNT_ROUTES_PREFIX = "accounts/"

API_NAMESPACE = "api"


def consent_not_needed(match) -> bool:
    """True for a resolved route that is public or on the allow-list (no database needed to say so)."""
    return (
        match.view_name in PUBLIC
        or match.view_name in CONSENT_NOT_NEEDED
        or match.route.startswith(ACCOUNT_ROUTES_PREFIX)
    )


class ConsentMiddleware:
    """Refuse every route not on the allow-lists above to a signed-in person without the current consent.

    Pages send the person to the consent step and back; the API answers 403 with ``{"error": ...}``. Anonymous
    requests pass through untouched: sign-in is checked before (pages) or by the API's own auth (401).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or consent_not_needed(match):
            return None
        if not request.user.is_authenticated or has_core_consent(request.user):
            return None
        consent_url = reverse("consent")
        if match.namespace == API_NAMESPACE:
            return JsonResponse(
                {"error": f"agree to the privacy notice first ({consent_url})"},
                status=403,
            )
        # A new person who has not yet read what the app is and is not starts there; the consent step follows.
        step_url = reverse("onboarding_about") if request.user.onboarding == User.Onboarding.ABOUT else consent_url
        return redirect(f"{step_url}?{urlencode({'next': request.get_full_path()})}")


class PersonTimeZoneMiddleware:
    """Show and read every date in the signed-in person's own time zone: the one time-zone mechanism.

    After sign-in, the person's stored zone is activated for the request (Django's current time zone), so
    templates' ``date`` filter, ``timezone.localtime`` and form date fields all use it with no tag, override
    or hand conversion in the apps; it is deactivated when the response is done, so a zone never leaks into
    the next request on the same thread. Public pages (``login_not_required``) show no one's dates and stay
    off the database here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "login_required", True) and request.user.is_authenticated:
            timezone.activate(request.user.zone)
        return None
