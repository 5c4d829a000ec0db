"""The Together pages: link two accounts safely, choose what the partner sees, and the Safety Check.

Every page is about the signed-in person's own side; the partner's side comes only through
``selectors.partner_view``. Nothing here sends mail or leaves a notice for the other person.
"""

from datetime import date, timedelta

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from earnedsecure.content.loader import get_lesson
from earnedsecure.core import crisis_lines
from earnedsecure.core.risk import assess_texts, risk_context
from earnedsecure.diary.tools import tool_url
from earnedsecure.domain.cycle import BREATHING_478, TOOLS
from earnedsecure.domain.instruments.ecr_rs import ECR_RS_ROMANTIC
from earnedsecure.domain.progress.figures import week_start
from earnedsecure.domain.together.pattern import PATTERN_RULE
from earnedsecure.domain.together.rituals import CHECK_IN_QUESTIONS, REPAIR_RITUAL
from earnedsecure.domain.together.sharing import (
    ANSWERS,
    CATEGORY_TEXT,
    CODE_LIFETIME,
    CODES_PER_DAY,
    NEVER_PARTNER_VISIBLE,
    REQUESTS,
    Category,
    Status,
    code_grouped,
    screen_says_unsafe,
)
from earnedsecure.domain.together.timeouts import GRACE, LONGEST, MINUTES_TEXT, PLACES, return_at
from earnedsecure.partners import selectors, services
from earnedsecure.partners.forms import (
    CategoriesForm,
    CheckInForm,
    CodeForm,
    SafetyScreenForm,
    StatusForm,
    TimeoutTermsForm,
)
from earnedsecure.partners.models import CHECK_IN_READ

# The partner guide is a lesson (content/lessons/15-for-partners.md): written once, linked from Together.
PARTNER_GUIDE = "for-partners"


def _guide():
    lesson = get_lesson(PARTNER_GUIDE)
    return {"title": lesson.title, "minutes": lesson.minutes, "url": reverse("journey:lesson", args=[lesson.slug])}


def _violence_lines(user):
    country = crisis_lines.country_for(getattr(user, "country", ""))
    return country.violence_lines() if country else ()


@never_cache
@require_safe
def index(request):
    """The person's own page: linked or not; what their partner shows them; what they show."""
    now = timezone.now()
    user = request.user
    link = selectors.link_for(user=user)
    if link is None:
        return render(
            request,
            "partners/index.html",
            {
                "link": None,
                "invite": selectors.invite_active(owner=user, now=now),
                "guide": _guide(),
                **_timeout_context(user, now, link, terms=True),
            },
        )
    # The link is read once and passed down; the shares and statuses of both people are read once each.
    together = selectors.together(user=user, link=link, now=now)
    view = together.view
    if view.shown:
        # The partner's access log (checklist item 45): what was shown, on which day; never when in the day.
        services.access_record(
            owner=link.partner,
            categories=[item.category for item in view.shown],
            day=services.local_day(link.partner, now),
        )
    shared = together.shared
    reassurance = selectors.reassurance(user=user, now=now, link=link)
    status = together.status
    return render(
        request,
        "partners/index.html",
        {
            "link": link,
            "view": view,
            "categories_form": CategoriesForm(initial={"categories": [c.value for c in shared]}),
            "status_form": StatusForm(initial={"status": status.status if status else ""}),
            "reassurance": reassurance,
            "requests": REQUESTS,
            "answers": ANSWERS,
            "tool_url": tool_url(next(iter(TOOLS))),
            "tool_label": next(iter(TOOLS)).label,
            "guide": _guide(),
            # A time-out open now waits here; its terms and starting one are on the time-out page.
            **_timeout_context(user, now, link, terms=False),
        },
    )


