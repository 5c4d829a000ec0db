"""The demo couple: the demo person and a linked partner with their own login, months of Together between them
(issue 14: "the demo has a linked couple ... so a newcomer sees it working")."""

from django.core.management import call_command
from django.utils import timezone

from earnedsecure.core.demo import DEMO_PARTNER_PASSWORD, DEMO_PARTNER_USERNAME, demo_create, demo_partner
from earnedsecure.partners import selectors
from earnedsecure.partners.models import CheckIn


def test_the_command_prints_the_partners_login_and_they_can_sign_in(db, capsys, client):
    call_command("demo", months=2)
    out = capsys.readouterr().out.splitlines()
    assert out[2:] == [f"partner username: {DEMO_PARTNER_USERNAME}", f"partner password: {DEMO_PARTNER_PASSWORD}"]
    response = client.post("/accounts/login/", {"login": DEMO_PARTNER_USERNAME, "password": DEMO_PARTNER_PASSWORD})
    assert response.status_code == 302


def test_the_demo_couple_has_months_of_together(db):
    now = timezone.now()
    sam = demo_create(months=6, now=now)
    alex = demo_partner()
    assert selectors.link_for(user=sam).partner == alex and selectors.link_for(user=alex).partner == sam
    assert {item.label for item in selectors.partner_view(viewer=alex, now=now).shown} == {
        "How I am",
        "How last week went",
    }

    asked = selectors.reassurance(user=sam, now=now, limit=1000).history
    assert len(asked) >= 30 and sum(1 for item in asked if item.answer) >= 0.9 * len(asked)
    first_half = sum(1 for item in asked if item.asked_on < (now - timezone.timedelta(days=90)).date())
    assert first_half > len(asked) - first_half  # fewer requests as the months pass

    returns = selectors.timeouts(user=sam, now=now)
    assert returns.agreement is not None and returns.of >= 4 and returns.came_back >= 0.75 * returns.of
    assert returns.mine is None and returns.theirs is None  # none open now

    assert CheckIn.objects.filter(owner=sam).count() >= 15
    assert len(selectors.check_ins(user=sam, now=now, limit=100).theirs) >= 12

    pattern = selectors.couple_pattern_for(user=sam)
    assert pattern.chosen and pattern.pattern is not None
    assert selectors.access_days(owner=sam)  # the days Alex was shown what Sam shows


def test_refreshing_the_demo_replaces_the_couple(db):
    demo_create(months=1)
    demo_create(months=1)
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username=DEMO_PARTNER_USERNAME).count() == 1
    assert selectors.link_for(user=demo_partner()) is not None
