"""Checklist item 61 (its sensitive_post_parameters part): whatever a form carries (a password, a diary entry, a
thought, a check-in answer), an error report of that request shows none of the values."""

import pytest
from django.views.debug import SafeExceptionReporterFilter

CANARY = "CANARY-post-9Z"
FORMS = [
    ("/accounts/login/", {"login": "alice", "password": CANARY}),
    ("/accounts/signup/", {"username": "someone", "password1": CANARY, "password2": CANARY}),
    ("/diary/good-moments/new/", {"what_happened": CANARY}),
    ("/think/thoughts/new/", {"automatic_thought": CANARY, "intensity_before": "7"}),
    ("/check-ins/phq-9/", {"item9": CANARY}),
]


@pytest.mark.parametrize(("address", "data"), FORMS)
def test_an_error_report_shows_no_posted_value(alice_client, address, data):
    request = alice_client.post(address, data).wsgi_request
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleaned and all(CANARY not in str(value) for value in cleaned.values()), cleaned
