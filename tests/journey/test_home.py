from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from benchmarks._heavy import seed_heavy_person
from django.urls import reverse

from earnedsecure.content.loader import load_lessons
from earnedsecure.diary.models import Activation
from earnedsecure.diary.services import tool_session_record
from earnedsecure.journey.models import PathwayStageReached, Reminder, ReminderPreference
from earnedsecure.journey.services import lesson_mark_read
from tests.history import HISTORY_MONTHS, client_with_history

NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)


def activation(user, when, **extra):
    fields = {"trigger": "unavailable", "intensity": 6, "calm_at": when + timedelta(minutes=30)}
    fields.update(extra)
    return Activation.objects.create(owner=user, occurred_at=when, **fields)


def test_it_requires_login(client):
    response = client.get("/home/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_welcomes_a_new_person_without_numbers(alice_client):
    response = alice_client.get(reverse("home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Once you have a few diary entries" in text
    assert "You are at the start of the path" in text
    assert "Read: What anxious attachment is" in text  # the next step is the first lesson


@time_machine.travel(NOW, tick=False)
def test_it_suggests_closing_the_loop_first(alice, alice_client):
    entry = activation(alice, NOW - timedelta(hours=5))
    response = alice_client.get("/home/")
    assert f"/diary/{entry.pk}/follow-up/" in response.content.decode()
    assert "What actually happened?" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_it_compares_this_week_with_the_start(alice, alice_client):
    for day in range(0, 28, 2):  # 14 in the first four weeks, recovering in 3 hours
        activation(alice, NOW - timedelta(days=120 - day), calm_at=NOW - timedelta(days=120 - day) + timedelta(hours=3))
    for day in range(1, 20, 6):
        when = NOW - timedelta(days=day)
        activation(alice, when, calm_at=when + timedelta(minutes=25), outcome_recorded_at=when + timedelta(hours=4))
    text = alice_client.get("/home/").content.decode()
    assert "3.5 a week" in text
    assert "about 3 hours" in text
    assert "about 25 minutes" in text


@time_machine.travel(NOW, tick=False)
def test_it_never_mentions_streaks_or_points(alice, alice_client):
    seed_some = [activation(alice, NOW - timedelta(days=d)) for d in range(1, 40, 3)]
    assert seed_some
    text = alice_client.get("/home/").content.decode().lower()
    for word in ("streak", "points", "missed", "you failed", "badge", "level up"):
        assert word not in text


@time_machine.travel(NOW, tick=False)
def test_it_keeps_a_stage_once_reached_and_speaks_gently_of_setbacks(alice, alice_client):
    for stage in ("awareness", "experimenting"):  # stages are kept in order: the first is on record too
        PathwayStageReached.objects.create(owner=alice, stage=stage, reached_at=NOW - timedelta(days=30))
    for day in range(35, 56, 7):  # calm weeks before ...
        activation(alice, NOW - timedelta(days=day), calm_at=NOW - timedelta(days=day) + timedelta(minutes=20))
    for day in range(1, 27, 2):  # ... a harder month now
        activation(alice, NOW - timedelta(days=day), calm_at=NOW - timedelta(days=day) + timedelta(hours=4))
    text = alice_client.get("/home/").content.decode()
    assert "You have reached \u201cTrying new responses\u201d" in text
    assert "part of the path" in text
    assert "not a step back" in text


@time_machine.travel(NOW, tick=False)
def test_it_lists_in_app_reminders_and_hides_answered_ones(alice, alice_client):
    ReminderPreference.objects.create(owner=alice, frequency="weekly")
    open_entry = activation(alice, NOW - timedelta(days=1))
    answered = activation(alice, NOW - timedelta(days=2), outcome_recorded_at=NOW - timedelta(days=1))
    Reminder.objects.create(
        owner=alice, kind="close_loop", key="a", due_at=NOW - timedelta(hours=20), activation=open_entry
    )
    Reminder.objects.create(
        owner=alice, kind="close_loop", key="b", due_at=NOW - timedelta(hours=20), activation=answered
    )
    text = alice_client.get("/home/").content.decode()
    assert text.count("What actually happened?") >= 1
    assert f"/diary/{open_entry.pk}/follow-up/" in text
    assert f"/diary/{answered.pk}/follow-up/" not in text


def test_it_hides_other_peoples_data(alice, charlie_client, canary):
    activation(alice, datetime.now(UTC) - timedelta(hours=6), trigger_note=canary)
    Reminder.objects.create(owner=alice, kind="check_in", key="x", due_at=datetime.now(UTC) - timedelta(hours=1))
    ReminderPreference.objects.create(owner=alice)
    text = charlie_client.get("/home/").content.decode()
    assert canary not in text
    assert "follow-up" not in text
    assert "For you today" not in text


@pytest.mark.django_db
def test_it_renders_in_fourteen_queries_for_the_heavy_person(alice, alice_client, django_assert_num_queries):
    now = datetime.now(UTC)
    seed_heavy_person(user=alice, now=now)
    ReminderPreference.objects.create(owner=alice)
    Reminder.objects.create(owner=alice, kind="check_in", key="x", due_at=now - timedelta(hours=1))
    alice_client.get("/home/")  # the first visit warms up the session
    # Session, user, consent; lessons, stages, reminders; activations 2 (one aggregate, the windows' rows);
    # check-ins 4 (the item-9 flags and the screeners' totals for the safety card, two for the due check-ins)
    # and the coach's recent risk levels (the safety card, whose diary entries come with the activations'
    # windows); whether a therapist's homework suggestion is open (care's card: an EXISTS, and a second query
    # only when one is). Nothing of the tools and no ECR-R: home does not measure the path.
    with django_assert_num_queries(14):
        response = alice_client.get("/home/")
    assert response.status_code == 200
    assert "A moment for your notebook" in response.content.decode()


@pytest.mark.django_db
def test_a_tool_as_the_next_step_costs_one_query_more(alice, alice_client, django_assert_num_queries):
    # Every lesson read, nothing to follow up, no check-in overdue: the next step is the tool that helped most,
    # whose figures are read then, and only then.
    for lesson in load_lessons():
        lesson_mark_read(user=alice, slug=lesson.slug)
    for drop in (4, 5, 4, 5, 4, 5):
        tool_session_record(owner=alice, tool="grounding_54321", distress_before=8, distress_after=8 - drop)
    long_ago = datetime.now(UTC) - timedelta(days=40)
    activation(alice, long_ago, outcome_recorded_at=long_ago + timedelta(hours=5))
    alice_client.get("/home/")
    with django_assert_num_queries(15):
        text = alice_client.get("/home/").content.decode()
    assert "Practise 5-4-3-2-1 grounding" in text


@time_machine.travel(NOW, tick=False)
def test_a_new_entry_shows_at_once(alice, alice_client):
    activation(alice, NOW - timedelta(days=40))
    first = alice_client.get("/home/").content.decode()
    assert "1 so far this week" not in first
    activation(alice, NOW - timedelta(hours=1))
    assert "1 so far this week" in alice_client.get("/home/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_14_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/home/")
    # as above, whatever the length of the history.
    with django_assert_num_queries(14):
        assert client.get("/home/").status_code == 200
