"""One form, one entry (checklist item 79, a retried POST): the forms that create a diary entry, a good moment or
a calming-tool session carry a random token (core/submissions.py); the same form sent again stores nothing more
and leads where the first went. Sent at the same moment from two tabs, it is stored once too (both databases)."""

import re
import threading

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from earnedsecure.core import retention
from earnedsecure.core.models import Submission
from earnedsecure.core.submissions import ALREADY_SAVED
from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from tests.personas import _signed_in_client, make_person
from tests.races import as_installed

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
