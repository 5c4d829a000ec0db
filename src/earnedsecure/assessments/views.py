"""Check-in pages: the list, taking a questionnaire a few items at a time, a result, a trajectory, settings.

Views stay short: reads come from ``selectors``, writes go through ``services``, scoring is the domain's.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_http_methods, require_POST

from earnedsecure.assessments import charts, selectors, services
from earnedsecure.assessments.forms import AssumptionForm, CompareForm, ScheduleForm, field_name, page_form
from earnedsecure.assessments.models import InstrumentResponse, SafetyFlag
from earnedsecure.core.access import get_owned_or_404, owned_queryset
from earnedsecure.core.models import SafetyPlan
from earnedsecure.core.risk import risk_context
from earnedsecure.domain.instruments import (
    PROTOTYPE_RULE,
    InvalidAnswers,
    compare,
    error_band,
    get_instrument,
    nearest_prototype,
    plain,
    score,
)
from earnedsecure.domain.instruments.reliable_change import DEFAULT_ASSUMPTIONS, FIXED_RULES

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


# Beside a PHQ-9 item-9 answer above 0 the band's advice is replaced: whatever the total, never "the tools
# in this app may help" next to thoughts of being better off dead or of self-harm.
ITEM9_NEXT_STEP = (
    "Because of your answer to question 9, please talk to your doctor or a mental health professional soon, "
    "whatever your total. Thoughts like these deserve real support, and it exists. Until then, your safety "
    "plan and the crisis lines above are there at any hour."
)
# Beside the band's words, whatever the total: a low total never outweighs an item-9 answer above 0.
ITEM9_IN_WORDS = " Your answer to question 9 matters more than this total, whatever the total is."
ITEM9_FREQUENCY = {1: "on several days", 2: "on more than half the days", 3: "nearly every day"}


def item9_response_context(user, flag: SafetyFlag) -> dict:
    """The graded response to PHQ-9 item 9 above 0, for ``assessments/_item9_response.html``.

    Graded by the answer (section 5.1 of shared/reference/risk-and-abuse.md): "several days" gets a calm
    response with the crisis lines and the safety plan; "more than half the days" or "nearly every day" puts
    the emergency number first; a yes to either follow-up question (acting on the thoughts; how or when)
    gets the urgent one. The crisis lines are the shared block (core/_risk_block.html).
    """
    follow_up = services.safety_follow_up(flag)
    urgent = "yes" in follow_up.values()
    strong = flag.answer >= 2
    if urgent:
        lead = "You don't have to get through this moment alone. These lines are free and answer at any hour."
    elif strong:
        lead = (
            "Please call or text one of these today. They are there for exactly this, and you don't need to be "
            "sure it's an emergency."
        )
    else:
        lead = "If the thoughts get stronger, or you'd just like to talk to someone, these lines are free."
    plan = owned_queryset(SafetyPlan, user).first()
    context = risk_context(user, {"level": "urgent" if (urgent or strong) else "concern", "kind": "self_harm"})
    context.update(
        risk_lead=lead,
        item9_flag=flag,
        item9_frequency=ITEM9_FREQUENCY.get(flag.answer, ITEM9_FREQUENCY[3]),
        item9_strong=strong,
        item9_urgent=urgent,
        item9_follow_up=follow_up,
        item9_questions=services.SAFETY_FOLLOW_UP,
        item9_plan_ready=plan is not None and not plan.is_empty(),
    )
    return context


def _instrument_or_404(slug):
    try:
        return services.get_enabled_instrument(slug)
    except services.InstrumentUnavailable:
        raise Http404("No such check-in") from None


def summary(row: InstrumentResponse | selectors.Result) -> str:
    if row.anxiety is not None:
        return f"anxiety {row.anxiety:.2f} · avoidance {row.avoidance:.2f}"
    definition = get_instrument(row.instrument)
    band = definition.band_for(row.total)
    return f"total {row.total} ({band.label.lower()})" if band else f"total {row.total}"


def summary_in_words(row: InstrumentResponse) -> str:
    """What a result means, in the words of its own result page (``domain/instruments/plain.py``)."""
    if row.anxiety is not None:
        return plain.attachment_briefly(row.anxiety, row.avoidance)
    definition = get_instrument(row.instrument)
    band = definition.band_for(row.total)
    return plain.screener_in_words(definition, band.key) if band else ""


# "Every 3 months" rather than "every 91 days": the settings page's own words for each rhythm.
RHYTHMS = {days: label.lower() for days, label in services.SCHEDULE_CHOICES if days}


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
            "rhythm": RHYTHMS.get(getattr(rows.get(definition.slug), "every_days", 0), ""),
            "paused": paused.get(definition.slug),
            "attachment": services.is_attachment(definition),
        }
        for definition in services.introduction_order(services.enabled_instruments())
    ]
    return render(
        request,
        "assessments/index.html",
        {
            "instruments": instruments,
            "due": selectors.due_from_rows(schedule, now=now, zone=user.zone),
            "coming_up": selectors.coming_up_from_rows(schedule, now=now, zone=user.zone),
            "next_due": min(
                (row for row in schedule if row.due_at and row.due_at > now), key=lambda r: r.due_at, default=None
            ),
            "recent": [
                {
                    "row": row,
                    "name": get_instrument(row.instrument).title,
                    "words": summary_in_words(row),
                    "summary": summary(row),
                }
                for row in recent
            ],
            "paused": paused,
        },
    )


@require_POST
def another(request):
    """ "Do another now": open the next questionnaire still coming up, so it is due at once (pacing counts a
    started one as due), and go to it. With none coming up, back to the list."""
    user = request.user
    schedule = selectors.schedule_rows(user=user)
    coming_up = selectors.coming_up_from_rows(schedule, now=timezone.now(), zone=user.zone)
    if not coming_up:
        return redirect("assessments:index")
    response = services.response_start(user=user, instrument=coming_up[0].slug)
    return redirect("assessments:take", slug=response.instrument)


def _first_unanswered_page(instrument, answers) -> int:
    for number, items in enumerate(services.pages(instrument), start=1):
        if any(item.id not in answers for item in items):
            return number
    return len(services.pages(instrument))


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
                flag = None
                if instrument.safety_item_id and answered.get(instrument.safety_item_id, 0) > 0:
                    flag = selectors.safety_flag_for_response(user=request.user, response_id=response.pk)
                if action == "pause":
                    messages.success(request, "Saved. You can carry on from where you stopped whenever you like.")
                if flag is not None and action != "finish":
                    # The answer is saved, so it gets its response now (pause, back or next), not only at the end.
                    return redirect("assessments:safety", pk=flag.pk)
                if action == "pause":
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


@require_POST
def discard(request, slug):
    paused = selectors.in_progress(user=request.user).get(slug)
    if paused:
        services.response_discard(user=request.user, response_id=paused.pk)
        messages.info(request, "Your unfinished answers were deleted.")
    return redirect("assessments:index")


def _in_words(changes: list) -> list[dict]:
    """Each change with its one plain sentence (the attachment dimensions by their everyday names)."""
    return [
        {
            "change": change,
            "sentence": plain.change_in_words(change, plain.DIMENSION_NAMES.get(change.subscale, "Your score")),
        }
        for change in changes
    ]


def _how_change_is_judged(instrument) -> dict:
    """What the "how this is worked out" fold says beside a change: the one sentence, and for the attachment
    questionnaires (judged by the reliable change index) the formula and the researcher settings."""
    return {
        "change_in_one_sentence": plain.RELIABLE_CHANGE_IN_ONE_SENTENCE,
        "change_formula": plain.RELIABLE_CHANGE_FORMULA if instrument.slug in DEFAULT_ASSUMPTIONS else "",
    }


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
        prototype = nearest_prototype(anxiety, avoidance)
        context.update(
            about_whom=plain.about_whom(instrument),
            anxiety_words=plain.dimension_in_words("anxiety", anxiety, anxiety_band),
            avoidance_words=plain.dimension_in_words("avoidance", avoidance, avoidance_band),
            dimension_names=plain.DIMENSION_NAMES,
            prototype_words=plain.prototype_in_words(prototype),
            prototype_limits=plain.PROTOTYPE_LIMITS,
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
            prototype=prototype,
            prototype_rule=PROTOTYPE_RULE,
        )
    else:
        next_step = ITEM9_NEXT_STEP if row.safety_alert else NEXT_STEPS.get(outcome.band.key, "")
        context.update(
            band=outcome.band,
            next_step=next_step,
            band_words=plain.screener_in_words(instrument, outcome.band.key)
            + (ITEM9_IN_WORDS if row.safety_alert else ""),
        )
        if row.instrument == "gad-7":
            context["screens_positive"] = outcome.total >= 10
    if previous is not None:
        assumptions, _ = selectors.assumptions_for(user=request.user, instrument=row.instrument)
        context["previous"] = previous
        context["changes"] = _in_words(
            [
                selectors.change_between(
                    user=request.user, first=previous, second=row, subscale=sub.key, assumptions=assumptions
                )
                for sub in instrument.subscales
            ]
        )
        context.update(_how_change_is_judged(instrument))
    if row.safety_alert:
        flag = selectors.safety_flag_for_response(user=request.user, response_id=row.pk)
        if flag is None:  # defensive: every write raises the flag, but the response must never depend on it
            flag = SafetyFlag(owner=request.user, answer=row.item9, raised_at=row.completed_at)
        context.update(item9_response_context(request.user, flag))
    return render(request, "assessments/result.html", context)


@require_http_methods(["GET", "POST"])
def safety(request, pk):
    """The response to PHQ-9 item 9 above 0, shown as soon as the answer is saved, with the follow-up."""
    flag = get_owned_or_404(SafetyFlag, request.user, pk=pk)
    if request.method == "POST":
        answers = {key: {"yes": True, "no": False}.get(request.POST.get(key)) for key, _ in services.SAFETY_FOLLOW_UP}
        services.safety_follow_up_answer(user=request.user, flag_id=flag.pk, answers=answers)
        return redirect(reverse("assessments:safety", args=[flag.pk]) + "#item9-response")
    response = flag.response
    in_progress = response is not None and not response.is_complete
    return render(
        request,
        "assessments/safety.html",
        {
            **item9_response_context(request.user, flag),
            "carry_on_url": reverse("assessments:take", args=[response.instrument]) if in_progress else None,
            "result_url": (
                reverse("assessments:result", args=[response.pk])
                if response is not None and response.is_complete
                else None
            ),
        },
    )


@require_POST
def safety_put_away(request, pk):
    """Put the home card away; a new item-9 flag brings it back."""
    flag = get_owned_or_404(SafetyFlag, request.user, pk=pk)
    services.safety_flag_dismiss(user=request.user, flag_id=flag.pk)
    messages.info(
        request, "Put away. Your safety plan and the crisis lines are always one tap away under Get help now."
    )
    return redirect("home")


def summary_rows(check_ins) -> str:
    """The rows of the summary's PHQ-9 and GAD-7 table, each written once here: a year of check-ins through a
    template loop cost more than the rest of the page. Item 9 reads "–" when the check-in has no answer to it,
    "0", or the answer in bold with "(above 0)"."""
    rows = []
    for row in check_ins:
        if row.item9 is None:
            item9 = "–"
        elif row.item9:
            item9 = format_html("<strong>{}</strong> (above 0)", row.item9)
        else:
            item9 = "0"
        rows.append((row.day, row.name, row.total, row.band, item9))
    return format_html_join("", "\n    <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n    ", rows)


@require_http_methods(["GET"])
def doctor_summary(request):
    """One printable page of numbers and dates to show a doctor: check-in totals, item-9 flags, activations."""
    now = timezone.now()
    summary = selectors.doctor_summary(user=request.user, now=now)
    return render(
        request,
        "assessments/doctor_summary.html",
        {"summary": summary, "check_in_rows": summary_rows(summary.check_ins), "now": now},
    )


# The trajectory's table of results links this many, newest first, unless the person asks for all of them.
RESULTS_SHOWN = 12


@require_http_methods(["GET"])
def trajectory(request, slug):
    instrument = _instrument_or_404(slug)
    user = request.user
    rows = selectors.results(user=user, instrument=slug)
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
            (f"{timezone.localtime(points[0][0]):%-d %b %Y}", f"{timezone.localtime(points[-1][0]):%-d %b %Y}")
            if points
            else ("", "")
        )
        values = ", ".join(f"{value:g}" for _, value in points)
        dimensions.append(
            {
                "subscale": sub,
                "heading": plain.DIMENSION_NAMES.get(sub.key, "Your score"),
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
    # Each result's date and scores worked out once, for the compare form and the table.
    results = [
        {"pk": row.pk, "date": f"{timezone.localtime(row.completed_at):%-d %b %Y}", "summary": summary(row)}
        for row in rows
    ]
    choices = [(result["pk"], f"{result['date']} — {result['summary']}") for result in results]
    # The table links the most recent results (a link to every one of three years of weekly check-ins was most
    # of the page's time); "?all=1" lists them all, and the compare form above reaches any of them.
    query = request.GET.copy()
    show_all = query.pop("all", None) is not None
    table = results[::-1] if show_all else results[: -RESULTS_SHOWN - 1 : -1]
    for result in table:
        result["url"] = reverse("assessments:result", args=[result["pk"]])
    comparison = None
    if query or len(rows) < 2:
        compare_form = CompareForm(query or None, choices=choices)
    else:  # by default, the first result against the latest
        compare_form = CompareForm(initial={"first": rows[0].pk, "second": rows[-1].pk}, choices=choices)
    if len(rows) >= 2:
        if not query:
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
                "changes": _in_words(
                    [
                        selectors.change_between(
                            user=user, first=first, second=second, subscale=sub.key, assumptions=assumptions
                        )
                        for sub in instrument.subscales
                    ]
                ),
            }
    return render(
        request,
        "assessments/trajectory.html",
        {
            "instrument": instrument,
            "rows": rows,
            "results": table,
            "results_hidden": len(results) - len(table),
            "dimensions": dimensions,
            "compare_form": compare_form,
            "comparison": comparison,
            "fixed_rule": FIXED_RULES.get(slug),
            "attachment": services.is_attachment(instrument),
            **_how_change_is_judged(instrument),
        },
    )


@require_http_methods(["GET", "POST"])
def check_in_settings(request):
    """The everyday settings: how often each questionnaire comes round, and which ones (not scheduled = off)."""
    user = request.user
    rows = selectors.schedule_rows(user=user)
    schedule_form = ScheduleForm(rows=rows)
    if request.method == "POST":
        schedule_form = ScheduleForm(request.POST, rows=rows)
        if schedule_form.is_valid():
            for row in rows:
                services.schedule_set(user=user, instrument=row.slug, every_days=schedule_form.cleaned_data[row.slug])
            messages.success(request, "Your check-in rhythm is saved.")
            return redirect("assessments:settings")
    return render(request, "assessments/settings.html", {"schedule_form": schedule_form})


@require_http_methods(["GET", "POST"])
def research_settings(request):
    """The research parameters behind reliable change (SD and reliability of each attachment questionnaire),
    apart from the everyday settings: they change how the check-in pages describe change, never the path."""
    user = request.user
    attachment = [i for i in services.enabled_instruments() if services.is_attachment(i)]
    names = {i.slug: f"{i.title} · {i.short_name}" for i in attachment}
    stored = selectors.assumptions_by_instrument(user=user, instruments=list(names))
    assumption_forms = {}
    for slug in names:
        current, _ = stored[slug]
        assumption_forms[slug] = AssumptionForm(
            prefix=slug,
            initial={"sd": current.sd, "reliability": current.reliability},
            default=DEFAULT_ASSUMPTIONS[slug],
            name=get_instrument(slug).short_name,
        )
    which = request.POST.get("form")
    if request.method == "POST" and which in assumption_forms:
        if request.POST.get("reset"):
            services.assumption_reset(user=user, instrument=which)
            messages.success(request, "Back to the default assumptions.")
            return redirect("assessments:research_settings")
        form = AssumptionForm(
            request.POST, prefix=which, default=DEFAULT_ASSUMPTIONS[which], name=get_instrument(which).short_name
        )
        assumption_forms[which] = form
        if form.is_valid():
            try:
                services.assumption_set(user=user, instrument=which, **form.cleaned_data)
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, "Saved. The check-in pages now describe change with these; your path keeps the defaults."
                )
                return redirect("assessments:research_settings")
    assumptions = []
    for slug, form in assumption_forms.items():
        current, chosen = stored[slug]
        assumptions.append({"slug": slug, "name": names[slug], "form": form, "current": current, "chosen": chosen})
    return render(
        request,
        "assessments/research_settings.html",
        {"assumptions": assumptions, "change_formula": plain.RELIABLE_CHANGE_FORMULA},
    )
