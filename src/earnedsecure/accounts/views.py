from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from earnedsecure.accounts import services
from earnedsecure.accounts.forms import ConsentForm, DeleteAccountForm, SettingsForm
from earnedsecure.core.views import COUNTRY_COOKIE


def _safe_next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@require_http_methods(["GET", "POST"])
def consent(request):
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_give(user=request.user)
        return redirect(_safe_next(request))
    return render(request, "accounts/consent.html", {"form": form, "next": _safe_next(request, "")})


@require_http_methods(["GET", "POST"])
def account_settings(request):
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, "Saved.")
        response = redirect("account_settings")
        if user.country:
            response.set_cookie(COUNTRY_COOKIE, user.country, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        return response
    return render(request, "accounts/settings.html", {"form": form})


@reauthentication_required
@require_http_methods(["GET", "POST"])
def export(request):
    if request.method == "POST":
        body = services.account_export_json(user=request.user)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="notebook-export-{stamp}.json"'
        return response
    return render(request, "accounts/export.html")


@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None, username=request.user.username)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        return render(request, "accounts/deleted.html", {"public_page": True})
    return render(request, "accounts/delete.html", {"form": form})
