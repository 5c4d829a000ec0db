"""Care pages. Two sides:

- The therapist's, under /clinician/: every view is wrapped in ``therapist_view`` (a therapist account with a
  second step set up, an authenticator app or a passkey, else 404 or the two-step page), reaches a person only
  through ``access.grant_or_404`` and writes exactly one access-log row per person read. Read-only: the only write
  about a client is a homework suggestion.
- The person's, under /account/therapist/: who may see what and until when, the log of every look, their own
  report, and homework to decline.
"""

from __future__ import annotations

import json
from functools import wraps

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from earnedsecure.accounts.selectors import two_step_on
from earnedsecure.assessments.fhir_export import person_bundle
from earnedsecure.care import access, selectors, services
from earnedsecure.care.forms import GrantForm, HomeworkForm, homework_target
from earnedsecure.care.models import AccessLogEntry, Category
from earnedsecure.care.pdf import client_pdf


def therapist_view(view):
    """Only a therapist, signed in, with a second step (an authenticator app or a passkey): anyone else 404 (the
    pages do not exist for them); a therapist without one is sent to set one up first (checklist items 64, 31
    and 15)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        therapist = access.therapist_for(request.user)
        if therapist is None:
            raise Http404("Not found")
        if not two_step_on(user=request.user):
            messages.info(
                request, "Therapist pages need two-step sign-in. Set up an authenticator app or a passkey first."
            )
            return redirect("mfa_index")
        request.therapist = therapist
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


# ---------------------------------------------------------------------------------------------------------
# The therapist's side


@therapist_view
@require_safe
def caseload(request):
    """Everyone who grants this therapist access now, who may need attention first. One log row per client."""
    now = timezone.now()
    clients = selectors.caseload(therapist=request.therapist, now=now)
    services.access_log_append(
        therapist=request.therapist,
        reads={c.grant.owner_id: list(c.categories) for c in clients},
        action=AccessLogEntry.Action.CASELOAD,
        now=now,
        request_id=request.request_id,
    )
    services.grants_visited(grant_ids=[c.grant.pk for c in clients], now=now)
    return render(request, "care/caseload.html", {"clients": clients, "therapist": request.therapist})


def _client(request, client_id: int, *, action: str, category: str | None = None):
    now = timezone.now()
    grant = access.grant_or_404(therapist=request.therapist, client_id=client_id, now=now, category=category)
    client = selectors.clients(grants=[grant], now=now)[0]
    read = [category] if category else list(client.categories)
    services.access_log_append(
        therapist=request.therapist, reads={client_id: read}, action=action, now=now, request_id=request.request_id
    )
    return grant, client


@therapist_view
@require_safe
def client(request, client_id: int):
    """One client's one-page report, as their grant allows, with homework suggested so far."""
    _, found = _client(request, client_id, action=AccessLogEntry.Action.REPORT)
    return render(
        request,
        "care/client.html",
        {
            "client": found,
            "homework": [
                (h, homework_target(h))
                for h in selectors.homework_given(therapist=request.therapist, owner_id=client_id)
            ],
            "homework_form": HomeworkForm(),
            "now": timezone.now(),
        },
    )


@therapist_view
@require_safe
def client_activation(request, client_id: int):
    """The activation summary alone: only with a grant that covers it."""
    _, found = _client(request, client_id, action=AccessLogEntry.Action.REPORT, category=Category.ACTIVATION)
    return render(request, "care/client_activation.html", {"client": found})


@therapist_view
@require_safe
def client_pdf_download(request, client_id: int):
    _, found = _client(request, client_id, action=AccessLogEntry.Action.PDF)
    return _pdf_response(found, filename=f"report-{client_id}.pdf")


@therapist_view
@require_safe
def client_fhir(request, client_id: int):
    grant, _ = _client(request, client_id, action=AccessLogEntry.Action.FHIR, category=Category.CHECK_INS)
    return _fhir_response(grant.owner, filename=f"check-ins-{client_id}.fhir.json")


@therapist_view
@require_POST
def homework_suggest(request, client_id: int):
    grant = access.grant_or_404(therapist=request.therapist, client_id=client_id, now=timezone.now())
    form = HomeworkForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose one of the listed tools, lessons or programs.")
    kind, slug = form.cleaned_data["suggestion"]
    services.homework_suggest(grant=grant, kind=kind, slug=slug, now=timezone.now())
    messages.success(request, "Suggested. It appears on their home page; they may take it up or decline it.")
    return redirect("care:client", client_id=client_id)


def _pdf_response(found, *, filename: str) -> HttpResponse:
    response = HttpResponse(client_pdf(found, now=timezone.now()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _fhir_response(owner, *, filename: str) -> HttpResponse:
    bundle = person_bundle(owner)
    # Stamped with the newest check-in it holds rather than the second it was asked for, so the same check-ins
    # give the same file (no stamp without any; Bundle.timestamp is optional for a collection).
    authored = [entry["resource"]["authored"] for entry in bundle["entry"] if "authored" in entry["resource"]]
    if authored:
        bundle["timestamp"] = max(authored)
    else:
        bundle.pop("timestamp", None)
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------------------------------------------------
# The person's side


@never_cache
@require_safe
def mine(request):
    now = timezone.now()
    return render(
        request,
        "care/mine.html",
        {
            "grants": selectors.grants_of(owner=request.user, now=now),
            "log": selectors.access_log(owner=request.user),
            "any_therapist": bool(selectors.therapists()),
        },
    )


@reauthentication_required
@require_http_methods(["GET", "POST"])
def grant(request):
    """Let a named therapist read some categories until a date. The password is asked again first."""
    form = GrantForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        created = services.grant_create(
            owner=request.user,
            therapist=form.cleaned_data["therapist"],
            categories=set(form.cleaned_data["categories"]),
            days=int(form.cleaned_data["days"]),
            now=timezone.now(),
        )
        messages.success(
            request,
            f"{created.therapist.display_name} can see what you chose until "
            f"{timezone.localtime(created.expires_at):%-d %B %Y}. You can stop it at any time. Nobody else was told.",
        )
        return redirect("care_mine")
    return render(request, "care/grant.html", {"form": form})


@require_POST
def revoke(request, pk: int):
    services.grant_revoke(owner=request.user, pk=pk, now=timezone.now())
    messages.success(request, "Stopped. From now on they see nothing of yours.")
    return redirect("care_mine")


@never_cache
@require_safe
def own_pdf(request):
    return _pdf_response(selectors.own_report(owner=request.user, now=timezone.now()), filename="my-report.pdf")


@never_cache
@require_safe
def own_fhir(request):
    return _fhir_response(request.user, filename="my-check-ins.fhir.json")


@require_POST
def homework_decline(request, pk: int):
    services.homework_decline(owner=request.user, pk=pk, now=timezone.now())
    messages.success(request, "Declined. Your therapist sees only that, no reason.")
    return redirect("home")
