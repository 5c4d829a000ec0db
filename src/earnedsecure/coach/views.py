"""Think: thought records with a personal reality check, and the message coach ("pause before you send")."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from earnedsecure.accounts.services import consent_give, consent_withdraw
from earnedsecure.coach import analysis, selectors, services, steps
from earnedsecure.coach.forms import (
    MessageDraftForm,
    MessageOutcomeForm,
    MessageRewriteForm,
    ThoughtFinishForm,
    ThoughtStartForm,
)
from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.coach.rewrite import PARTS, compose_message, ideas, prefilled_parts
from earnedsecure.core.access import get_owned_or_404
from earnedsecure.core.risk import risk_context
from earnedsecure.diary.selectors import activation_get
from earnedsecure.diary.tools import tool_url
from earnedsecure.domain.cycle import QUICK_CALMING_TOOLS, URGE_SURFING

# Everything a person writes in a thought record, read for risk before anything else.
THOUGHT_TEXTS = ("situation", "automatic_thought", "emotion", "evidence_for", "evidence_against", "balanced_thought")
# Each of those boxes under the label the person saw it with, for the safety page's "What you wrote".
THOUGHT_TEXT_LABELS = {
    name: str(form.base_fields[name].label)
    for form in (ThoughtFinishForm, ThoughtStartForm)
    for name in THOUGHT_TEXTS
    if name in form.base_fields
}

REASSURANCE_GUARD_AFTER = 3
MAX_SUGGESTED = services.MAX_SUGGESTED


@require_safe
def index(request):
    user = request.user
    counted = selectors.counts_my_answers(user=user)
    return render(
        request,
        "coach/index.html",
        {
            "records": selectors.thought_record_lines(user=user, limit=5),
            "drafts": selectors.message_draft_lines(user=user, limit=5),
            "trend": selectors.thought_record_trend(user=user),
            "counted": counted,
            # Asking someone brand new to share answers they have never given is noise: the card waits for
            # the first suggestion (and stays for whoever agreed, so they can stop).
            "ask_to_count": counted or selectors.has_had_suggestions(user=user),
        },
    )


@require_POST
def research_consent(request):
    """Agree, or stop agreeing, to one's answers to suggestions being counted with everyone else's."""
    if request.POST.get("agree") == "yes":
        consent_give(user=request.user, purpose=selectors.RESEARCH)
        messages.success(request, "Thank you. Your answers are counted from now on, without your words.")
    else:
        consent_withdraw(user=request.user, purpose=selectors.RESEARCH)
        messages.success(request, "Your answers are no longer counted. They stay with your entries.")
    return redirect("coach:index")


# Thought records -----------------------------------------------------------------------------------------


def _activation(request, activation_id):
    if not activation_id:
        return None
    return activation_get(user=request.user, pk=activation_id)


def _prefill(activation) -> dict:
    if activation is None:
        return {}
    return {
        "activation": activation.pk,
        "situation": activation.trigger_note,
        "automatic_thought": activation.thought,
        "intensity_before": activation.intensity,
        "trigger": activation.trigger,
    }


def _trap_cards(thought: str, found: list[dict], form: ThoughtFinishForm) -> list[dict]:
    cards = []
    for trap in found:
        cards.append(
            {
                **analysis.trap_info(trap["name"]),
                "confidence_words": analysis.confidence_in_words(float(trap.get("confidence", 0))),
                "evidence": analysis.evidence_text(trap),
                "marked": analysis.highlight(thought, [trap]),
                "field": form.trap_field(trap["name"]),
            }
        )
    return cards


def _kept_step(request, kind: str, token: str | None) -> str:
    """The token of step one if it is still kept for this session (it is not after signing in again), else ""."""
    return token if token and steps.step_get(request, kind=kind, token=token) is not None else ""


def _step_closed(request, url_name: str, what: str):
    """A step-two address whose step one is no longer kept (saved already, over an hour old, signed out)."""
    messages.info(request, f"That page has closed: it was saved, or it is more than an hour old. {what}")
    return redirect(url_name)


@require_http_methods(["GET", "POST"])
def thought_new(request):
    """Two steps on one URL: notice (write the thought), then examine, reframe and re-rate.

    Step one's answers are posted, kept for the session (coach/steps.py) and answered with a redirect to
    ``?step=<token>``, which shows step two (post/redirect/get). Nothing is saved until the person presses Save;
    step two carries step one's answers as hidden fields and re-runs the (offline, deterministic) analysis
    rather than trusting values sent back by the browser.
    """
    if request.method == "GET":
        token = request.GET.get("step")
        if token is not None:
            kept = steps.step_get(request, kind="thought", token=token)
            if kept is None:
                return _step_closed(request, "coach:thought_new", "Your thought records are under Think.")
            if request.GET.get("change"):  # "Change what I wrote": step one again, filled in
                activation = _activation(request, kept.get("activation"))
                start = ThoughtStartForm(initial=kept)
                return render(request, "coach/thought_start.html", {"form": start, "activation": activation})
            start = ThoughtStartForm(kept)
            if start.is_valid():  # it was when kept; a record it came from may have gone since
                return _thought_finish(request, start, action="check", token=token)
            return render(request, "coach/thought_start.html", {"form": start, "activation": None})
        activation = _activation(request, request.GET.get("activation"))
        start = ThoughtStartForm(initial=_prefill(activation))
        return render(request, "coach/thought_start.html", {"form": start, "activation": activation})

    action = request.POST.get("action", "check")
    start = ThoughtStartForm(request.POST)
    if action != "edit":
        # No coaching beside a risk (hazard log H2), and risk is answered before any box is checked: an empty
        # required field or an over-long paste must never stand between a person and the crisis lines.
        written = {name: request.POST.get(name, "") for name in THOUGHT_TEXTS}
        risk = analysis.assess_risk(*written.values())
        if risk["level"] != "none":
            # Every box the person filled in, under its own label: the risk may be in any of them (a situation
            # told with the thought left empty showed an empty quote).
            shown = [(THOUGHT_TEXT_LABELS[name], text) for name, text in written.items() if text.strip()]
            return render(
                request,
                "coach/thought_safety.html",
                {"start": start, "written": shown, **risk_context(request.user, risk)},
            )
    if not start.is_valid() or action == "edit":
        activation = _activation(request, getattr(start, "cleaned_data", {}).get("activation"))
        return render(request, "coach/thought_start.html", {"form": start, "activation": activation})
    if action == "check":
        _activation(request, start.cleaned_data["activation"])  # someone else's entry: 404 now, not after
        written = {name: request.POST.get(name, "") for name in start.fields}
        token = steps.step_keep(request, kind="thought", fields=written)
        return redirect(f"{reverse('coach:thought_new')}?step={token}")
    return _thought_finish(request, start, action=action, token=request.POST.get("step"))


def _thought_finish(request, start: ThoughtStartForm, *, action: str, token: str | None):
    """Step two from a valid step one: the page (from the redirect, or again with its errors) or the save."""
    data = start.cleaned_data
    activation = _activation(request, data["activation"])
    trigger = data["trigger"] or (activation.trigger if activation else "")
    found = analysis.analyze_thought(data["automatic_thought"])  # risk in it was answered above
    suggestions = found["traps"][:MAX_SUGGESTED]
    check = selectors.reality_check(user=request.user, trigger=trigger)
    finish = ThoughtFinishForm(
        request.POST if action == "save" else None,
        suggestions=suggestions,
        traps=analysis.all_traps(),
        past_times=check.past_times,
    )
    if action == "save" and finish.is_valid():
        done = finish.cleaned_data
        record = services.thought_record_create(
            owner=request.user,
            activation=activation,
            trigger=trigger,
            situation=data["situation"],
            automatic_thought=data["automatic_thought"],
            emotion=data["emotion"],
            intensity_before=data["intensity_before"],
            suggested_traps=services.suggestions_from(found),
            confirmed_traps=finish.confirmed(),
            rejected_traps=finish.rejected(),
            evidence_for=done["evidence_for"],
            evidence_against=done["evidence_against"],
            past_times_checked=check.shown or None,
            past_times_fine=len(done["past_fine"]) if check.shown else None,
            balanced_thought=done["balanced_thought"],
            intensity_after=done["intensity_after"],
        )
        steps.step_forget(request, token=token)
        return redirect("coach:thought_detail", pk=record.pk)

    return render(
        request,
        "coach/thought_finish.html",
        {
            "start": start,
            "form": finish,
            "data": data,
            "activation": activation,
            "traps": _trap_cards(data["automatic_thought"], suggestions, finish),
            "check": check,
            "past_rows": list(zip(check.past_times, finish["past_fine"], strict=False)),
            "step": _kept_step(request, "thought", token),
        },
    )


def _record_risk(record: ThoughtRecord) -> dict:
    return analysis.assess_risk(
        record.situation,
        record.automatic_thought,
        record.evidence_for,
        record.evidence_against,
        record.balanced_thought,
    )


@require_safe
def thought_detail(request, pk):
    record = get_owned_or_404(ThoughtRecord, request.user, pk=pk)
    confirmed = [analysis.trap_info(name) for name in record.confirmed_traps]
    rejected = [analysis.trap_info(name) for name in record.rejected_traps]
    return render(
        request,
        "coach/thought_detail.html",
        {
            "record": record,
            "confirmed": confirmed,
            "rejected": rejected,
            **risk_context(request.user, _record_risk(record)),
        },
    )


@require_POST
def thought_delete(request, pk):
    record = get_owned_or_404(ThoughtRecord, request.user, pk=pk)
    services.thought_record_delete(record=record)
    messages.success(request, "That thought record is deleted.")
    return redirect("coach:index")


# The message coach ---------------------------------------------------------------------------------------


def _soothing_tools() -> list[tuple[str, str]]:
    return [(tool_url(tool), tool.label) for tool in QUICK_CALMING_TOOLS]


def _rewrite_initial(draft_text: str, found: dict) -> dict:
    """The four blanks as far as the draft's own words fill them; a kind draft is its own message."""
    if not found.get("behaviours"):
        return {**dict.fromkeys(PARTS, ""), "final_text": draft_text}
    parts = prefilled_parts(found.get("rewrite_parts"))
    return {**parts, "final_text": compose_message(**parts)}


