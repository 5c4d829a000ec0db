"""Schemathesis against the API's own OpenAPI schema: generated requests, valid and invalid, as Alice (with
Charlie's rows in the database), and every check on: no server error, answers that match the schema, bad
input refused with 4xx. Bounded (a few examples per route) so it runs in seconds in the ordinary suite.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from earnedsecure.api import api
from earnedsecure.diary.services import activation_create
from tests.personas import make_person

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
EXAMPLES = 10
# Alice's session is added to each case below, so schemathesis does not make up a session cookie of its own.
schema.config.generation.update(max_examples=EXAMPLES, deterministic=True, with_security_parameters=False)


NOT_CHECKED = [
    # It resends without a session, but the session is set below, not by schemathesis: that every route
    # refuses a stranger is walked in test_api_errors.py.
    ignored_auth,
    # Input the schema allows can still be refused, rightly: an id that is not yours (404), a date in the
    # future or outside 1900-2100 (422). Invalid input must be refused; that stays checked.
    positive_data_acceptance,
]


@pytest.fixture(scope="module")
def app():
    return WSGIHandler()  # the real WSGI application, every middleware included


@contextmanager
def _keeping_the_test_connection():
    """Django closes "old" connections at each request; here that one holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)


@pytest.fixture
def signed_in(alice, client):
    # Charlie's rows are there to be found by id: every one must answer 404 to Alice.
    charlie = make_person("charlie-st")
    activation_create(owner=charlie, trigger="unavailable", intensity=4, thought="charlie's own")
    client.force_login(alice)
    token = _get_new_csrf_string()
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"cookies": {settings.SESSION_COOKIE_NAME: session, "csrftoken": token}, "headers": {"X-CSRFToken": token}}


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_its_schema_and_never_answers_5xx(case, signed_in, app):
    with _keeping_the_test_connection():
        case.cookies = {**(case.cookies or {}), **signed_in["cookies"]}
        case.headers = {**(case.headers or {}), **signed_in["headers"]}
        case.call_and_validate(app=app, excluded_checks=NOT_CHECKED)
