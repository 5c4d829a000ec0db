"""Diary pages: the list, the "I'm activated" flow, closing the loop, tools, good moments and insights.

Function views, one template per page. Reads go through selectors.py and the access layer, writes through
services.py; times are read and shown in the person's own time zone (accounts.middleware.PersonTimeZoneMiddleware).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from earnedsecure.core.access import get_owned_or_404
from earnedsecure.core.submissions import once
from earnedsecure.diary import insights_page, selectors, services
from earnedsecure.diary.forms import (
    TOOL_FORMS,
    ActivationFlowForm,
    ActivationForm,
    DiarySearchForm,
    FollowUpForm,
    PageForm,
    SavouringForm,
    ToolSessionForm,
)
from earnedsecure.diary.models import Activation
from earnedsecure.diary.tools import tool_template, tool_url
from earnedsecure.domain.cycle import PROTEST_BEHAVIOURS, RESPONSES, TOOLS, TRIGGERS, URGE_SURFING

# Everything a person writes in the "I'm activated" flow, read for risk.
ENTRY_TEXTS = ("trigger_note", "body_sensations", "thought", "response_note")


def risk_for(user, *texts: str) -> dict:
    """Context for the shared crisis block (core/_risk_block.html) from the person's own words."""
    from earnedsecure.core.risk import assess_texts, risk_context

    return risk_context(user, assess_texts(*texts))