def _behaviour_cards(draft_text: str, found: dict, form: MessageRewriteForm) -> list[dict]:
    cards = []
    for behaviour in found.get("behaviours", []):
        info = analysis.protest_info(behaviour["name"])
        cards.append(
            {
                **info,
                "why_it_backfires": behaviour.get("why_it_backfires") or info["why_it_backfires"],
                "evidence": analysis.evidence_text(behaviour),
                "marked": analysis.highlight(draft_text, [behaviour]),
                "confidence_words": analysis.confidence_in_words(float(behaviour.get("confidence") or 0)),
                "field": form.verdict_field(behaviour["name"]),
            }
        )
    return cards


@require_http_methods(["GET", "POST"])
def message_new(request):
    """Paste a draft, see what the coach finds, build a direct rewrite, then save with what you did.

    The draft is posted, kept for the session (coach/steps.py) and answered with a redirect to ``?step=<token>``,
    which shows what the coach finds (post/redirect/get). Actions: "check" (analyse), "edit" (back to the
    draft), "compose" (rebuild the message from the four parts, for browsers without JavaScript), "save", and
    "wait" (save, then open the urge timer).
    """
    user = request.user
    if request.method == "GET" and (token := request.GET.get("step")) is not None:
        kept = steps.step_get(request, kind="message", token=token)
        if kept is None:
            return _step_closed(request, "coach:message_new", "Your saved messages are under Think.")
        if request.GET.get("change"):  # "Change the draft": the draft again, in its box
            draft_form = MessageDraftForm(initial=kept)
        else:
            draft_form = MessageDraftForm(kept)
            if draft_form.is_valid():  # it was when kept
                return _message_check(request, draft_form, action="check", token=token)
    else:
        draft_form = MessageDraftForm()
    asked_today = selectors.reassurance_requests_today(user=user)
    if request.method == "GET":
        return render(
            request,
            "coach/message_start.html",
            {
                "form": draft_form,
                "show_soothing": asked_today >= REASSURANCE_GUARD_AFTER,
                "tools": _soothing_tools(),
            },
        )

    action = request.POST.get("action", "check")
    draft_form = MessageDraftForm(request.POST)
    if action != "edit":
        # No coaching beside a risk, in the draft or in the message being built from it (hazard log H2): no
        # protest cards, no rewrite toward contact, nothing saved as a coached message. Answered before the
        # draft is checked, so an over-long paste still gets the crisis lines.
        draft_text = request.POST.get("draft", "")
        risk = analysis.assess_risk(draft_text, request.POST.get("final_text", ""))
        if risk["level"] != "none":
            return render(request, "coach/message_safety.html", {"draft_text": draft_text, **risk_context(user, risk)})
    if not draft_form.is_valid() or action == "edit":
        return render(
            request,
            "coach/message_start.html",
            {"form": draft_form, "show_soothing": asked_today >= REASSURANCE_GUARD_AFTER, "tools": _soothing_tools()},
        )
    if action == "check":
        token = steps.step_keep(request, kind="message", fields={"draft": request.POST.get("draft", "")})
        return redirect(f"{reverse('coach:message_new')}?step={token}")
    return _message_check(request, draft_form, action=action, token=request.POST.get("step"))


