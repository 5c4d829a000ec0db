"""Research pages: a person's own studies (join with the password again, leave at once), and the researchers'
page of studies, consent versions and counts, which shows no one's data."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from earnedsecure.accounts.selectors import two_step_on
from earnedsecure.domain.research.deidentify import K
from earnedsecure.research import releases, selectors, services
from earnedsecure.research.forms import JoinForm
from earnedsecure.research.models import Study

RESEARCHER_PERMISSION = "research.view_study_counts"


def _study(slug):
    try:
        return selectors.study_for_person(slug=slug)
    except Study.DoesNotExist:
        raise Http404 from None


@never_cache
@require_safe
def studies(request):
    """The person's own page: open studies, and where they stand in each they joined or left."""
    return render(request, "research/studies.html", {"rows": selectors.studies_for_person(person=request.user), "k": K})


@reauthentication_required
@require_http_methods(["GET", "POST"])
def join(request, slug):
    """Read the study's current text and agree to it, after entering the password again. Opt-in: nothing is
    ticked for the person, and the app's own consent is a different agreement."""
    study = _study(slug)
    text = selectors.current_text(study=study)
    if text is None or not study.is_open:
        raise Http404
    form = JoinForm(request.POST or None, initial={"version": text.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.study_join(
                study=study,
                person=request.user,
                version=form.cleaned_data["version"],
                birth_year=form.cleaned_data["birth_year"],
                gender=form.cleaned_data["gender"],
                relationship=form.cleaned_data["relationship"],
                now=timezone.now(),
            )
        except services.StaleText:
            messages.info(request, "The study's text changed while you were reading. Here is the new one.")
            return redirect("research:join", slug=study.slug)
        messages.success(request, f"You joined “{study.title}”. You can leave at any time on this page.")
        return redirect("research:studies")
    participant = selectors.participant_of(study=study, person=request.user)
    return render(
        request, "research/join.html", {"study": study, "text": text, "form": form, "again": participant, "k": K}
    )


@require_http_methods(["GET", "POST"])
def leave(request, slug):
    """Leave a study. No password asked: leaving must always be easy. Future exports leave the person out at once."""
    study = _study(slug)
    if request.method == "POST":
        if services.study_leave(study=study, person=request.user, now=timezone.now()):
            messages.success(request, f"You left “{study.title}”. Nothing from today on will be exported.")
        return redirect("research:studies")
    return render(request, "research/leave.html", {"study": study})


def _researchers_only(request):
    """404 for anyone but a researcher whose access runs now; a redirect to set up two-step sign-in for a
    researcher without it; None to go on."""
    # Checklist item 67: the permission alone is not enough; the access the operator gave runs for a time.
    if not request.user.has_perm(RESEARCHER_PERMISSION) or not selectors.researcher_access_live(
        user=request.user, now=timezone.now()
    ):
        raise Http404
    if not two_step_on(user=request.user):
        # Checklist item 15: two-step sign-in (an authenticator app or a passkey) is required for researchers.
        messages.info(request, "Research pages need two-step sign-in. Set up an authenticator app or a passkey first.")
        return redirect("mfa_index")
    return None


@never_cache
@require_safe
def overview(request):
    """For researchers only: each study, its consent versions and how many people stand where. Never a person's
    row: the de-identified export is the only way anything about participants leaves, and it is a command."""
    if (elsewhere := _researchers_only(request)) is not None:
        return elsewhere
    return render(request, "research/overview.html", {"studies": selectors.study_counts(), "k": K})


@never_cache
@require_safe
def release_download(request, token):
    """An export's files as one zip, for the researcher the operator made the link for, until it expires
    (research/releases.py); 404 for anything else."""
    if (elsewhere := _researchers_only(request)) is not None:
        return elsewhere
    release = releases.release_open(user=request.user, token=token, now=timezone.now())
    if release is None:
        raise Http404
    return FileResponse(release.path.open("rb"), as_attachment=True, filename=release.filename)
