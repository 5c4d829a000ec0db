"""Headers every response needs, and the idle-session limit."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import middleware as auth_middleware
from django.http import JsonResponse
from django.middleware import csrf
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import urlencode


def privacy_headers(get_response):
    """Permissions-Policy everywhere; no-store on every page so personal data never sits in a cache.

    Static files are served before this middleware runs (WhiteNoise), so they stay cacheable. Every request's
    POST values are marked sensitive (what Django's ``sensitive_post_parameters`` does per view): almost every
    form here carries someone's words or a password, so an error report never shows any of them.
    """

    def middleware(request):
        request.sensitive_post_parameters = "__ALL__"
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response["Cache-Control"] = "no-store"
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


class SessionTimeoutMiddleware:
    """Log a person out after SESSION_IDLE_SECONDS without a request, and SESSION_COOKIE_AGE after sign-in.

    The absolute limit is checked here because the session's own expiry moves forward whenever the
    session is saved (every minute of activity), so on its own it would never end an active session.
    Runs in process_view so public views (the crisis page above all) never touch the session or the
    database: they must work when the database is down. The JSON API is not public even though its views are
    marked ``login_required = False`` (django-ninja answers 401 itself instead of redirecting): the same limits
    apply to it, and an expired session gets a 401 in the API's error shape.

    A page is asked for again after signing in. A form sent after the limit keeps the person's words, encrypted,
    for them to send after signing in (accounts/kept_forms.py); the sign-in page says so.
    """

    KEY = "_last_seen"
    STARTED_KEY = "_signed_in_at"
    WRITE_EVERY = 60  # seconds; saves a session write on every click

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    API_NAMESPACE = "api"

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        is_api = match is not None and match.namespace == self.API_NAMESPACE
        if not is_api and not getattr(view_func, "login_required", True):
            return None
        if not request.user.is_authenticated:
            return None
        now = time.time()
        last_seen = request.session.get(self.KEY)
        started = request.session.setdefault(self.STARTED_KEY, now)
        idle = last_seen is not None and now - last_seen > settings.SESSION_IDLE_SECONDS
        if idle or now - started > settings.SESSION_COOKIE_AGE:
            from earnedsecure.accounts import kept_forms

            kept = None if is_api else kept_forms.form_keep(user=request.user, request=request)
            logout(request)
            if is_api:
                return JsonResponse({"error": "signed out after a time without activity; sign in again"}, status=401)
            query = {"timeout": "1"}
            if kept is not None:
                query.update(kept="1", next=reverse("kept_form"))
            elif request.method in ("GET", "HEAD"):
                query["next"] = request.get_full_path()
            response = redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode(query)}")
            if kept is not None:
                kept_forms.cookie_set(response, kept)
            return response
        if last_seen is None or now - last_seen > self.WRITE_EVERY:
            request.session[self.KEY] = now
        return None


class CsrfViewMiddleware(csrf.CsrfViewMiddleware):
    """Django's CSRF protection, adjusted for ``Referrer-Policy: no-referrer``.

    Under that policy browsers send ``Origin: null`` and no Referer even on our own forms, which Django's
    origin and referer checks reject. When the browser has hidden both, the check rests on the secret CSRF
    token (which a cross-site page cannot read) and on SameSite=Lax cookies (which a cross-site POST does
    not carry); any real origin that is sent is still verified.
    """

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if request.META.get("HTTP_ORIGIN") == "null" and not request.META.get("HTTP_REFERER"):
            del request.META["HTTP_ORIGIN"]
            request._origin_hidden_by_policy = True
        return super().process_view(request, callback, callback_args, callback_kwargs)

    def _check_referer(self, request):
        if getattr(request, "_origin_hidden_by_policy", False):
            return
        super()._check_referer(request)


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Django's deny-by-default login check, asking the view before the session.

    Django looks at ``request.user`` first, which reads the session from the database. Public views (the
    crisis page above all) must answer when the database is down, so they are let through without it.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        """A form sent with no session at all (signed out in another tab, say) is not saved; rather than send
        the person to sign in and lose it, the answer shows their words to copy. Nothing is kept: with no
        session, nobody can tell whose words they are (accounts/kept_forms.py)."""
        from earnedsecure.core.failsafe import typed_words

        words = typed_words(request)
        if not words:
            return super().handle_no_permission(request, view_func)
        login_url = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
        return render(request, "core/signed_out_words.html", {"words": words, "login_url": login_url}, status=403)
