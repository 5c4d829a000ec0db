"""One form, one entry (checklist item 79, a retried POST): the forms that create a diary entry, a good moment or
a calming-tool session carry a random token (core/submissions.py); the same form sent again stores nothing more
and leads where the first went. Sent at the same moment from two tabs, it is stored once too (both databases)."""

import json
import re
import threading

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.core import retention
from earnedsecure.core.models import Submission
from earnedsecure.core.submissions import ALREADY_SAVED
from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from tests.assessments.helpers import uniform_answers
from tests.personas import _signed_in_client, make_person
from tests.races import as_installed

GAD_7 = uniform_answers("gad-7", 1)
TOKEN = re.compile(r'name="submission" value="([^"]+)"')
FORMS = {
    "activation": ("/diary/activated/", {"trigger": "unavailable", "intensity": "7", "response": "waited"}, Activation),
    "good moment": ("/diary/good-moments/new/", {"what_happened": "Breakfast in the sun together"}, SavouringEntry),
    "tool": ("/diary/tools/breathing/", {"distress_before": "7", "distress_after": "4"}, ToolSession),
}


def _token(client, url) -> str:
    found = TOKEN.findall(client.get(url).content.decode())
    assert len(found) == 1, "the form carries exactly one token"
    return found[0]


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_the_same_form_sent_twice_is_stored_once_and_leads_where_the_first_went(alice, alice_client, form):
    url, data, model = form
    token = _token(alice_client, url)
    first = alice_client.post(url, {**data, "submission": token})
    assert first.status_code == 302 and model.objects.filter(owner=alice).count() == 1
    again = alice_client.post(url, {**data, "submission": token})  # a retry after a timeout, a second tap
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert model.objects.filter(owner=alice).count() == 1
    assert ALREADY_SAVED in alice_client.get(again["Location"]).content.decode()


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_each_drawing_of_the_form_is_a_new_entry(alice, alice_client, form):
    url, data, model = form
    first, second = _token(alice_client, url), _token(alice_client, url)
    assert first != second
    for token in (first, second):
        assert alice_client.post(url, {**data, "submission": token}).status_code == 302
    assert model.objects.filter(owner=alice).count() == 2


def test_a_form_with_a_mistake_can_be_corrected_and_sent_with_its_token(alice, alice_client):
    token = _token(alice_client, "/diary/activated/")
    wrong = alice_client.post("/diary/activated/", {"trigger": "", "intensity": "12", "submission": token})
    assert wrong.status_code == 200 and not Activation.objects.exists()
    assert not Submission.objects.exists()  # the token was given back
    fixed = alice_client.post("/diary/activated/", {**FORMS["activation"][1], "submission": token})
    assert fixed.status_code == 302 and Activation.objects.filter(owner=alice).count() == 1


def test_one_persons_token_is_not_anothers(alice, alice_client, bob):
    url, data, _ = FORMS["activation"]
    token = _token(alice_client, url)
    alice_client.post(url, {**data, "submission": token})
    _signed_in_client(bob).post(url, {**data, "submission": token})
    assert Activation.objects.filter(owner=alice).count() == Activation.objects.filter(owner=bob).count() == 1


def test_a_form_without_a_token_is_handled_as_before(alice, alice_client):
    url, data, _ = FORMS["activation"]
    alice_client.post(url, data)
    alice_client.post(url, data)
    assert Activation.objects.filter(owner=alice).count() == 2  # the API and old pages: no token, no change


def test_the_tokens_are_forgotten_after_a_day(alice, alice_client):
    url, data, _ = FORMS["activation"]
    alice_client.post(url, {**data, "submission": _token(alice_client, url)})
    assert retention.retention_purge(now=timezone.now())["core.submission"] == 0
    later = timezone.now() + timezone.timedelta(days=retention.SUBMISSION_DAYS, minutes=1)
    assert retention.retention_purge(now=later)["core.submission"] == 1
    assert Activation.objects.filter(owner=alice).count() == 1  # the entry itself stays


