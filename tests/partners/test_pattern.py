"""The couple's pattern (issue 14): shown only while both people chose it, from both people's latest ECR-RS or
ECR-R; either withdraws at once and the other cannot tell withdrawal from "not yet"; never the partner's scores."""

from datetime import timedelta

from django.utils import timezone

from earnedsecure.accounts.models import Consent
from earnedsecure.accounts.services import consent_withdraw
from earnedsecure.partners import services
from earnedsecure.partners.models import PatternConsent
from tests.assessments.helpers import ecr, submit
from tests.partners.helpers import asks_for_the_password, link, without_form_tokens
from tests.personas import PASSWORD, _signed_in_client

URL = "/together/pattern/"
PURSUE_WITHDRAW = "Pursue and withdraw"


def _scores(person, slug, anxiety, avoidance, days_ago=1):
    submit(person, slug, ecr(slug, anxiety, avoidance), timezone.now() - timedelta(days=days_ago))


def _both_chose(alice, bob):
    services.pattern_consent_give(owner=alice, now=timezone.now())
    services.pattern_consent_give(owner=bob, now=timezone.now())


def _page(person) -> str:
    return without_form_tokens(_signed_in_client(person).get(URL).content.decode())


def test_it_works(alice, bob):
    link(alice, bob)
    response = _signed_in_client(alice).get(URL)
    assert response.status_code == 200 and "Nothing to show" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_other_peoples_data(alice, bob, charlie_client):
    link(alice, bob)
    _scores(alice, "ecr-rs", 6, 2)
    _scores(bob, "ecr-rs", 2, 6)
    _both_chose(alice, bob)
    response = charlie_client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/together/"  # not linked: nothing here


def test_with_both_choices_and_scores_both_see_the_pairing_and_neither_sees_scores(alice, bob):
    link(alice, bob)
    _scores(alice, "ecr-rs", 6, 2)
    _scores(bob, "ecr-r", 2, 6)  # the newer of either instrument counts
    _both_chose(alice, bob)
    for person in (alice, bob):
        page = _page(person)
        assert PURSUE_WITHDRAW in page and "not a diagnosis" in page
        for score in ("6.0", "2.0", "6.00", "2.00"):
            assert score not in page


def test_the_newest_of_ecr_rs_and_ecr_r_counts(alice, bob):
    link(alice, bob)
    _scores(alice, "ecr-rs", 6, 2)
    _scores(bob, "ecr-r", 6, 2, days_ago=10)
    _scores(bob, "ecr-rs", 2, 6, days_ago=2)
    _both_chose(alice, bob)
    assert PURSUE_WITHDRAW in _page(alice)


def test_one_choice_is_not_enough(alice, bob):
    link(alice, bob)
    _scores(alice, "ecr-rs", 6, 2)
    _scores(bob, "ecr-rs", 2, 6)
    services.pattern_consent_give(owner=alice, now=timezone.now())
    assert PURSUE_WITHDRAW not in _page(alice) and PURSUE_WITHDRAW not in _page(bob)


def test_the_other_cannot_tell_withdrawal_from_not_yet_or_any_other_reason(alice, bob):
    link(alice, bob)
    _scores(alice, "ecr-rs", 6, 2)
    services.pattern_consent_give(owner=alice, now=timezone.now())
    not_yet = _page(alice)  # Bob has not chosen (and has no check-in)

    services.pattern_consent_give(owner=bob, now=timezone.now())
    assert _page(alice) == not_yet  # Bob chose, but has no check-in
    _scores(bob, "ecr-rs", 2, 6)
    assert PURSUE_WITHDRAW in _page(alice)  # shown, so the comparisons can fail

    services.pattern_consent_withdraw(owner=bob)
    assert _page(alice) == not_yet  # withdrawn reads as never chosen

    services.pattern_consent_give(owner=bob, now=timezone.now())
    consent_withdraw(user=bob, purpose=Consent.Purpose.CORE)
    assert _page(alice) == not_yet  # Bob's notebook closed: the same


def test_unlinking_and_emergency_reset_end_both_choices(alice, bob):
    link(alice, bob)
    _both_chose(alice, bob)
    services.link_end(user=alice)
    assert not PatternConsent.objects.exists()
    link(alice, bob)
    _both_chose(alice, bob)
    services.emergency_reset(user=bob, keep_session_key=None, now=timezone.now())
    assert not PatternConsent.objects.exists()


def test_a_choice_needs_a_link(alice, alice_client):
    alice_client.post(URL, {"choice": "see"})
    assert not PatternConsent.objects.exists()


def test_each_chooses_on_their_own_page(alice, bob):
    link(alice, bob)
    alice_client = _signed_in_client(alice)
    asked = alice_client.post(URL, {"choice": "see"})
    assert asks_for_the_password(asked) and not PatternConsent.objects.exists()  # checklist item 24
    alice_client.post(asked["Location"], {"password": PASSWORD})  # allauth replays the choice
    assert list(PatternConsent.objects.values_list("owner", flat=True)) == [alice.pk]
    stopped = _signed_in_client(alice).post(URL, {"choice": "stop"})  # withdrawing never asks
    assert not asks_for_the_password(stopped) and not PatternConsent.objects.exists()


def test_the_pattern_never_advises_working_on_it_together_where_someone_is_not_safe():
    """Hazard H7: couples therapy is not for a relationship with abuse; the pattern's page says so beside it."""
    from django.template.loader import get_template

    source = get_template("partners/pattern.html").template.source
    assert "couples therapy is not advised then" in source and "anxiety-or-not-safe" in source
