from allauth.account.decorators import reauthentication_required
from allauth.account.views import SignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from earnedsecure.accounts import exports, kept_forms, onboarding, selectors, services
from earnedsecure.accounts.forms import ConsentForm, DeleteAccountForm, SettingsForm
from earnedsecure.accounts.models import Consent, User
from earnedsecure.core import crisis_lines
from earnedsecure.core.free_text import free_text_labels
from earnedsecure.core.views import COUNTRY_COOKIE

Step = User.Onboarding


def _safe_next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


class GuessingSignupView(SignupView):
    """allauth's sign-up, with the country preselected from a guess the person can change.

    The guess comes from the region in the browser's Accept-Language ("en-GB" -> GB) or a country already
    chosen on the crisis page; country-guess.js may then refine it from the browser's time zone.
    """

    def get_initial(self) -> dict:
        initial = super().get_initial()
        chosen = crisis_lines.country_for(self.request.COOKIES.get(COUNTRY_COOKIE))
        guess = (
            chosen.code
            if chosen
            else crisis_lines.country_from_accept_language(self.request.META.get("HTTP_ACCEPT_LANGUAGE"))
        )
        if guess:
            initial["country"] = guess
        return initial

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["zone_countries"] = crisis_lines.time_zone_countries()
        return context


signup = GuessingSignupView.as_view()


def _with_next(url: str, request) -> str:
    target = _safe_next(request, "")
    return f"{url}?{urlencode({'next': target})}" if target else url


def _remember_country(response, user) -> None:
    """The crisis page shows this country's lines even after signing out (the crisis-page cookie)."""
    if user.country:
        response.set_cookie(COUNTRY_COOKIE, user.country, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)


@require_http_methods(["GET", "POST"])
def onboarding_about(request):
    """Step 1 of a new person's first steps: what this is and what it is not. Continue leads to consent."""
    user = request.user
    if not onboarding.is_onboarding(user):
        return redirect("home")
    if request.method == "POST":
        services.onboarding_step_done(user=user, step=Step.ABOUT)
        return redirect(_safe_next(request, onboarding.current_url(user)))
    return render(
        request,
        "accounts/onboarding_about.html",
        {"steps": onboarding.progress(Step.ABOUT), "next": _safe_next(request, "")},
    )


@require_http_methods(["GET", "POST"])
def consent(request):
    """The agreement: step 2 of a new person's first steps, and the way back in after withdrawing it."""
    user = request.user
    if user.onboarding == Step.ABOUT:
        # In order: what the app is and is not comes before agreeing to it.
        return redirect(_with_next(reverse("onboarding_about"), request))
    form = ConsentForm(request.POST if request.method == "POST" else None)  # an unticked box sends nothing
    if request.method == "POST" and form.is_valid():
        services.consent_give(user=user)
        if onboarding.is_onboarding(user):
            services.onboarding_step_done(user=user, step=Step.CONSENT)
        return redirect(_safe_next(request, onboarding.current_url(user)))
    steps = onboarding.progress(Step.CONSENT) if onboarding.is_onboarding(user) else None
    return render(request, "accounts/consent.html", {"form": form, "next": _safe_next(request, ""), "steps": steps})


@require_http_methods(["GET", "POST"])
def onboarding_place(request):
    """Step 3: country (for crisis lines) and time zone, confirmed; stored as the settings page stores them."""
    user = request.user
    if not onboarding.is_onboarding(user):
        return redirect("home")
    if not onboarding.reached(user, Step.PLACE):
        return redirect(onboarding.current_url(user))
    form = SettingsForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        services.onboarding_step_done(user=user, step=Step.PLACE)
        response = redirect(onboarding.current_url(user))
        _remember_country(response, user)
        return response
    return render(
        request,
        "accounts/onboarding_place.html",
        {
            "form": form,
            "steps": onboarding.progress(Step.PLACE),
            # Only a zone nobody chose yet (the default) may be filled in from the browser.
            "guess_zone": not form.is_bound and user.time_zone == User._meta.get_field("time_zone").default,
        },
    )


