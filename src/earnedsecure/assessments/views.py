"""Check-in pages: the list, taking a questionnaire a few items at a time, a result, a trajectory, settings.

Views stay short: reads come from ``selectors``, writes go through ``services``, scoring is the domain's.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from earnedsecure.accounts.decorators import consent_required
from earnedsecure.assessments import charts, selectors, services
from earnedsecure.assessments.forms import AssumptionForm, CompareForm, ScheduleForm, field_name, page_form
from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.core import crisis_lines
from earnedsecure.core.access import get_owned_or_404
from earnedsecure.domain.instruments import (
    PROTOTYPE_RULE,
    InvalidAnswers,
    compare,
    error_band,
    get_instrument,
    nearest_prototype,
    score,
)
from earnedsecure.domain.instruments.reliable_change import FIXED_RULES

# What to do next for each PHQ-9 / GAD-7 band, in plain words. Never a verdict: a suggestion.
NEXT_STEPS = {
    "minimal": "Keep doing what helps you. Check in again in two weeks to see how things move.",
    "mild": (
        "Worth keeping an eye on. The tools in this app and small daily routines (sleep, movement, time "
        "with people you trust) may help. If it stays here or rises over the next check-ins, mention it to "
        "your doctor."
    ),
    "moderate": (
        "Many people at this level feel better with support. Consider talking to your doctor or a therapist "
        "about how the last two weeks have been; you can show them these answers."
    ),
    "moderately_severe": (
        "Please talk to your doctor or a mental health professional soon, ideally this week. You deserve "
        "support with this, and effective help exists."
    ),
    "severe": (
        "Please talk to your doctor or a mental health professional soon, ideally in the next few days. "
        "If things feel unmanageable, the crisis lines below are there at any hour."
    ),
}


def _instrument_or_404(slug):
    try:
        return services.get_enabled_instrument(slug)
    except services.InstrumentUnavailable:
        raise Http404("No such check-in") from None


def summary(row: InstrumentResponse) -> str:
    if row.anxiety is not None:
        return f"anxiety {row.anxiety:.2f} · avoidance {row.avoidance:.2f}"
    definition = get_instrument(row.instrument)
    band = definition.band_for(row.total)
    return f"total {row.total} ({band.label.lower()})" if band else f"total {row.total}"


@require_http_methods(["GET"])
def index(request):
    user = request.user
    now = timezone.now()
    paused = selectors.in_progress(user=user)
    recent = selectors.recent_results(user=user, limit=5)
    schedule = selectors.schedule_rows(user=user)
    rows = {row.slug: row for row in schedule}
    instruments = [
        {
            "definition": definition,
            "schedule": rows.get(definition.slug),
            "paused": paused.get(definition.slug),
            "attachment": services.is_attachment(definition),
        }
        for definition in services.enabled_instruments()
    ]
    return render(
        request,
        "assessments/index.html",
        {
            "instruments": instruments,
            "due": selectors.due_from_rows(schedule, now=now),
            "next_due": min(
                (row for row in schedule if row.due_at and row.due_at > now), key=lambda r: r.due_at, default=None
            ),
            "recent": [
                {"row": row, "name": get_instrument(row.instrument).short_name, "summary": summary(row)}
                for row in recent
            ],
            "paused": paused,
        },
    )


def _first_unanswered_page(instrument, answers) -> int:
    for number, items in enumerate(services.pages(instrument), start=1):
        if any(item.id not in answers for item in items):
            return number
    return len(services.pages(instrument))


@consent_required
@require_http_methods(["GET", "POST"])
def take(request, slug):
    instrument = _instrument_or_404(slug)
    all_pages = services.pages(instrument)
    paused = selectors.in_progress(user=request.user).get(instrument.slug)
    saved = paused.answers if paused else {}
    if request.method == "POST":
        page_number = _page_number(request.POST.get("page"), len(all_pages))
    else:
        requested = request.GET.get("page")
        page_number = (
            _page_number(requested, len(all_pages)) if requested else _first_unanswered_page(instrument, saved)
        )
    items = all_pages[page_number - 1]
    initial = {field_name(item): saved[item.id] for item in items if item.id in saved}

    if request.method == "POST":
        form = page_form(instrument, items, data=request.POST, initial=initial)
        action = request.POST.get("action", "next")
        if form.is_valid():
            chosen = {item.id: form.cleaned_data[field_name(item)] for item in items}
            answered = {key: value for key, value in chosen.items() if value is not None}
            if action in {"next", "finish"}:
                for item in items:
                    if chosen[item.id] is None:
                        form.add_error(field_name(item), "Please choose an answer to go on.")
            if form.is_valid():
                response = paused or services.response_start(user=request.user, instrument=instrument.slug)
                try:
                    services.response_save_answers(user=request.user, response_id=response.pk, answers=answered)
                except services.NotInProgress:
                    messages.info(request, "That check-in was already finished in another window.")
                    return redirect("assessments:index")
                take_url = reverse("assessments:take", args=[instrument.slug])
                if action == "pause":
                    messages.success(request, "Saved. You can carry on from where you stopped whenever you like.")
                    return redirect("assessments:index")
                if action == "back":
                    return redirect(f"{take_url}?page={max(1, page_number - 1)}")
                if action == "next" and page_number < len(all_pages):
                    return redirect(f"{take_url}?page={page_number + 1}")
                try:
                    done = services.response_complete(user=request.user, response_id=response.pk)
                except InvalidAnswers as error:
                    missing = error.problems[0]
                    number = next(
                        (
                            n
                            for n, page in enumerate(all_pages, 1)
                            if any(i.number == missing.item_number for i in page)
                        ),
                        1,
                    )
                    messages.error(request, f"Question {missing.item_number} still needs an answer.")
                    return redirect(f"{take_url}?page={number}")
                return redirect("assessments:result", pk=done.pk)
    else:
        form = page_form(instrument, items, initial=initial)

    questions = [{"item": item, "field": form[field_name(item)]} for item in items]
    return render(
        request,
        "assessments/take.html",
        {
            "instrument": instrument,
            "questions": questions,
            "form": form,
            "page_number": page_number,
            "page_count": len(all_pages),
            "is_last": page_number == len(all_pages),
            "answered_count": len(saved),
            "paused": paused,
        },
    )


def _page_number(raw, count: int) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), count)


@consent_required
@require_POST
def discard(request, slug):
    paused = selectors.in_progress(user=request.user).get(slug)
    if paused:
        services.response_discard(user=request.user, response_id=paused.pk)
        messages.info(request, "Your unfinished answers were deleted.")
    return redirect("assessments:index")


@require_http_methods(["GET"])
def result(request, pk):
    row = get_owned_or_404(InstrumentResponse, request.user, pk=pk, status=InstrumentResponse.Status.COMPLETE)
    instrument = get_instrument(row.instrument)
    outcome = score(instrument, row.answers)
    context = {"row": row, "instrument": instrument, "score": outcome, "attachment": services.is_attachment(instrument)}
    previous = (
        selectors.completed(request.user)
        .filter(instrument=row.instrument, completed_at__lt=row.completed_at)
        .order_by("-completed_at", "-pk")
        .first()
    )
    if context["attachment"]:
        assumptions, _ = selectors.assumptions_for(user=request.user, instrument=row.instrument)
        anxiety, avoidance = outcome.value("anxiety"), outcome.value("avoidance")
        anxiety_band = error_band(anxiety, assumptions.sd, assumptions.reliability)
        avoidance_band = error_band(avoidance, assumptions.sd, assumptions.reliability)
        context.update(
            anxiety=anxiety,
            avoidance=avoidance,
            anxiety_band=anxiety_band,
            avoidance_band=avoidance_band,
            assumptions=assumptions,
            margin=1.96 * assumptions.standard_error,
            plane=charts.attachment_plane(
                anxiety=anxiety,
                avoidance=avoidance,
                anxiety_band=anxiety_band,
                avoidance_band=avoidance_band,
                chart_id=f"plane-{row.pk}",
            ),
            prototype=nearest_prototype(anxiety, avoidance),
            prototype_rule=PROTOTYPE_RULE,
        )
    else:
        context.update(band=outcome.band, next_step=NEXT_STEPS.get(outcome.band.key, ""))
        if row.instrument == "gad-7":
            context["screens_positive"] = outcome.total >= 10
    if previous is not None:
        assumptions, _ = selectors.assumptions_for(user=request.user, instrument=row.instrument)
        context["previous"] = previous
        context["changes"] = [
            selectors.change_between(
                user=request.user, first=previous, second=row, subscale=sub.key, assumptions=assumptions
            )
            for sub in instrument.subscales
        ]
    if row.safety_alert:
        context["country"] = crisis_lines.country_for(request.user.country)
    return render(request, "assessments/result.html", context)


@require_http_methods(["GET"])
def trajectory(request, slug):
    instrument = _instrument_or_404(slug)
    user = request.user
    rows = list(selectors.completed(user).filter(instrument=slug).order_by("completed_at", "pk"))
    zone = user.zone
    assumptions, _ = selectors.assumptions_for(user=user, instrument=slug)
    columns = {"anxiety": "anxiety", "avoidance": "avoidance", "total": "total"}
    dimensions = []
    for sub in instrument.subscales:
        low, high = instrument.subscale_range(sub.key)
        points = [(row.completed_at, float(getattr(row, columns[sub.key]))) for row in rows]
        noise_band = None
        threshold = None
        if points:
            threshold = compare(slug, sub.key, points[0][1], points[0][1], assumptions).threshold
            noise_band = (points[0][1] - threshold, points[0][1] + threshold)
        labels = (
            (points[0][0].astimezone(zone).strftime("%-d %b %Y"), points[-1][0].astimezone(zone).strftime("%-d %b %Y"))
            if points
            else ("", "")
        )
        values = ", ".join(f"{value:g}" for _, value in points)
        dimensions.append(
            {
                "subscale": sub,
                "threshold": threshold,
                "chart": charts.trajectory(
                    points=points,
                    low=low,
                    high=high,
                    noise_band=noise_band,
                    chart_id=f"traj-{sub.key}",
                    title=f"{sub.name} over time",
                    desc=(
                        f"{len(points)} results from {labels[0]} to {labels[1]}, on a scale from {low:g} to "
                        f"{high:g}: {values}. The shaded band is the range within measurement noise of the first result."
                    ),
                    date_labels=labels,
                ),
            }
        )
    choices = [(row.pk, f"{row.completed_at.astimezone(zone):%-d %b %Y} — {summary(row)}") for row in rows]
    comparison = None
    compare_form = CompareForm(request.GET or None, choices=choices)
    if len(rows) >= 2:
        if not request.GET:
            compare_form = CompareForm(initial={"first": rows[0].pk, "second": rows[-1].pk}, choices=choices)
            first, second = rows[0], rows[-1]
        elif compare_form.is_valid():
            by_pk = {row.pk: row for row in rows}
            first, second = by_pk[compare_form.cleaned_data["first"]], by_pk[compare_form.cleaned_data["second"]]
            if first.completed_at > second.completed_at:
                first, second = second, first
        else:
            first = second = None
        if first is not None:
            comparison = {
                "first": first,
                "second": second,
                "changes": [
                    selectors.change_between(
                        user=user, first=first, second=second, subscale=sub.key, assumptions=assumptions
                    )
                    for sub in instrument.subscales
                ],
            }
    return render(
        request,
        "assessments/trajectory.html",
        {
            "instrument": instrument,
            "rows": [{"row": row, "summary": summary(row)} for row in reversed(rows)],
            "dimensions": dimensions,
            "compare_form": compare_form,
            "comparison": comparison,
            "fixed_rule": FIXED_RULES.get(slug),
            "attachment": services.is_attachment(instrument),
        },
    )


@consent_required
@require_http_methods(["GET", "POST"])
def check_in_settings(request):
    user = request.user
    rows = selectors.schedule_rows(user=user)
    schedule_form = ScheduleForm(rows=rows)
    attachment_slugs = [i.slug for i in services.enabled_instruments() if services.is_attachment(i)]
    assumption_forms = {}
    for slug in attachment_slugs:
        current, _ = selectors.assumptions_for(user=user, instrument=slug)
        assumption_forms[slug] = AssumptionForm(
            prefix=slug, initial={"sd": current.sd, "reliability": current.reliability}
        )
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "schedule":
            schedule_form = ScheduleForm(request.POST, rows=rows)
            if schedule_form.is_valid():
                for row in rows:
                    services.schedule_set(
                        user=user, instrument=row.slug, every_days=schedule_form.cleaned_data[row.slug]
                    )
                messages.success(request, "Your check-in rhythm is saved.")
                return redirect("assessments:settings")
        elif which in assumption_forms:
            if request.POST.get("reset"):
                services.assumption_reset(user=user, instrument=which)
                messages.success(request, "Back to the default assumptions.")
                return redirect("assessments:settings")
            form = AssumptionForm(request.POST, prefix=which)
            assumption_forms[which] = form
            if form.is_valid():
                try:
                    services.assumption_set(user=user, instrument=which, **form.cleaned_data)
                except ValueError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, "Your assumptions are saved; every comparison now uses them.")
                    return redirect("assessments:settings")
    assumptions = []
    for slug, form in assumption_forms.items():
        current, chosen = selectors.assumptions_for(user=user, instrument=slug)
        assumptions.append(
            {"slug": slug, "name": get_instrument(slug).short_name, "form": form, "current": current, "chosen": chosen}
        )
    return render(
        request,
        "assessments/settings.html",
        {"schedule_form": schedule_form, "assumptions": assumptions},
    )
