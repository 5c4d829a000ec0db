"""Home names the next check-in by what it asks about, as the check-in list does (issue 13: plain language)."""


def test_it_names_the_next_check_in_in_everyday_words(alice_client):
    page = alice_client.get("/home/").content.decode()
    assert "How you feel in close relationships: ready whenever suits you." in page
    assert "Start this check-in" in page
    assert "The ECR-R is ready" not in page


def test_an_overdue_check_in_is_the_next_step_in_everyday_words(alice_client, alice):
    from datetime import timedelta

    from django.utils import timezone

    from earnedsecure.assessments.services import response_submit
    from tests.assessments.helpers import phq9

    response_submit(user=alice, instrument="phq-9", answers=phq9(1), completed_at=timezone.now() - timedelta(days=90))
    page = alice_client.get("/home/").content.decode()
    assert "Your mood over the last two weeks: a few minutes, and it shows how things are changing." in page
    assert "Take the PHQ-9" not in page


def test_the_comparison_says_typical_rather_than_median():
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from earnedsecure.diary.selectors import ActivationFigures
    from earnedsecure.journey.selectors import comparisons

    now = datetime(2026, 3, 4, 12, tzinfo=UTC)
    figures = ActivationFigures(first_at=now - timedelta(days=60), latest_at=now, total=20, baseline=8)
    rows, _ = comparisons(activations=figures, now=now, zone=ZoneInfo("Europe/London"))
    names = [row.name for row in rows]
    assert "Time to calm down (a typical entry, last 4 weeks)" in names
    assert not any("median" in name for name in names)
