"""Consent and sign-in at one door: walk every route of the project, pages and API, and knock.

1. Anonymous: a page sends the visitor to sign in, the API answers 401/403 in JSON; only the public list is open.
2. Signed in with consent withdrawn: every route but the allow-list is refused (the consent step for pages,
   403 JSON for the API) and nothing is stored, for every method.

The expected lists are written here again on purpose, apart from the middleware's: opening a route there
without opening it here turns this red.
"""

import json

import pytest

from earnedsecure.accounts.models import Consent
from earnedsecure.accounts.services import consent_withdraw
from earnedsecure.core.personal_data import registrations
from tests.core.test_every_page import PUBLIC as ANONYMOUS_ROUTES
from tests.routes import concrete, every_route

# Signed in, without consent: still open (by view name), and why in one word each.
WITHOUT_CONSENT = {
    "landing": "public",
    "crisis": "crisis lines are never gated",
    "quick_exit": "leaving always works",
    "who_this_is_for": "public",
    "privacy": "public",
    "security_txt": "public",
    "healthz": "public",
    "readyz": "public",
    "consent": "to give it",
    "consent_withdraw": "to take it back",
    "onboarding_about": "a new person's first step: what the app is and is not, before agreeing",
    "account_settings": "the account, and where consent is withdrawn",
    "account_security": "the account's security log (sign-ins, changes)",
    "account_export": "to leave with one's data",
    "account_export_download": "the export's single-use link",
    "account_delete": "to leave",
    "safety_plan": "in a crisis, without a step in between",
    "kept_form": "the person's own words, given back after the session ended",
    "journey:lesson": "the consent step links to a lesson",
    "partners:safety_check": "who sees what, sessions, sign-in: the account",
    "partners:safety_check_access": "the safety check's access log: on which days a partner saw what",
    "partners:emergency_reset": "the way out of a partner link is never gated",
    "care_mine": "who of one's therapists sees what, and who looked",
    "care_revoke": "stopping a therapist's access is never gated",
    "research:studies": "where one stands in each study",
    "research:leave": "leaving a study is never gated",
    "api:openapi-json": "no one's data",
    "api:openapi-view": "no one's data",
}
# Public routes with a key in their path, which test_every_page's list of plain paths cannot name.
ANONYMOUS_NAMES = {
    "account_confirm_email",
    "account_reset_password_from_key",
    "api:api-root",  # django-ninja's marker for its own prefix: a plain 404 for everyone
}
ACCOUNT_PREFIX = "accounts/"  # allauth's sign-in, password, email, two-step and sessions pages, and sign-up


