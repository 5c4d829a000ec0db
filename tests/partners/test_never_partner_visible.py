"""Hard exclusions (checklist items 36, 37, 40): with every category shown and every kind of data seeded, the
partner receives none of the person's diary, thoughts, drafts, answers, scores, crisis events, safety plan or
sign-in activity, on any page or API route they can reach; only the app's own sentences."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from earnedsecure.assessments.models import InstrumentResponse, SafetyFlag
from earnedsecure.diary.services import activation_create
from earnedsecure.domain.progress.pathway import STAGE_TEXT
from earnedsecure.domain.together.sharing import STATUS_TEXT, WEEK_BAND_TEXT, Category, Status
from earnedsecure.partners import selectors, services
from tests.assessments.helpers import phq9, submit
from tests.core.forensics import mark_everything
from tests.partners.helpers import CSRF, link, page_bytes, partner_section
from tests.routes import walk

MARKER = "PARTNER-MUST-NEVER-SEE-7d1"
SIGNS_OUT = re.compile(r"^/(quick-exit/|accounts/logout/)")

# Every sentence a partner can be shown: the app's own words, nothing a person typed or a number of theirs.
ALLOWED_TEXTS = (
    set(STATUS_TEXT.values())
    | set(WEEK_BAND_TEXT.values())
    | {title for title, _, _ in STAGE_TEXT.values()}
    | {"No status chosen.", "Not enough in the diary last week to say.", "Getting started."}
)


@pytest.fixture
def person_with_everything(alice):
    """Alice with a marker in every text field of every app (diary, thoughts, drafts, good moments, tools, check-in
    answers, safety plan, kept forms...), a PHQ-9 with item 9 answered, an entry with words about danger, and a
    refused sign-in in her security log."""
    mark_everything(alice, MARKER)
    # The marked check-in and item-9 flag hold a word where numbers go, which no page can score: real ones instead.
    InstrumentResponse.objects.filter(owner=alice).delete()
    SafetyFlag.objects.filter(owner=alice).delete()
    submit(alice, "phq-9", phq9(total_without_item9=14, item9=2), timezone.now() - timedelta(days=2))
    activation_create(owner=alice, trigger="unavailable", intensity=9, thought=f"I want to die {MARKER}")
    Client().post("/accounts/login/", {"login": "alice", "password": "wrong"})  # a refused sign-in
    return alice


def _everything_the_partner_receives(partner) -> dict[str, bytes]:
    """Every page and API read the partner can reach (the URL conf walked, links followed), by address."""
    received = {}

    def visit(path):
        response = partner.get(path)
        received[path] = CSRF.sub(rb"\1", response.content)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            return re.findall(r'href="(/[^"#?]*)', response.content.decode())
        return []

    walk(visit, skip=SIGNS_OUT.match)
    return received


def test_the_partner_receives_none_of_it_with_everything_shown(person_with_everything, bob):
    person = person_with_everything
    link(person, bob)
    services.status_choose(owner=person, status=Status.REASSURANCE, now=timezone.now())
    partner = Client()
    partner.force_login(bob)
    nothing_shown = _everything_the_partner_receives(partner)
    services.categories_choose(owner=person, categories=set(Category))
    everything_shown = _everything_the_partner_receives(partner)

    assert "/together/" in everything_shown and len(everything_shown) > 40  # the walk reached many pages
    assert [path for path, body in everything_shown.items() if MARKER.encode() in body] == []
    # Showing every category changes the partner's Together page and nothing else they can reach.
    changed = [path for path in everything_shown if everything_shown[path] != nothing_shown.get(path)]
    assert changed == ["/together/"]
    shown = selectors.partner_view(viewer=bob, now=timezone.now()).shown
    assert [item.category for item in shown] == list(Category)  # all shown: the comparisons can fail
    assert {item.text for item in shown} <= ALLOWED_TEXTS
    section = partner_section(everything_shown["/together/"].decode())
    assert re.findall(r"<dd>(.*?)</dd>", section) == [item.text.replace("'", "&#x27;") for item in shown]


def test_a_crisis_entry_or_check_in_today_changes_nothing_the_partner_sees(alice, bob):
    """Item 40, and item 37's "invariant to when during the day": the partner's page is the same before and
    after the person writes an entry about danger and answers item 9 today."""
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    partner = Client()
    partner.force_login(bob)
    before = page_bytes(partner.get("/together/"))
    activation_create(owner=alice, trigger="unavailable", intensity=10, thought="I can't go on")
    submit(alice, "phq-9", phq9(total_without_item9=20, item9=3), timezone.now())
    assert page_bytes(partner.get("/together/")) == before


def test_only_the_three_categories_can_be_chosen(alice, bob, alice_client):
    link(alice, bob)
    for kind in ("diary", "thoughts", "drafts", "answers", "phq-9", "crisis", "safety-plan", "sessions"):
        response = alice_client.post("/together/choose/", {"categories": [kind]})
        assert response.status_code == 400
    assert selectors.shared_categories(owner=alice) == []