@pytest.mark.django_db(transaction=True)
def test_sent_from_two_tabs_at_the_same_moment_it_is_stored_once(tmp_path):
    alice = make_person("alice-two-tabs", first_name="Alice")
    url, data, _ = FORMS["activation"]
    tabs = []
    for _ in range(2):
        tab = Client()
        tab.force_login(alice)
        tabs.append(tab)
    token = _token(tabs[0], url)
    start = threading.Barrier(len(tabs), timeout=30)
    answers, failures = [], []

    def send(tab):
        try:
            start.wait()
            answers.append(tab.post(url, {**data, "submission": token}))
        except BaseException as failure:
            failures.append(failure)
        finally:
            connections.close_all()

    with as_installed(tmp_path):
        threads = [threading.Thread(target=send, args=(tab,)) for tab in tabs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        stored = Activation.objects.using("default").filter(owner=alice)
        assert not failures, failures
        assert [answer.status_code for answer in answers] == [302, 302]
        assert len({answer["Location"] for answer in answers}) == 1  # both tabs lead to the one entry
        assert _stored_in_threads(lambda: stored.count()) == 1


def _stored_in_threads(count):
    """On SQLite the tabs wrote to the installed-like copy, which only another thread's connection reaches."""
    found = []
    thread = threading.Thread(target=lambda: (found.append(count()), connections.close_all()))
    thread.start()
    thread.join(30)
    return found[0]


API = "/api/v1/diary/activations"
# Every POST of the API that stores an entry, with a payload it takes.
API_CREATES = {
    "activation": ("/api/v1/diary/activations", {"trigger": "unavailable", "intensity": 6}, Activation),
    "tool session": ("/api/v1/diary/tool-sessions", {"tool": "breathing_478", "distress_before": 7}, ToolSession),
    "good moment": ("/api/v1/diary/savouring", {"what_happened": "A slow walk"}, SavouringEntry),
    "thought": ("/api/v1/coach/thoughts", {"automatic_thought": "They'll go", "intensity_before": 7}, ThoughtRecord),
    "message": ("/api/v1/coach/messages", {"draft": "Can we talk tonight?"}, MessageDraft),
    "check-in": ("/api/v1/assessments/responses", {"instrument": "gad-7", "answers": GAD_7}, InstrumentResponse),
}


def _api_post(client, payload, key=None, url=API):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


@pytest.mark.parametrize("create", API_CREATES.values(), ids=API_CREATES.keys())
def test_every_api_post_that_stores_keeps_to_one_entry_per_key(alice, alice_client, create):
    url, payload, model = create
    first = _api_post(alice_client, payload, key="one-key", url=url)
    again = _api_post(alice_client, payload, key="one-key", url=url)
    assert (first.status_code, again.status_code) == (201, 200), first.content
    assert first.json()["id"] == again.json()["id"] and model.objects.filter(owner=alice).count() == 1


def test_the_api_answers_a_repeated_idempotency_key_with_the_first_entry(alice, alice_client, bob):
    payload = {"trigger": "unavailable", "intensity": 6}
    first = _api_post(alice_client, payload, key="retry-me-7f3a")
    again = _api_post(alice_client, payload, key="retry-me-7f3a")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Activation.objects.filter(owner=alice).count() == 1
    assert _api_post(alice_client, payload, key="another-key").status_code == 201  # a new key, a new entry
    assert _api_post(alice_client, payload).status_code == 201  # no key: stored each time, as before
    assert Activation.objects.filter(owner=alice).count() == 3
    bobs = _api_post(_signed_in_client(bob), payload, key="retry-me-7f3a")  # keys are each person's own
    assert bobs.status_code == 201 and Activation.objects.get(pk=bobs.json()["id"]).owner == bob


def test_a_refused_api_request_gives_its_key_back(alice, alice_client):
    refused = _api_post(alice_client, {"trigger": "unavailable", "intensity": 12}, key="fix-and-retry")
    assert refused.status_code == 422 and not Submission.objects.exists()
    fixed = _api_post(alice_client, {"trigger": "unavailable", "intensity": 6}, key="fix-and-retry")
    assert fixed.status_code == 201 and Activation.objects.filter(owner=alice).count() == 1
