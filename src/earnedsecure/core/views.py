from datetime import timedelta

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from earnedsecure.core import crisis_lines, retention

COUNTRY_COOKIE = "es_country"


def crisis_country_code(request) -> str:
    """The country for crisis lines: ?country=, then the person's setting, then a cookie, then the default.

    The person's setting needs the database; if it is down, the page falls back to the cookie and default.
    """
    if request.GET.get("country"):
        return request.GET["country"].upper()
    try:
        if request.user.is_authenticated and request.user.country:
            return request.user.country
    except DatabaseError:
        pass
    return (request.COOKIES.get(COUNTRY_COOKIE) or settings.DEFAULT_COUNTRY).upper()


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def crisis(request):
    """The crisis lines. Must work when all else fails: the only database read is guarded, the template needs none.

    ``?country=`` shows another country's lines and changes nothing. Remembering a country (a cookie for a year)
    is a POST with the CSRF token, so a link someone sends cannot change which lines this browser shows.
    """
    if request.method == "POST":
        chosen = crisis_lines.country_for(request.POST.get("country", "").upper())
        response = redirect(f"{request.path}?{urlencode({'country': chosen.code})}" if chosen else request.path)
        response.status_code = 303
        if chosen:
            response.set_cookie(COUNTRY_COOKIE, chosen.code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        return response
    code = crisis_country_code(request)
    country = crisis_lines.country_for(code)
    response = render(
        request,
        "core/crisis.html",
        {
            "country": country,
            "countries": crisis_lines.country_choices(),
            # The whole table, always: it is on the page before anyone needs it, and needs no network.
            "all_countries": crisis_lines.countries_in_order(first=country.code if country else None),
            "emergency_numbers": crisis_lines.emergency_numbers(),
            "selected": code,
            "directory": crisis_lines.INTERNATIONAL_DIRECTORY,
            "last_reviewed": crisis_lines.LAST_REVIEWED,
            "public_page": True,
        },
    )
    return response


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def quick_exit(request):
    """Sign out at once and leave for a neutral site, so nothing private is one Back away.

    Quick exit's link points here, so it works without JavaScript (GET: sign out, then redirect). With
    JavaScript the page sends a beacon (POST, answered 204) and replaces its own history entry with the
    neutral site. CSRF is waived on purpose: a stale or missing token must never stop someone leaving,
    and the most another site can do with it is sign this browser out.
    """
    database_down = False
    try:
        logout(request)
    except DatabaseError:
        # The exit must still happen. Without the database the session row cannot be deleted, so the
        # browser's copy of the cookie goes instead (and the session is not saved on the way out).
        database_down = True
        request.session.modified = False
    response = HttpResponse(status=204) if request.method == "POST" else redirect(settings.QUICK_EXIT_URL)
    if database_down:
        response.delete_cookie(
            settings.SESSION_COOKIE_NAME,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )
    return response


@login_not_required
@require_safe
def who_this_is_for(request):
    return render(request, "core/who_this_is_for.html", {"public_page": True})


@login_not_required
@require_safe
def privacy(request):
    # The periods come from where they are kept, so the notice cannot drift from them (tests/core/test_privacy.py).
    return render(
        request,
        "core/privacy.html",
        {
            "public_page": True,
            "idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
            "neutral_name": settings.NEUTRAL_NAME,
            "access_log_days": retention.ACCESS_LOG_DAYS,
            "finished_task_days": retention.FINISHED_TASK_DAYS,
            "security_event_days": retention.SECURITY_EVENT_DAYS,
            "unverified_account_days": retention.UNVERIFIED_ACCOUNT_DAYS,
            "key_backup_days": settings.KEY_BACKUP_DAYS,
        },
    )


@login_not_required
@require_safe
def security_txt(request):
    """RFC 9116, with the one contact that reaches someone: the operator's EARNEDSECURE_SECURITY_CONTACT.

    Without one there is no file (404) rather than a made-up address where a report would be lost.
    """
    if not settings.SECURITY_CONTACT:
        raise Http404("no security contact configured")
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0).isoformat()
    context = {"contact": settings.SECURITY_CONTACT, "expires": expires, "site_url": settings.SITE_URL.rstrip("/")}
    return render(request, "core/security.txt", context, content_type="text/plain; charset=utf-8")


@login_not_required
@require_safe
def healthz(request):
    """Liveness: this process answers. Touches nothing else, so a database outage never makes a supervisor
    restart healthy app servers (that is /readyz's question). Public, and says nothing about anyone."""
    return JsonResponse({"status": "alive"})


_migrations_applied = False  # once seen applied, they stay applied for this process's code


def _unapplied_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@login_not_required
@require_safe
def readyz(request):
    """Readiness: may this server take requests? The database answers and every migration is applied.

    503 otherwise, so a proxy or an orchestrator sends people elsewhere rather than to a page that would fail.
    The answer names no table, no migration and nobody: only whether, and how many migrations are missing.
    The migration check reads the migration files once; after it has passed, only the database is asked.
    """
    global _migrations_applied
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        missing = 0 if _migrations_applied else _unapplied_migrations()
    except DatabaseError:
        return JsonResponse({"status": "not ready", "database": "unreachable"}, status=503)
    if missing:
        return JsonResponse({"status": "not ready", "database": "ok", "migrations_missing": missing}, status=503)
    _migrations_applied = True
    return JsonResponse({"status": "ready", "database": "ok", "migrations_missing": 0})


def server_error(request):
    return render(request, "500.html", {"public_page": True}, status=500)


@login_not_required
@require_safe
def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/landing.html")


def still_here(request):
    """The smallest signed-in page: the benchmark floor every other page is compared with."""
    return render(request, "core/still_here.html")


def safety_plan(request):
    """The person's own crisis plan: one tap from the crisis page and every crisis block, printable."""
    from django.contrib import messages

    from earnedsecure.core.forms import SafetyPlanForm
    from earnedsecure.core.models import SafetyPlan

    plan = SafetyPlan.objects.filter(owner=request.user).first() or SafetyPlan(owner=request.user)
    form = SafetyPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your plan is saved. You can print it or come back to it any time.")
        return redirect("safety_plan")
    editing = request.GET.get("edit") == "1" or plan.pk is None or plan.is_empty() or request.method == "POST"
    return render(request, "core/safety_plan.html", {"form": form, "plan": plan, "editing": editing})