def _message_check(request, draft_form: MessageDraftForm, *, action: str, token: str | None):
    """Step two from a valid draft: the page (from the redirect, or again after "compose" or with errors) or
    the save."""
    user = request.user
    asked_today = selectors.reassurance_requests_today(user=user)
    draft_text = draft_form.cleaned_data["draft"]
    found = analysis.analyze_message(draft_text, reassurance_requests_today=asked_today)  # risk answered above
    # The behaviours asked about are the ones found now, never names sent back by the browser.
    shown = {"ideas": ideas(found.get("rewrite_parts")), "behaviours": found["behaviours"]}
    if action == "check":
        rewrite_form = MessageRewriteForm(initial=_rewrite_initial(draft_text, found), **shown)
    else:
        rewrite_form = MessageRewriteForm(request.POST, **shown)
    if action in {"save", "wait"} and rewrite_form.is_valid():
        done = rewrite_form.cleaned_data
        message = services.message_draft_create(
            owner=user,
            draft=draft_text,
            behaviours=found["behaviours"],
            rewrite=compose_message(**{k: done[k] for k in PARTS}),
            final_text=done["final_text"],
            outcome=done["outcome"],
            waited_first=action == "wait",
            confirmed_behaviours=rewrite_form.confirmed(),
            rejected_behaviours=rewrite_form.rejected(),
        )
        steps.step_forget(request, token=token)
        if action == "wait":
            messages.success(request, "Your draft is saved under Think. Come back to it when the urge has passed.")
            return redirect(tool_url(URGE_SURFING))
        return redirect("coach:message_detail", pk=message.pk)
    if action == "compose" and rewrite_form.is_valid():
        done = rewrite_form.cleaned_data
        rewrite_form = MessageRewriteForm(
            initial={**done, "final_text": compose_message(**{k: done[k] for k in PARTS})}, **shown
        )

    return render(
        request,
        "coach/message_check.html",
        {
            "draft_form": draft_form,
            "form": rewrite_form,
            "draft_text": draft_text,
            "found": found,
            "behaviours": _behaviour_cards(draft_text, found, rewrite_form),
            "marked_draft": analysis.highlight(draft_text, found.get("behaviours", [])),
            "show_soothing": bool(found.get("suggest_soothing_first")) or asked_today >= REASSURANCE_GUARD_AFTER,
            "asked_today": asked_today,
            "tools": _soothing_tools(),
            "step": _kept_step(request, "message", token),
        },
    )