def _timeout_context(user, now, link, *, terms: bool):
    """The time-out card: an open time-out, and with ``terms`` (the time-out page, or one's own plan when not
    linked) the terms and the return times one may choose, each shown as a time of day in the person's own zone."""
    state = selectors.timeouts(user=user, now=now, link=link, terms=terms)
    return {
        "timeouts": state,
        "terms": terms,
        "partner_name": selectors.person_name(link.partner) if link else None,
        # Alone, one's own plan is kept from the card; a couple proposes terms on a page of its own.
        "terms_form": _terms_form(state) if link is None else None,
        "longest_words": LONGEST,
        "places": PLACES,
        "grace_minutes": int(GRACE.total_seconds() // 60),
        "return_choices": [
            (minutes, f"{localtime(return_at(now, minutes)):%H:%M}", MINUTES_TEXT[minutes]) for minutes in state.steps
        ],
        "breathing_url": tool_url(BREATHING_478),
        "breathing_label": BREATHING_478.label,
    }


@require_http_methods(["GET", "POST"])
def safety_screen(request):
    """Four private questions before linking. The answers decide what this one answer says, and are then gone:
    nothing is stored, logged or shown to anyone (the partner least of all)."""
    form = SafetyScreenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unsafe = screen_says_unsafe(form.answers())
        return render(
            request,
            "partners/safety_screen_answer.html",
            {"unsafe": unsafe, "violence_lines": _violence_lines(request.user)},
        )
    return render(request, "partners/safety_screen.html", {"form": form})


@reauthentication_required
@require_http_methods(["GET", "POST"])
def invite(request):
    """Make a one-time code. It is shown once, in the answer to the POST, and only its hash is kept; a reload
    makes no copy of it, it can only make a new one (the older one then stops working)."""
    if selectors.link_for(user=request.user) is not None:
        return redirect("partners:index")
    if request.method == "POST":
        now = timezone.now()
        try:
            code = services.invite_create(owner=request.user, now=now)
        except services.TooManyCodes:
            return render(request, "partners/invite.html", {"too_many": True, "per_day": CODES_PER_DAY}, status=429)
        return render(
            request,
            "partners/invite_code.html",
            {"code": code_grouped(code), "hours": int(CODE_LIFETIME.total_seconds() // 3600)},
        )
    return render(
        request,
        "partners/invite.html",
        {
            "per_day": CODES_PER_DAY,
            "hours": int(CODE_LIFETIME.total_seconds() // 3600),
            "active": selectors.invite_active(owner=request.user, now=timezone.now()),
        },
    )


@reauthentication_required
@require_http_methods(["GET", "POST"])
def accept(request):
    """Enter the partner's code, from one's own account, after entering one's password again."""
    if selectors.link_for(user=request.user) is not None:
        return redirect("partners:index")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.invite_accept(user=request.user, typed=form.cleaned_data["code"], now=timezone.now())
        except services.TooManyTries:
            form.add_error(None, "Too many codes that didn't work. Please wait an hour and try again.")
            return render(request, "partners/accept.html", {"form": form}, status=429)
        except services.OwnCode:
            form.add_error("code", "That is the code you made. Your partner enters it, in their own account.")
            return render(request, "partners/accept.html", {"form": form}, status=403)
        except services.AlreadyLinked:
            return redirect("partners:index")
        if link is not None:
            messages.success(request, "You are linked. Nothing is shown to either of you until each of you chooses.")
            return redirect("partners:index")
        form.add_error("code", "That code doesn't work. Check it with the person who gave it to you.")
    return render(request, "partners/accept.html", {"form": form})


def _shows_more(request) -> bool:
    """Whether this choice shows the partner a category not shown now. Showing more is a change of what another
    person sees of one's life, so it asks for the password again (checklist item 24). Showing less, like
    unlinking and blocking, never does: leaving is never slowed down (section E of the checklist)."""
    form = CategoriesForm(request.POST)
    if request.method != "POST" or not form.is_valid():
        return False
    shown = {category.value for category in selectors.shared_categories(owner=request.user)}
    return bool(set(form.cleaned_data["categories"]) - shown)


# After the password, allauth replays this very POST: what the person ticked is applied, not lost.
@reauthentication_required(enabled=_shows_more)
@require_POST
def choose(request):
    form = CategoriesForm(request.POST)
    if not form.is_valid():
        # Only the three categories exist; anything else (a diary, answers, a safety plan) is refused outright.
        return HttpResponseBadRequest("Only the listed categories can be shown.")
    services.categories_choose(
        owner=request.user, categories={Category(value) for value in form.cleaned_data["categories"]}
    )
    messages.success(request, "Saved. Your partner sees exactly this from now on.")
    return redirect("partners:index")


@require_POST
def status(request):
    form = StatusForm(request.POST)
    if form.is_valid():
        value = form.cleaned_data["status"]
        services.status_choose(owner=request.user, status=Status(value) if value else None, now=timezone.now())
        messages.success(request, "Saved.")
    return redirect("partners:index")


@require_POST
def unlink(request):
    services.link_end(user=request.user)
    messages.success(request, "Unlinked. Neither of you sees anything of the other now. Nobody was told.")
    return redirect("partners:index")


@require_POST
def block(request):
    services.partner_block(user=request.user, now=timezone.now())
    messages.success(request, "Unlinked and blocked. Their codes will not link with you again. Nobody was told.")
    return redirect("partners:index")


@never_cache
@require_safe
def safety_check(request):
    check = selectors.safety_check(user=request.user)
    return render(
        request,
        "partners/safety_check.html",
        {
            "check": check,
            "shared_labels": [CATEGORY_TEXT[c][0] for c in check.shared],
            "current_session_key": request.session.session_key,
            "never": NEVER_PARTNER_VISIBLE,
        },
    )


@never_cache
@require_safe
def safety_check_access(request):
    """What has happened: on which days the partner was shown what (checklist item 45), its newest days first, and
    the days one used Emergency Reset. Apart from the Safety check, which lists who can see or get in now."""
    user = request.user
    return render(
        request,
        "partners/safety_check_access.html",
        {"access": selectors.access_days(owner=user), "resets": selectors.emergency_resets(owner=user)},
    )


@reauthentication_required
@require_http_methods(["GET", "POST"])
def emergency_reset(request):
    """End the link, every share and code, and every other session, at once; then ask for a new password.
    Nobody is notified."""
    if request.method == "POST":
        ended = services.emergency_reset(
            user=request.user, keep_session_key=request.session.session_key, now=timezone.now()
        )
        messages.success(
            request,
            f"Done: nothing is shown to anyone, and {ended} other session{'s' if ended != 1 else ''} ended. "
            "Nobody was told. Now choose a new password that nobody else knows.",
        )
        return redirect("account_change_password")
    return render(request, "partners/emergency_reset.html")


@require_POST
def ask(request):
    """Send a structured request for reassurance to the linked partner."""
    try:
        services.reassurance_ask(owner=request.user, request=request.POST.get("request", ""), now=timezone.now())
    except services.NotLinked:
        return HttpResponseBadRequest("Choose one of the requests.")
    messages.success(request, "Sent. It waits on their page; nobody gets an email.")
    return redirect("partners:index")


@require_POST
def answer(request, pk: int):
    """Answer a request with one tap. Only the person it was asked of, while linked; anyone else: 404."""
    try:
        services.reassurance_answer(
            answerer=request.user, pk=pk, answer=request.POST.get("answer", ""), now=timezone.now()
        )
    except services.NotLinked:
        raise Http404("Not found") from None
    messages.success(request, "Answered.")
    return redirect("partners:index")


def _terms_form(state) -> TimeoutTermsForm:
    """The form to propose or change time-out terms, holding the terms proposed or agreed."""
    terms = state.proposed_by_me or state.agreement
    return TimeoutTermsForm(initial={"longest_minutes": terms.longest_minutes, "place": terms.place} if terms else {})


@never_cache
@require_http_methods(["GET", "POST"])
def timeout_terms(request):
    """The couple's time-out page: start a time-out on the agreed terms, accept the partner's proposal, see the
    partner's returns, and propose terms (or, not linked, keep one's own plan, which is also saved from the Together
    page's card). The Together page shows a time-out open now and links here."""
    if request.method == "GET":
        user = request.user
        link = selectors.link_for(user=user)
        context = _timeout_context(user, timezone.now(), link, terms=True)
        return render(
            request,
            "partners/timeout_terms.html",
            {"link": link, **context, "terms_form": _terms_form(context["timeouts"])},
        )
    form = TimeoutTermsForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose one of the listed lengths and places.")
    linked = selectors.link_for(user=request.user) is not None
    services.timeout_agreement_propose(
        owner=request.user,
        longest_minutes=form.cleaned_data["longest_minutes"],
        place=form.cleaned_data["place"],
        now=timezone.now(),
    )
    messages.success(request, "Proposed. It holds once your partner accepts it." if linked else "Saved.")
    return redirect("partners:timeout_terms" if linked else "partners:index")


@require_POST
def timeout_accept(request, pk: int):
    """Accept the terms the partner proposed. Only the person they were proposed to, while linked; else 404."""
    try:
        services.timeout_agreement_accept(user=request.user, pk=pk, now=timezone.now())
    except services.NotLinked:
        raise Http404("Not found") from None
    messages.success(request, "Agreed. Either of you can now take a time-out on these terms.")
    return redirect("partners:timeout_terms")


@require_POST
def timeout_start(request):
    """Step away until a return time within the agreed longest. It waits on the partner's page; no mail."""
    try:
        minutes = int(request.POST.get("minutes", ""))
        timeout = services.timeout_start(owner=request.user, minutes=minutes, now=timezone.now())
    except (ValueError, services.NoAgreement):
        return HttpResponseBadRequest("Choose one of the listed return times, within your agreement.")
    messages.success(
        request, f"Time-out started. Take the time you need; come back at {localtime(timeout.return_at):%H:%M}."
    )
    return redirect("partners:index")


@require_POST
def timeout_end(request, pk: int):
    """Come back (the one who stepped away) or end the time-out (either of them). Anyone else: 404."""
    try:
        timeout = services.timeout_end(user=request.user, pk=pk, now=timezone.now())
    except services.NotLinked:
        raise Http404("Not found") from None
    messages.success(request, "Welcome back." if timeout.owner_id == request.user.pk else "Time-out ended.")
    return redirect("partners:index")


def _check_in_shows_more(request) -> bool:
    """Whether this save shows this week's answers to the partner when they were not shown yet: the password
    again first (checklist item 24), and allauth then replays the POST, so the words typed are saved, not lost.
    Never before a safety response: words that suggest risk are answered at once, with no password asked."""
    post = request.POST
    if request.method != "POST" or post.get("action") == "edit" or not post.get("share"):
        return False
    if assess_texts(*(post.get(key, "") for key, _, _ in CHECK_IN_QUESTIONS))["level"] != "none":
        return False
    return selectors.widens_sharing(user=request.user, now=timezone.now(), check_in_week_shown=True)


def _pattern_shows_more(request) -> bool:
    """Whether this choice is to see the couple's pattern, not chosen yet: the partner would then see the pattern's
    name with theirs once both chose it, so the password again first (checklist item 24). Withdrawing never asks."""
    if request.method != "POST" or request.POST.get("choice") != "see":
        return False
    return selectors.widens_sharing(user=request.user, now=timezone.now(), pattern=True)


@reauthentication_required(enabled=_check_in_shows_more)
@never_cache
@require_http_methods(["GET", "POST"])
def check_in(request):
    """This week's check-in, in one's own words; and the newest week the linked partner chose to show.

    Words that suggest risk get the crisis response and nothing else: nothing is kept or shown to anyone, and the
    words are only given back to change (as the message coach does before any message).
    """
    user = request.user
    now = timezone.now()
    link = selectors.link_for(user=user)
    partner_name = selectors.person_name(link.partner) if link else None
    # This week's answers and the partner's newest week; the earlier weeks have their own page.
    state = selectors.check_ins(user=user, now=now, link=link)
    if request.method == "POST":
        form = CheckInForm(request.POST, partner_name=partner_name)
        if request.POST.get("action") != "edit":
            typed = [request.POST.get(key, "") for key, _, _ in CHECK_IN_QUESTIONS]
            risk = assess_texts(*typed)
            if risk["level"] != "none":
                return render(
                    request,
                    "partners/check_in_safety.html",
                    {
                        "typed": [(key, request.POST.get(key, "")) for key, _, _ in CHECK_IN_QUESTIONS],
                        **risk_context(user, risk),
                    },
                )
        if request.POST.get("action") != "edit" and form.is_valid():
            try:
                services.check_in_save(
                    owner=user, answers=form.answers(), share=form.cleaned_data.get("share", False), now=now
                )
            except services.EmptyCheckIn:
                return HttpResponseBadRequest("Answer at least one question.")
            shared = form.cleaned_data.get("share", False) and link is not None
            messages.success(request, f"Saved. {partner_name} can read it." if shared else "Saved, for you only.")
            return redirect("partners:check_in")
        if request.POST.get("action") == "edit":
            form = CheckInForm(
                initial={key: request.POST.get(key, "") for key, _, _ in CHECK_IN_QUESTIONS}, partner_name=partner_name
            )
    else:
        mine = state.this_week
        initial = {key: getattr(mine, key) for key, _, _ in CHECK_IN_QUESTIONS} if mine else {}
        if mine:
            initial["share"] = mine.shared_with_id is not None
        form = CheckInForm(initial=initial, partner_name=partner_name)
    _check_ins_read(link, state, now)
    return render(
        request,
        "partners/check_in.html",
        {
            "form": form,
            "theirs": state.theirs[:1],  # their newest week
            "earlier": selectors.weeks_before(user=user, week=week_start(now, user.zone).date()),
            "link": link,
            "partner_name": partner_name,
        },
    )


def _check_ins_read(link, state, now) -> None:
    """The partner's access log (checklist item 45): the day on which their shown check-ins were read."""
    if state.theirs:
        services.access_record(
            owner=link.partner, categories=[CHECK_IN_READ], day=services.local_day(link.partner, now)
        )


@never_cache
@require_safe
def check_in_earlier(request):
    """The weeks before this one, a few at a time, newest first: one's own (each shown week with a button to stop
    showing it) beside those the linked partner showed. Read on their own page so that answering this week does
    not wait for every earlier week to be decrypted."""
    user = request.user
    now = timezone.now()
    this_week = week_start(now, user.zone).date()
    try:
        before = min(date.fromisoformat(request.GET.get("before") or this_week.isoformat()), this_week)
    except ValueError:
        return HttpResponseBadRequest("Choose one of the weeks.")
    link = selectors.link_for(user=user)
    earlier = selectors.check_ins_earlier(user=user, before=before, link=link)
    _check_ins_read(link, earlier, now)
    return render(
        request,
        "partners/check_in_earlier.html",
        {
            "earlier": earlier,
            "last_week": earlier.before - timedelta(days=1),
            "newer": earlier.before + timedelta(weeks=selectors.EARLIER_WEEKS) if before < this_week else None,
            "link": link,
            "partner_name": selectors.person_name(link.partner) if link else None,
        },
    )


@require_safe
def repair(request):
    """The repair ritual as a guided page: before, during and after. Nothing is kept; it works for one person too."""
    link = selectors.link_for(user=request.user)
    return render(
        request,
        "partners/repair.html",
        {"ritual": REPAIR_RITUAL, "link": link, "guide": _guide(), "breathing_url": tool_url(BREATHING_478)},
    )


@reauthentication_required(enabled=_pattern_shows_more)
@never_cache
@require_http_methods(["GET", "POST"])
def pattern(request):
    """The couple's pattern, with both people's consent: each chooses on their own page and may withdraw at once."""
    user = request.user
    if request.method == "POST":
        if request.POST.get("choice") == "see":
            services.pattern_consent_give(owner=user, now=timezone.now())
            messages.success(request, "Saved. It shows here once both of you have chosen to see it.")
        else:
            services.pattern_consent_withdraw(owner=user)
            messages.success(request, "Withdrawn. It is gone from both your pages. Nobody was told.")
        return redirect("partners:pattern")
    link = selectors.link_for(user=user)
    state = selectors.couple_pattern_for(user=user, link=link)
    if state is None:
        return redirect("partners:index")
    return render(
        request,
        "partners/pattern.html",
        {
            "state": state,
            "partner_name": selectors.person_name(link.partner),
            "rule": PATTERN_RULE,
            "guide": _guide(),
            "ecr_rs_url": reverse("assessments:take", args=[ECR_RS_ROMANTIC.slug]),
        },
    )


@require_POST
def check_in_hide(request):
    """Stop showing one of one's own weeks. Only one's own rows are touched; an unknown week changes nothing."""
    try:
        week = date.fromisoformat(request.POST.get("week", ""))
    except ValueError:
        return HttpResponseBadRequest("Choose one of your weeks.")
    services.check_in_hide(owner=request.user, week=week)
    messages.success(request, "That week is no longer shown. Nobody was told.")
    return redirect("partners:check_in_earlier")