def _apply_errors(form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def _label(vocabulary, key: str) -> str:
    """A stored key's label in the cycle's vocabulary, or the key itself (as ``get_FOO_display`` answers)."""
    return vocabulary.get(key).label if key in vocabulary else key


def _lines(activations) -> list[dict]:
    """What each line of the list shows, worked out once: its address, its local date and time ("Mon 1 Jun
    2026, 14:05"), its trigger and response in words. Through the template's url tag, date filter and
    get_*_display (which rebuilds the choices on each call), thirty lines cost more than the rest of the page."""
    return [
        {
            "activation": activation,
            "url": reverse("diary:detail", args=[activation.pk]),
            "when": f"{timezone.localtime(activation.occurred_at):%a %-d %b %Y, %H:%M}",
            "trigger": _label(TRIGGERS, activation.trigger),
            "response": _label(RESPONSES, activation.response),
        }
        for activation in activations
    ]


def _pager(request, page: selectors.DiaryPage) -> dict:
    """The addresses of the newer and older pages of a list (diary/_pager.html), keeping the rest of the query."""

    def page_url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    return {
        "newer_url": page_url(page.number - 1) if page.has_newer else "",
        "older_url": page_url(page.number + 1) if page.has_older else "",
    }


def index(request):
    """The entries, newest first, a page at a time, and a search by the days they began and their trigger."""
    search = DiarySearchForm(request.GET or None)
    page = selectors.activation_page(user=request.user, **search.filters())
    waiting = list(selectors.activations_awaiting_follow_up(user=request.user).only(*selectors.LINE_COLUMNS)[:5])
    return render(
        request,
        "diary/index.html",
        {
            "activations": page.lines,
            "lines": _lines(page.lines),
            "page": page,
            "search": search,
            "searching": search.searching(),
            **_pager(request, page),
            "waiting": waiting,
        },
    )


@once  # the same form sent twice stores one entry (core/submissions.py)
@require_http_methods(["GET", "POST"])
def activated(request):
    form = ActivationFlowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activation = services.activation_create(
                owner=request.user,
                occurred_at=data["occurred_at"],
                trigger=data["trigger"],
                intensity=data["intensity"],
                trigger_note=data["trigger_note"],
                body_sensations=data["body_sensations"],
                thought=data["thought"],
                urges=data["urges"],
                response=data["response"],
                response_note=data["response_note"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect(f"{reverse('diary:detail', args=[activation.pk])}?saved=1")
    context = {"form": form}
    if request.method == "POST":
        # Not saved (a box left empty, a date out of range): risk in the words is still answered at once, above
        # the form, and what was typed stays on the page.
        context.update(risk_for(request.user, *(request.POST.get(name, "") for name in ENTRY_TEXTS)))
    return render(request, "diary/activated.html", context)


def detail(request, pk):
    activation = get_owned_or_404(Activation, request.user, pk=pk)
    risk = risk_for(
        request.user,
        activation.trigger_note,
        activation.body_sensations,
        activation.thought,
        activation.response_note,
        activation.outcome,
    )
    tools_url = reverse("diary:tools")
    return render(
        request,
        "diary/detail.html",
        {
            "activation": activation,
            "saved": request.GET.get("saved") == "1",
            **risk,
            "urge_timer_url": f"{tool_url(URGE_SURFING)}?activation={activation.pk}",
            "tools_url": f"{tools_url}?activation={activation.pk}",
            "urge_labels": [b.urge for b in PROTEST_BEHAVIOURS if b.key in (activation.urges or [])],
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    activation = get_owned_or_404(Activation, request.user, pk=pk)
    initial = {
        name: getattr(activation, name)
        for name in ActivationForm.base_fields
        if hasattr(activation, name) and name != "occurred_at"
    }
    initial["occurred_at"] = activation.occurred_at
    form = ActivationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["occurred_at"] = data["occurred_at"] or activation.occurred_at
        try:
            services.activation_update(activation=activation, **data)
        except ValidationError as error:
            activation.refresh_from_db()
            _apply_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("diary:detail", pk=activation.pk)
    return render(request, "diary/edit.html", {"form": form, "activation": activation})


@require_http_methods(["GET", "POST"])
def follow_up(request, pk):
    activation = get_owned_or_404(Activation, request.user, pk=pk)
    initial = {
        "outcome": activation.outcome,
        "calm_at": activation.calm_at,
        "protest_result": activation.protest_result,
    }
    form = FollowUpForm(request.POST or None, initial=initial, activation=activation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.activation_follow_up(
                activation=activation,
                outcome=data["outcome"],
                calm_at=data["calm_moment"],
                protest_result=data.get("protest_result", ""),
            )
        except ValidationError as error:
            activation.refresh_from_db()
            _apply_errors(form, error)
        else:
            messages.success(request, "Thank you for closing the loop. That is how the pattern becomes visible.")
            return redirect("diary:detail", pk=activation.pk)
    return render(request, "diary/follow_up.html", {"form": form, "activation": activation})


def tools(request):
    activation_id = request.GET.get("activation", "")
    return render(
        request, "diary/tools.html", {"tools": TOOLS, "activation_id": activation_id if activation_id.isdigit() else ""}
    )


@once  # the same form sent twice stores one entry (core/submissions.py)
@require_http_methods(["GET", "POST"])
def tool(request, slug):
    info = TOOLS.by_slug(slug)
    if info is None:
        raise Http404("No such tool")
    form_class = TOOL_FORMS.get(info.key, ToolSessionForm)
    activation_id = request.GET.get("activation", "")
    form = form_class(request.POST or None, initial={"activation": activation_id if activation_id.isdigit() else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        activation = get_owned_or_404(Activation, request.user, pk=data["activation"]) if data["activation"] else None
        try:
            session = services.tool_session_record(
                owner=request.user,
                tool=info.key,
                distress_before=data["distress_before"],
                distress_after=data["distress_after"],
                duration_seconds=data["duration_seconds"] or 0,
                started_at=timezone.now() - timezone.timedelta(seconds=data["duration_seconds"] or 0),
                activation=activation,
                note=data["note"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if session.distress_after is not None:
                change = session.distress_before - session.distress_after
                if change > 0:
                    text = f"Saved. Your distress went from {session.distress_before} to {session.distress_after}."
                else:
                    text = "Saved. Not every tool helps every time; that is useful to know too."
            else:
                text = "Saved."
            messages.success(request, text)
            if activation:
                return redirect("diary:detail", pk=activation.pk)
            return redirect("diary:tools")
    return render(request, tool_template(info), {"form": form, "tool": info})


def savouring(request):
    """The good moments, newest first, a page at a time as the diary's entries are."""
    page = selectors.savouring_page(user=request.user, number=PageForm(request.GET).number())
    return render(request, "diary/savouring.html", {"entries": page.lines, "page": page, **_pager(request, page)})


@once  # the same form sent twice stores one entry (core/submissions.py)
@require_http_methods(["GET", "POST"])
def savouring_new(request):
    form = SavouringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.savouring_create(
                owner=request.user,
                what_happened=data["what_happened"],
                occurred_at=data["occurred_at"],
                with_partner=data["with_partner"],
                feeling_minutes=data["feeling_minutes"],
                thanked_partner=data["thanked_partner"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Kept. Take a moment to remember it once more.")
            return redirect("diary:savouring")
    return render(request, "diary/savouring_new.html", {"form": form})


def insights(request):
    """Charts over the person's history, computed on every visit (a handful of grouped queries, so nothing
    needs caching and nothing can go stale)."""
    range_key = request.GET.get("range", selectors.DEFAULT_RANGE)
    context = insights_page.build(selectors.insights(user=request.user, range_key=range_key))
    # A period to choose only helps once some period has charts: until the whole diary holds enough entries the
    # choice changes nothing, so it is left out (one query, on the empty page only).
    context["offer_ranges"] = context["enough_to_chart"] or (
        selectors.nth_activation_at(user=request.user, n=insights_page.CHARTS_AFTER) is not None
    )
    return render(request, "diary/insights.html", context)
