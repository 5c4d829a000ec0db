from datetime import UTC, datetime, timedelta

import pytest

from earnedsecure.assessments.selectors import (
    DueAssessment,
    due_assessments,
    ecr_r_anxiety_change,
    latest_result,
    score_series,
)
from earnedsecure.assessments.services import assumption_set, response_start, schedule_set

from .helpers import ecr, phq9, submit, uniform_answers

T0 = datetime(2026, 1, 1, 20, 0, tzinfo=UTC)


def test_score_series_is_oldest_first_and_only_the_owners_completed_results(alice, charlie):
    submit(alice, "ecr-r", ecr("ecr-r", 6, 3), T0 + timedelta(days=90))
    submit(alice, "ecr-r", ecr("ecr-r", 7, 2), T0)
    submit(charlie, "ecr-r", ecr("ecr-r", 1, 1), T0 + timedelta(days=10))
    response_start(user=alice, instrument="ecr-r")
    assert score_series(user=alice, instrument="ecr-r", subscale="anxiety") == [
        (T0, 7.0),
        (T0 + timedelta(days=90), 6.0),
    ]
    assert score_series(user=alice, instrument="ecr-r", subscale="avoidance") == [
        (T0, 2.0),
        (T0 + timedelta(days=90), 3.0),
    ]


def test_score_series_takes_totals_and_refuses_unknown_subscales(alice):
    submit(alice, "phq-9", phq9(11), T0)
    assert score_series(user=alice, instrument="phq-9", subscale="total") == [(T0, 11.0)]
    with pytest.raises(KeyError):
        score_series(user=alice, instrument="phq-9", subscale="anxiety")


def test_it_answers_in_one_query_whatever_the_history(alice, django_assert_num_queries):
    for week in range(30):
        submit(alice, "gad-7", uniform_answers("gad-7", 1), T0 + timedelta(weeks=week))
    with django_assert_num_queries(1):
        assert len(score_series(user=alice, instrument="gad-7", subscale="total")) == 30
    with django_assert_num_queries(1):
        assert latest_result(user=alice, instrument="gad-7").completed_at == T0 + timedelta(weeks=29)


def test_latest_result_is_none_without_history_and_never_anothers(alice, charlie):
    submit(charlie, "gad-7", uniform_answers("gad-7", 1), T0)
    assert latest_result(user=alice, instrument="gad-7") is None


def test_of_the_never_taken_check_ins_one_a_day_is_due_now(alice):
    now = T0
    due = due_assessments(user=alice, now=now)
    assert due == [DueAssessment("ecr-r", "ECR-R", now, False, title="How you feel in close relationships")]
    # Right after it, nothing new that day; the next one the next day, in the introduction order.
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), now)
    assert due_assessments(user=alice, now=now + timedelta(hours=1)) == []
    assert [d.slug for d in due_assessments(user=alice, now=now + timedelta(days=1))] == ["phq-9"]


def test_asking_for_another_makes_it_due_at_once(alice):
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), T0)
    response_start(user=alice, instrument="ecr-rs")
    assert [d.slug for d in due_assessments(user=alice, now=T0 + timedelta(hours=1))] == ["ecr-rs"]


def test_due_dates_follow_the_last_completion_and_the_persons_schedule(alice, django_assert_max_num_queries):
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), T0)
    submit(alice, "phq-9", phq9(5), T0)
    submit(alice, "gad-7", uniform_answers("gad-7", 0), T0)
    submit(alice, "ecr-rs", ecr("ecr-rs", 5, 3), T0 + timedelta(days=10))
    schedule_set(user=alice, instrument="gad-7", every_days=0)
    now = T0 + timedelta(days=20)
    with django_assert_max_num_queries(2):
        due = due_assessments(user=alice, now=now)
    # PHQ-9 was due on day 14 (overdue after 3 days); ECR-RS due on day 24; ECR-R in 3 months; GAD-7 off.
    assert due == [
        DueAssessment(
            "phq-9", "PHQ-9", T0 + timedelta(days=14), overdue=True, title="Your mood over the last two weeks"
        )
    ]


def test_a_switched_off_instrument_is_never_due(alice, settings):
    settings.DISABLED_INSTRUMENTS = ["ecr-r", "ecr-rs"]
    assert [d.slug for d in due_assessments(user=alice, now=T0)] == ["phq-9"]


def test_ecr_r_anxiety_change_needs_two_results(alice):
    assert ecr_r_anxiety_change(user=alice) is None
    submit(alice, "ecr-r", ecr("ecr-r", 6, 3), T0)
    assert ecr_r_anxiety_change(user=alice) is None


def test_ecr_r_anxiety_change_compares_first_and_latest(alice, django_assert_max_num_queries):
    submit(alice, "ecr-r", ecr("ecr-r", 6, 3), T0)
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), T0 + timedelta(days=91))
    submit(alice, "ecr-r", ecr("ecr-r", 4, 3), T0 + timedelta(days=182))
    with django_assert_max_num_queries(3):
        change = ecr_r_anxiety_change(user=alice)
    assert (change.before, change.after, change.word) == (6.0, 4.0, "improved")
    assert "1.1" in change.assumptions_text and "0.85" in change.assumptions_text


def test_ecr_r_anxiety_change_uses_the_persons_assumptions(alice):
    submit(alice, "ecr-r", ecr("ecr-r", 6, 3), T0)
    submit(alice, "ecr-r", ecr("ecr-r", 5, 3), T0 + timedelta(days=91))
    # With the default (SD 1.1, r .85) a 1-point fall is within noise (needs about 1.18).
    assert ecr_r_anxiety_change(user=alice).word == "no reliable change"
    assumption_set(user=alice, instrument="ecr-r", sd=1.0, reliability=0.95)
    change = ecr_r_anxiety_change(user=alice)
    assert change.word == "improved"
    assert "your own setting" in change.assumptions_text
    assert "recovered" not in change.word


def test_someone_elses_check_ins_never_pace_mine(alice, charlie):
    submit(charlie, "ecr-r", ecr("ecr-r", 5, 3), T0)
    response_start(user=charlie, instrument="phq-9")
    assert [d.slug for d in due_assessments(user=alice, now=T0 + timedelta(hours=1))] == ["ecr-r"]
    assert due_assessments(user=charlie, now=T0 + timedelta(hours=1))[0].slug == "phq-9"