def _api_methods(callback) -> set[str]:
    """The methods a django-ninja operation offers (its PathView sits in the view function's closure); every
    method for the API's own pages (docs and schema), which answer any of them."""
    for cell in getattr(callback, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if operations is not None:
            return {method for operation in operations for method in operation.methods}
    return set(API_METHODS)


ROUTES = sorted(every_route(), key=lambda row: row[0])
PAGE_METHODS = ("GET", "POST")
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _is_api(route: str) -> bool:
    return route.startswith("api/")


def _knocks():
    for route, name, callback in ROUTES:
        methods = API_METHODS if _is_api(route) else PAGE_METHODS
        for method in methods:
            yield pytest.param(route, name, callback, method, id=f"{method} /{route}")


def _send(client, method: str, path: str):
    body = json.dumps({"trigger": "threat", "intensity": 5, "automatic_thought": "They will leave me."})
    return client.generic(method, path, body, content_type="application/json")


def _personal_rows() -> dict[str, int]:
    return {r.model._meta.label_lower: r.model.objects.count() for r in registrations()}


@pytest.mark.parametrize(("route", "name", "callback", "method"), list(_knocks()))
def test_it_requires_sign_in(client, db, route, name, callback, method):
    if route in ANONYMOUS_ROUTES or name in ANONYMOUS_NAMES:
        return
    response = _send(client, method, concrete(route))
    if _is_api(route):
        if method not in _api_methods(callback):
            assert response.status_code == 405
            return
        assert response.status_code in (401, 403), f"{method} /{route} answered {response.status_code} anonymously"
        assert "error" in response.json()
    else:
        assert response.status_code == 302, f"{method} /{route} answered {response.status_code} anonymously"
        assert response["Location"].startswith("/accounts/login/")


@pytest.fixture
def alice_without_consent(alice, alice_client):
    consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    return alice_client


@pytest.mark.parametrize(("route", "name", "callback", "method"), list(_knocks()))
def test_it_requires_consent(alice_without_consent, route, name, callback, method):
    if name in WITHOUT_CONSENT or route.startswith(ACCOUNT_PREFIX):
        return
    before = _personal_rows()
    response = _send(alice_without_consent, method, concrete(route))
    if _is_api(route):
        assert response.status_code == 403, f"{method} /{route} answered {response.status_code} without consent"
        assert "privacy notice" in response.json()["error"]
    else:
        assert response.status_code == 302, f"{method} /{route} answered {response.status_code} without consent"
        assert response["Location"].startswith("/account/consent/?next=")
    assert _personal_rows() == before


def test_the_allow_list_names_real_routes():
    from earnedsecure.accounts.middleware import CONSENT_NOT_NEEDED, PUBLIC

    names = {name for _, name, _ in ROUTES}
    assert names >= PUBLIC | CONSENT_NOT_NEEDED
    assert set(WITHOUT_CONSENT) == PUBLIC | CONSENT_NOT_NEEDED


# The holes the review found, with payloads the API accepts when consent is given.
ACTIVATION = {"trigger": "threat", "intensity": 6, "thought": "They are pulling away."}
THOUGHT = {"automatic_thought": "They will leave me.", "intensity_before": 7}


@pytest.mark.parametrize(
    ("path", "payload", "model"),
    [
        ("/api/v1/diary/activations", ACTIVATION, "diary.activation"),
        ("/api/v1/coach/thoughts", THOUGHT, "coach.thoughtrecord"),
    ],
)
def test_the_api_stores_nothing_without_consent(alice, alice_client, path, payload, model):
    from django.apps import apps

    rows = apps.get_model(model).objects
    assert alice_client.post(path, payload, content_type="application/json").status_code == 201
    consent_withdraw(user=alice, purpose=Consent.Purpose.CORE)
    response = alice_client.post(path, payload, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"error": "agree to the privacy notice first (/account/consent/)"}
    assert rows.count() == 1


def test_the_crisis_page_and_the_safety_plan_stay_open_without_consent(alice, alice_without_consent):
    from earnedsecure.core.models import SafetyPlan

    assert alice_without_consent.get("/help/crisis/").status_code == 200
    assert alice_without_consent.get("/help/plan/").status_code == 200
    response = alice_without_consent.post("/help/plan/", {"people_i_can_ask_for_help": "My sister, 0123"})
    assert response.status_code == 302
    assert SafetyPlan.objects.get(owner=alice).people_i_can_ask_for_help == "My sister, 0123"


@pytest.fixture
def newcomer_before_consent(client, db):
    """Someone who has just signed up: step 1 of their first steps, no agreement yet."""
    from tests.accounts.newcomer import sign_up

    assert sign_up(client)["Location"] == "/welcome/"
    return client


def _page_knocks():
    for route, name, _ in ROUTES:
        if not _is_api(route) and name not in WITHOUT_CONSENT and not route.startswith(ACCOUNT_PREFIX):
            for method in PAGE_METHODS:
                yield pytest.param(route, method, id=f"{method} /{route}")


@pytest.mark.parametrize(("route", "method"), list(_page_knocks()))
def test_a_new_person_meets_their_first_step_not_the_app(newcomer_before_consent, route, method):
    """The same door, for a new person: every gated page sends them to step 1 (what this is), keeping where
    they were going, and nothing is stored. No page of the app is a way around the first steps."""
    before = _personal_rows()
    response = _send(newcomer_before_consent, method, concrete(route))
    assert response.status_code == 302, f"{method} /{route} answered {response.status_code} before step 1"
    assert response["Location"].startswith("/welcome/?next=")
    assert _personal_rows() == before
