"""Post/redirect/get everywhere (issue 13): every form of the app that saves answers the save with a redirect, so
Back or a reload after saving never offers to send it again ("Confirm Form Resubmission").

A walk from the URL conf (as the GET-writes-nothing test walks) collects the address of every POST
form on every page a person with six months of history reaches; each must be in SAVES (sent here with valid
answers, and must answer 302, 303 or 307) or in NOT_A_PAGE with the reason its answer is not a page to come
back to. So a new form is covered the day it appears on a page.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from earnedsecure.accounts import kept_forms
from earnedsecure.accounts.services import consent_withdraw
from earnedsecure.assessments import services as assessment_services
from earnedsecure.assessments.forms import field_name
from earnedsecure.diary.services import activation_create
from earnedsecure.journey.models import Reminder
from tests.personas import PASSWORD
from tests.routes import HREF, route_of, walk

FORM = re.compile(r"<form\b([^>]*)>", re.I)
ACTION = re.compile(r'action="([^"]*)"')
SIGNS_OUT = re.compile(r"^/(quick-exit/|accounts/logout/)")

# Forms whose answer is not a page a person comes back to with Back.
NOT_A_PAGE = {
    "account/export/": "the single-use download link is shown once, in this answer; only its hash is kept",
    "quick-exit/": "a beacon answered 204 with no page, as the browser leaves for another site",
    # allauth's own pages redirect after every success (allauth's tests); these need mail or codes to succeed.
    "accounts/email/": "allauth's, needs real mail to change the address",
    "accounts/reauthenticate/code/": "allauth's, by a code sent by mail",
    "together/before-linking/": "four private questions answered on the spot: nothing is saved, the answer is advice",
    "together/invite/": "the one-time code is shown once, in this answer; only its hash is kept, so no page can show it again",
}


THOUGHT_RECORD = {
    "action": "save",
    "situation": "No reply",
    "automatic_thought": "They're pulling away from me.",
    "emotion": "scared",
    "intensity_before": "7",
    "evidence_against": "They said the deadline is today.",
    "balanced_thought": "They're busy.",
    "intensity_after": "4",
}


def _check_in():
    """The first page of a check-in, answered, paused: the answers are saved."""
    instrument = assessment_services.enabled_instruments()[0]
    answers = {field_name(item): "1" for item in assessment_services.pages(instrument)[0]}
    return f"/check-ins/{instrument.slug}/", {**answers, "page": "1", "action": "pause"}


def _entry(alice):
    return activation_create(owner=alice, trigger="uncertainty", intensity=6, now=datetime.now(UTC))


def _kept(alice, client):
    from django.test import RequestFactory

    kept = kept_forms.form_keep(user=alice, request=RequestFactory().post("/diary/activated/", {"thought": "words"}))
    response = Client().get("/")  # any response, to sign a cookie the way the app does
    kept_forms.cookie_set(response, kept)
    client.cookies[kept_forms.COOKIE] = response.cookies[kept_forms.COOKIE].value
    return "/account/kept/", {"kept_action": "put_away"}


def _message(alice):
    from earnedsecure.coach.models import MessageDraft

    return MessageDraft.objects.create(owner=alice, draft="Can we talk tonight?", created_at=datetime.now(UTC))


def _thought(alice):
    from earnedsecure.coach.services import thought_record_create

    return thought_record_create(
        owner=alice,
        activation=None,
        trigger="",
        situation="No reply",
        automatic_thought="They're pulling away.",
        emotion="scared",
        intensity_before=7,
        suggested_traps=[],
        confirmed_traps=[],
        rejected_traps=[],
        evidence_for="",
        evidence_against="",
        past_times_checked=None,
        past_times_fine=None,
        balanced_thought="They're busy.",
        intensity_after=4,
    )


def _partner_code() -> str:
    from earnedsecure.partners.services import invite_create
    from tests.personas import make_person

    return invite_create(owner=make_person("partner"), now=datetime.now(UTC))


def _asked_of(alice) -> int:
    """A request for reassurance made of Alice by the partner she is linked with."""
    from earnedsecure.partners.services import invite_accept, invite_create, reassurance_ask
    from tests.personas import make_person

    partner = make_person("asker")
    invite_accept(user=alice, typed=invite_create(owner=partner, now=datetime.now(UTC)), now=datetime.now(UTC))
    return reassurance_ask(owner=partner, request="okay", now=datetime.now(UTC)).pk


def _linked(alice):
    from earnedsecure.partners.services import invite_accept

    invite_accept(user=alice, typed=_partner_code(), now=datetime.now(UTC))


def _terms_agreed(alice):
    from earnedsecure.partners.services import (
        invite_accept,
        invite_create,
        timeout_agreement_accept,
        timeout_agreement_propose,
    )
    from tests.personas import make_person

    partner, now = make_person("calm"), datetime.now(UTC)
    invite_accept(user=alice, typed=invite_create(owner=partner, now=now), now=now)
    proposed = timeout_agreement_propose(owner=partner, longest_minutes=60, place="kitchen", now=now)
    timeout_agreement_accept(user=alice, pk=proposed.pk, now=now)


# route -> (alice, client) -> (path, data): a save with valid answers, from a fresh Alice.
SAVES = {
    "account/consent/": lambda a, c: (
        consent_withdraw(user=a, purpose="core"),
        ("/account/consent/", {"agree": "on"}),
    )[1],
    "account/consent/withdraw/": lambda a, c: ("/account/consent/withdraw/", {}),
    "account/settings/": lambda a, c: ("/account/settings/", {"country": "GB", "time_zone": "Europe/London"}),
    "account/reminders/": lambda a, c: (
        "/account/reminders/",
        {"frequency": "daily", "review_day": "2", "hour": "8", "in_app": "on"},
    ),
    "account/kept/": _kept,
    "account/delete/": lambda a, c: (
        c.post("/accounts/reauthenticate/", {"password": PASSWORD}),
        ("/account/delete/", {"confirm": "alice"}),
    )[1],
    "help/crisis/": lambda a, c: ("/help/crisis/", {"country": "GB"}),
    "help/plan/": lambda a, c: ("/help/plan/", {"warning_signs": "Not sleeping"}),
    "check-ins/<slug:slug>/": lambda a, c: _check_in(),
    "check-ins/settings/": lambda a, c: (
        "/check-ins/settings/",
        {"form": "schedule", **{slug: "14" for slug in ("ecr-rs", "ecr-r", "phq-9", "gad-7")}}
        | {slug: "0" for slug in ("ecr-rs-mother", "ecr-rs-father", "ecr-rs-friend")},
    ),
    "check-ins/settings/research/": lambda a, c: ("/check-ins/settings/research/", {"form": "ecr-r", "reset": "1"}),
    "diary/activated/": lambda a, c: ("/diary/activated/", {"trigger": "uncertainty", "intensity": "6"}),
    "diary/<int:pk>/edit/": lambda a, c: (f"/diary/{_entry(a).pk}/edit/", {"trigger": "threat", "intensity": "4"}),
    "diary/<int:pk>/follow-up/": lambda a, c: (f"/diary/{_entry(a).pk}/follow-up/", {"outcome": "It passed"}),
    "diary/tools/<slug:slug>/": lambda a, c: (
        "/diary/tools/breathing/",
        {"distress_before": "6", "distress_after": "3", "duration_seconds": "60"},
    ),
    "diary/good-moments/new/": lambda a, c: ("/diary/good-moments/new/", {"what_happened": "A walk together"}),
    "learn/<slug:slug>/read/": lambda a, c: ("/learn/the-cycle/read/", {}),
    "learn/programs/<slug:slug>/": lambda a, c: ("/learn/programs/cbt-10-week/", {"action": "enrol"}),
    "learn/reminders/<int:pk>/dismiss/": lambda a, c: (
        "/learn/reminders/"
        f"{Reminder.objects.create(owner=a, kind='check_in', key='k', due_at=datetime.now(UTC) - timedelta(hours=1)).pk}"
        "/dismiss/",
        {"next": "/home/"},
    ),
    "think/counting/": lambda a, c: ("/think/counting/", {"agree": "yes"}),
    "think/thoughts/new/": lambda a, c: ("/think/thoughts/new/", THOUGHT_RECORD),
    "think/thoughts/<int:pk>/delete/": lambda a, c: (f"/think/thoughts/{_thought(a).pk}/delete/", {}),
    "think/messages/new/": lambda a, c: (
        "/think/messages/new/",
        {"action": "save", "draft": "Can we talk tonight?", "final_text": "Can we talk tonight?"},
    ),
    "think/messages/<int:pk>/": lambda a, c: (f"/think/messages/{_message(a).pk}/", {"outcome": "not_sent"}),
    "think/messages/<int:pk>/delete/": lambda a, c: (f"/think/messages/{_message(a).pk}/delete/", {}),
    "accounts/logout/": lambda a, c: ("/accounts/logout/", {}),
    "accounts/password/change/": lambda a, c: (
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "another calm passphrase", "password2": "another calm passphrase"},
    ),
    "accounts/password/reset/": lambda a, c: ("/accounts/password/reset/", {"email": "alice@example.com"}),
    "accounts/reauthenticate/": lambda a, c: ("/accounts/reauthenticate/", {"password": PASSWORD}),
    "together/enter-code/": lambda a, c: (
        c.post("/accounts/reauthenticate/", {"password": PASSWORD}),
        ("/together/enter-code/", {"code": _partner_code()}),
    )[1],
    "together/choose/": lambda a, c: (
        _linked(a),
        c.post("/accounts/reauthenticate/", {"password": PASSWORD}),  # showing more asks for it again
        ("/together/choose/", {"categories": ["status"]}),
    )[2],
    "together/status/": lambda a, c: ("/together/status/", {"status": "okay"}),
    "together/ask/": lambda a, c: (_linked(a), ("/together/ask/", {"request": "okay"}))[1],
    "together/ask/<int:pk>/answer/": lambda a, c: (f"/together/ask/{_asked_of(a)}/answer/", {"answer": "here"}),
    "together/time-out/terms/": lambda a, c: ("/together/time-out/terms/", {"longest_minutes": "60"}),
    "together/time-out/start/": lambda a, c: (_terms_agreed(a), ("/together/time-out/start/", {"minutes": "30"}))[1],
    "together/check-in/": lambda a, c: ("/together/check-in/", {"went_well": "A walk"}),
    "together/check-in/hide/": lambda a, c: ("/together/check-in/hide/", {"week": "2026-11-23"}),
    "together/pattern/": lambda a, c: (_linked(a), ("/together/pattern/", {"choice": "see"}))[1],
    "together/unlink/": lambda a, c: (_linked(a), ("/together/unlink/", {}))[1],
    "together/block/": lambda a, c: (_linked(a), ("/together/block/", {}))[1],
    "together/safety-check/reset/": lambda a, c: (
        c.post("/accounts/reauthenticate/", {"password": PASSWORD}),
        ("/together/safety-check/reset/", {}),
    )[1],
}


@pytest.mark.parametrize("route", sorted(SAVES))
def test_a_successful_save_answers_with_a_redirect(route, alice, alice_client):
    path, data = SAVES[route](alice, alice_client)
    assert route_of(path.split("?")[0]) == route
    response = alice_client.post(path, data)
    assert response.status_code in (302, 303, 307), (route, response.status_code, response.content.decode()[:400])


def test_every_post_form_on_every_page_is_covered(db):
    from earnedsecure.core.demo import demo_create

    client = Client()
    client.force_login(demo_create(months=6))
    posted_to = {}

    def visit(path):
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return []
        html = response.content.decode()
        for attributes in FORM.findall(html):
            if 'method="post"' in attributes.lower():
                action = ACTION.search(attributes)
                target = (action.group(1) if action and action.group(1) else path).split("?")[0].split("#")[0]
                posted_to.setdefault(route_of(target), path)
        return HREF.findall(html)

    walk(visit, skip=SIGNS_OUT.match)

    uncovered = {route: page for route, page in posted_to.items() if route not in SAVES and route not in NOT_A_PAGE}
    assert not uncovered, f"POST forms with no save test (route: a page with the form): {uncovered}"
    assert len(posted_to) >= 20, sorted(posted_to)  # the walk reached the forms, or it proves nothing