@require_http_methods(["GET", "POST"])
def message_detail(request, pk):
    message = get_owned_or_404(MessageDraft, request.user, pk=pk)
    form = MessageOutcomeForm(request.POST or None, initial={"outcome": message.outcome})
    if request.method == "POST" and form.is_valid():
        services.message_draft_set_outcome(message=message, outcome=form.cleaned_data["outcome"])
        messages.success(request, "Saved what you did with it.")
        return redirect("coach:message_detail", pk=message.pk)
    risk = analysis.assess_risk(message.draft, message.final_text)
    answers = {a.name: a for a in message.answers.all()}
    return render(
        request,
        "coach/message_detail.html",
        {
            "message": message,
            "form": form,
            "behaviours": [
                {
                    **analysis.protest_info(b["name"]),
                    "evidence": analysis.evidence_text(b),
                    "answer": answers[b["name"]].get_answer_display() if b["name"] in answers else "",
                }
                for b in message.behaviours
            ],
            "marked_draft": analysis.highlight(message.draft, message.behaviours),
            **risk_context(request.user, risk),
        },
    )


@require_POST
def message_delete(request, pk):
    message = get_owned_or_404(MessageDraft, request.user, pk=pk)
    services.message_draft_delete(message=message)
    messages.success(request, "That draft is deleted.")
    return redirect("coach:index")
