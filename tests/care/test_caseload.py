"""The caseload: figures as each grant allows, who may need attention first, a few queries whatever its size."""

import pytest
from django.test import Client
from django.utils import timezone

from earnedsecure.care import selectors
from earnedsecure.care.models import Category
from tests.care.conftest import grant
from tests.care.data import DIARY_WORDS, history
from tests.personas import make_person

# Measured: 18 for one client and for five (session, user, consent, therapist, authenticator, grants, the
# readers, the log's lock, chain heads and insert, the visit times, and the page's own).
QUERIES = 18


def _people(count, therapist):
    people = []
    for index in range(count):
        person = make_person(f"client{index}", first_name=f"Client{index}")
        history(person, worse=index % 2 == 1, item9=1 if index == 3 else 0)
        grant(person, therapist)
        people.append(person)
    return people


def test_it_shows_the_figures(alice, theo_totp, theo_client):
    history(alice, worse=True)
    grant(alice, theo_totp)
    page = theo_client.get("/clinician/").content.decode()
    assert "Alice" in page
    assert "worse" in page  # PHQ-9 from 2 to 10: reliably worse by the fixed rule
    assert "3 (about 0.4 a week)" in page
    assert "1 protest, 2 direct" in page
    assert "4-7-8" in page  # what helped most
    assert "Noticing the pattern" in page
    assert DIARY_WORDS not in page


def test_it_puts_an_alert_first_then_worsening(theo_totp, theo_client, db):
    people = _people(4, theo_totp)  # 0 steady, 1 worse, 2 steady, 3 item-9 alert
    names = [c.name for c in selectors.caseload(therapist=theo_totp, now=timezone.now())]
    assert names == ["Client3", "Client1", "Client0", "Client2"]
    page = theo_client.get("/clinician/").content.decode()
    assert page.index("Client3") < page.index("Client1") < page.index("Client0")
    assert people


def test_alerts_only_with_the_safety_category(alice, theo_totp, theo_client):
    history(alice, item9=2)
    grant(alice, theo_totp, categories=[Category.CHECK_INS, Category.ACTIVATION, Category.PATHWAY])
    client = selectors.caseload(therapist=theo_totp, now=timezone.now())[0]
    assert client.alerts is None
    assert "Safety alert" not in theo_client.get("/clinician/").content.decode()


def test_alerts_with_the_safety_category_and_new_since_the_last_visit(alice, theo_totp, theo_client):
    history(alice, item9=2)
    grant(alice, theo_totp, categories=[Category.SAFETY])
    page = theo_client.get("/clinician/").content.decode()
    assert "Safety alert" in page and "1 since your last visit" in page
    again = theo_client.get("/clinician/").content.decode()
    assert "Safety alert" in again and "since your last visit" not in again


def test_it_reads_only_what_is_granted(alice, theo_totp):
    history(alice, worse=True)
    grant(alice, theo_totp, categories=[Category.PATHWAY])
    client = selectors.caseload(therapist=theo_totp, now=timezone.now())[0]
    assert (client.measures, client.activation, client.alerts) == (None, None, None)
    assert client.stage == "Noticing the pattern"


@pytest.mark.parametrize("size", [1, 5])
def test_it_costs_the_same_queries_whatever_its_size(size, theo_totp, theo, django_assert_num_queries, db):
    _people(size, theo_totp)
    client = Client()
    client.force_login(theo)
    client.get("/clinician/")  # the session's first request settles its own bookkeeping
    with django_assert_num_queries(QUERIES):
        assert client.get("/clinician/").status_code == 200


def test_a_recorded_top_stage_is_not_shown_as_if_it_held_today(alice, theo_totp):
    """The top stage is judged afresh on the person's own page; a recorded one may have lapsed."""
    from earnedsecure.journey.services import pathway_record_reached

    pathway_record_reached(user=alice, stages=["awareness", "experimenting", "automatic", "secure"])
    grant(alice, theo_totp, categories=[Category.PATHWAY])
    client = selectors.caseload(therapist=theo_totp, now=timezone.now())[0]
    assert client.stage == "New habits taking hold"