@require_http_methods(["GET", "POST"])
def onboarding_first_step(request):
    """Step 4: the person chooses one first step (a check-in, a lesson, a tool, or a look around) and goes there."""
    user = request.user
    if not onboarding.is_onboarding(user):
        return redirect("home")
    if not onboarding.reached(user, Step.FIRST_STEP):
        return redirect(onboarding.current_url(user))
    choices = onboarding.first_steps()
    if request.method == "POST":
        chosen = next((choice for choice in choices if choice.key == request.POST.get("choice")), None)
        if chosen is not None:
            services.onboarding_step_done(user=user, step=Step.FIRST_STEP)
            return redirect(chosen.url)
    return render(
        request,
        "accounts/onboarding_first_step.html",
        {"choices": choices, "steps": onboarding.progress(Step.FIRST_STEP)},
    )


@require_POST
def consent_withdraw(request):
    """Take back the core consent. Nothing is deleted; the notebook closes until the person agrees again."""
    services.consent_withdraw(user=request.user, purpose=Consent.Purpose.CORE)
    messages.success(
        request,
        "You have withdrawn your agreement. Your notebook is closed and nothing new is stored or analysed; "
        "what you wrote is kept, encrypted, until you agree again or delete your account.",
    )
    return redirect("account_settings")


@require_http_methods(["GET", "POST"])
def account_settings(request):
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, "Saved.")
        response = redirect("account_settings")
        _remember_country(response, user)
        return response
    return render(
        request, "accounts/settings.html", {"form": form, "consented": services.has_core_consent(request.user)}
    )


@require_safe
def security_log(request):
    """The person's own security log: sign-ins, refused tries, two-step, password, email and export events."""
    events = selectors.security_events_for(user=request.user)
    return render(
        request, "accounts/security_log.html", {"events": events, "shown_at_most": selectors.SECURITY_LOG_LENGTH}
    )


@reauthentication_required
@require_http_methods(["GET", "POST"])
def export(request):
    """After the password again: "Prepare my export" makes a single-use link and shows it, in this answer only
    (only the token's hash is kept, so no later page could show it again)."""
    if request.method == "POST":
        token, expires_at = exports.export_link_create(user=request.user)
        return render(
            request,
            "accounts/export_link.html",
            {
                "url": reverse("account_export_download", args=[token]),
                "expires_at": expires_at,
                "minutes": exports.LINK_MINUTES,
            },
        )
    return render(request, "accounts/export.html", {"minutes": exports.LINK_MINUTES})


@require_GET
def export_download(request, token):
    """The single-use link: the zip for its owner, once, within 15 minutes; 404 for anything else. GET (not
    HEAD, which a link checker might send) spends it."""
    export = exports.export_download(user=request.user, token=token)
    if export is None:
        return render(request, "accounts/export_gone.html", {"minutes": exports.LINK_MINUTES}, status=404)
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None, username=request.user.username)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        # A redirect, so that Back or a reload never offers to send the deletion again.
        messages.success(request, "Your account and everything in it are deleted from this machine. Take care.")
        return redirect("landing")
    return render(request, "accounts/delete.html", {"form": form})


@require_http_methods(["GET", "POST"])
def kept_form(request):
    """A form the person sent after their session ended, given back after signing in (accounts/kept_forms.py).

    GET shows their words, to look over and change; POST "send" sends the form on where it was going with a 307
    (the browser posts the same fields again, to that page), "put away" deletes it. Either way it is gone from
    here. Nothing to give back (another account, more than an hour later): home.
    """
    kept = kept_forms.kept_form_get(user=request.user, key=kept_forms.cookie_key(request))
    if kept is None:
        response = redirect("home")
        kept_forms.cookie_delete(response)
        return response
    if request.method == "POST":
        kept_forms.kept_form_delete(kept=kept)
        if request.POST.get("kept_action") == "send":
            response = HttpResponse(status=307)
            response["Location"] = kept_forms.destination(kept)
        else:
            messages.success(request, "Put away: what you wrote there is deleted.")
            response = redirect("home")
        kept_forms.cookie_delete(response)
        return response
    labels = free_text_labels()
    fields = kept.form.get("fields", [])
    return render(
        request,
        "accounts/kept_form.html",
        {
            "kept": kept,
            "kept_until": kept.kept_at + kept_forms.KEPT_FOR,
            "writing": [(name, labels[name], value) for name, value in fields if name in labels and value.strip()],
            "carried": [(name, value) for name, value in fields if name not in labels or not value.strip()],
            "idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
        },
    )
