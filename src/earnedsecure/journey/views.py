"""The course, the pathway, programs, reminders and the home page. Reads in selectors, writes in services."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from earnedsecure.content.loader import get_lesson, load_lessons, load_programs
from earnedsecure.core.access import get_owned_or_404
from earnedsecure.journey import rendering, selectors, services
from earnedsecure.journey.forms import ReminderPreferenceForm
from earnedsecure.journey.models import Reminder
from earnedsecure.journey.practices import practice_button


@require_safe
def home(request):
    now = timezone.now()
    home_view = selectors.home_view(user=request.user, now=now)
    return render(
        request,
        "journey/home.html",
        # The item-9 card and "consider talking to a professional" (assessments/_home_cards.html) read `safety`.
        {"home": home_view, "safety": home_view.safety},
    )


@require_safe
def index(request):
    now = timezone.now()
    read = selectors.lessons_read(user=request.user)  # this page shows no reminders: not journey_rows
    # The lessons and programs only: where the person is on the path is on home and on its own page, each
    # measured there; measuring it a third time here cost more than the rest of the page (issue 10).
    return render(
        request,
        "journey/index.html",
        {
            "lessons": selectors.course(read=read),
            "read_count": len(read),
            "programs": selectors.programs(user=request.user, now=now),
        },
    )


@require_safe
def pathway(request):
    now = timezone.now()
    view = selectors.pathway_view(user=request.user, now=now)
    # Each stage with the day it was first reached (None while not), looked up here once rather than by a loop
    # over every reached stage inside each stage's card.
    stages = [(stage, view.reached_at.get(stage.stage)) for stage in view.pathway.stages]
    return render(request, "journey/pathway.html", {"view": view, "pathway": view.pathway, "stages": stages})


@require_safe
def lesson(request, slug):
    try:
        found = get_lesson(slug)
    except KeyError:
        raise Http404("No such lesson") from None
    lessons = load_lessons()
    position = lessons.index(found)
    read = selectors.lessons_read(user=request.user)
    steps = rendering.cycle_steps(found) if found.cycle_steps else []
    practice_url, practice_label = practice_button(found.practice_tool)
    return render(
        request,
        "journey/lesson.html",
        {
            "lesson": found,
            "parts": rendering.lesson_parts(found),
            "steps": steps,
            "arcs": rendering.cycle_arcs(steps) if steps else [],
            "read_at": read.get(found.slug),
            "practice_url": practice_url,
            "practice_label": practice_label,
            "previous": lessons[position - 1] if position > 0 else None,
            "next": lessons[position + 1] if position + 1 < len(lessons) else None,
            "number": position + 1,
            "total": len(lessons),
        },
    )


@require_POST
def lesson_read(request, slug):
    try:
        get_lesson(slug)
    except KeyError:
        raise Http404("No such lesson") from None
    if request.POST.get("read") == "no":
        services.lesson_mark_unread(user=request.user, slug=slug)
    else:
        services.lesson_mark_read(user=request.user, slug=slug)
    return redirect("journey:lesson", slug=slug)


@require_http_methods(["GET", "HEAD", "POST"])
def program(request, slug):
    now = timezone.now()
    if slug not in {p.slug for p in load_programs()}:
        raise Http404("No such program")
    state = selectors.program(user=request.user, slug=slug, now=now)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "enrol":
            services.program_enrol(user=request.user, slug=slug, now=now)
            messages.success(request, "You have started. Week 1 is below.")
        elif state.enrolment is None:
            raise Http404("Not enrolled")
        elif action == "pause":
            services.program_pause(enrolment=state.enrolment, now=now)
            messages.success(request, "Paused. Take the time you need; it will wait for you.")
        elif action == "resume":
            services.program_resume(enrolment=state.enrolment, now=now)
            messages.success(request, "Welcome back. You are where you left off.")
        elif action == "leave":
            services.program_leave(enrolment=state.enrolment)
            messages.success(request, "You have left the program. You can start again whenever you like.")
        return redirect("journey:program", slug=slug)
    week_practice_url, week_practice_label = (
        practice_button(state.week_plan.daily_practice_tool) if state.week_plan else ("", "")
    )
    return render(
        request,
        "journey/program.html",
        {
            "state": state,
            "intro": rendering.render_markdown(state.program.introduction),
            "week_text": rendering.render_markdown(state.week_plan.text) if state.week_plan else "",
            "week_practice_url": week_practice_url,
            "week_lesson": get_lesson(state.week_plan.lesson_slug) if state.week_plan else None,
            "week_practice_label": week_practice_label,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def reminders(request):
    preference = selectors.reminder_preference(user=request.user)
    initial = {
        "frequency": preference.frequency,
        "review_day": preference.review_day,
        "hour": preference.hour,
        "in_app": preference.in_app,
        "email": preference.email,
    }
    form = ReminderPreferenceForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.reminder_preference_save(user=request.user, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("reminders")
    return render(
        request,
        "journey/reminders.html",
        {"form": form, "pending": selectors.pending_reminders(user=request.user, now=timezone.now())},
    )


@require_POST
def reminder_dismiss(request, pk):
    reminder = get_owned_or_404(Reminder, request.user, pk=pk)
    services.reminder_dismiss(reminder=reminder)
    target = request.POST.get("next", "")
    return redirect(target if target in {"/home/", reverse("reminders")} else "home")
