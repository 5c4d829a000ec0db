import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from earnedsecure.diary.models import Activation
from earnedsecure.journey.models import Reminder, ReminderPreference
from earnedsecure.journey.services import reminder_email, reminders_scan, reminders_scan_person

# A Wednesday, 19:00 in London (18:00 UTC in summer time).
NOW = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)
SENSITIVE = re.compile(
    r"attach|anxi|partner|therap|crisis|relationship|abandon|panic|protest|trigger|activat|diary|mental|"
    r"depress|assessment|questionnaire|ecr|phq|gad|worr|fear|secure",
    re.IGNORECASE,
)


def preference(user, **extra):
    fields = {"frequency": "daily", "in_app": True, "email": False, "review_day": 6, "hour": 18}
    fields.update(extra)
    return ReminderPreference.objects.create(owner=user, **fields)


def kinds(user):
    return sorted(Reminder.objects.filter(owner=user).values_list("kind", flat=True))


@time_machine.travel(NOW, tick=False)
def test_a_daily_scan_makes_one_check_in_a_day_however_often_it_runs(alice):
    preference(alice)
    reminders_scan()
    reminders_scan()
    assert kinds(alice).count("check_in") == 1


@time_machine.travel(NOW, tick=False)
def test_nothing_is_due_before_the_chosen_hour(alice):
    preference(alice, hour=20)
    assert reminders_scan() == 0


@time_machine.travel(NOW, tick=False)
def test_weekly_means_only_the_weekly_look_back_on_the_chosen_day(alice):
    pref = preference(alice, frequency="weekly", review_day=6)
    reminders_scan_person(user=alice, preference=pref, now=NOW)
    assert "check_in" not in kinds(alice)
    sunday = NOW + timedelta(days=4)
    reminders_scan_person(user=alice, preference=pref, now=sunday)
    reminders_scan_person(user=alice, preference=pref, now=sunday + timedelta(hours=2))
    assert kinds(alice).count("weekly_review") == 1


@time_machine.travel(NOW, tick=False)
def test_none_means_no_reminders_at_all(alice):
    preference(alice, frequency="none")
    Activation.objects.create(owner=alice, occurred_at=NOW - timedelta(hours=5), trigger="threat", intensity=6)
    reminders_scan()
    assert kinds(alice) == []


@time_machine.travel(NOW, tick=False)
def test_it_asks_what_happened_once_per_entry_and_at_most_once_a_day(alice):
    preference(alice, frequency="weekly")
    first = Activation.objects.create(owner=alice, occurred_at=NOW - timedelta(hours=5), trigger="threat", intensity=6)
    Activation.objects.create(owner=alice, occurred_at=NOW - timedelta(hours=8), trigger="threat", intensity=6)
    Activation.objects.create(owner=alice, occurred_at=NOW - timedelta(hours=1), trigger="threat", intensity=6)
    reminders_scan()
    reminders_scan()
    loops = Reminder.objects.filter(owner=alice, kind="close_loop")
    assert [r.activation_id for r in loops] == [first.pk]


def test_the_next_day_it_asks_about_an_entry_it_has_not_asked_about_yet(alice):
    preference(alice, frequency="weekly")
    with time_machine.travel(NOW, tick=False):
        first = Activation.objects.create(
            owner=alice, occurred_at=NOW - timedelta(hours=5), trigger="threat", intensity=6
        )
        second = Activation.objects.create(
            owner=alice, occurred_at=NOW - timedelta(hours=8), trigger="threat", intensity=6
        )
        reminders_scan()
    with time_machine.travel(NOW + timedelta(days=1, hours=1), tick=False):
        reminders_scan()
    loops = Reminder.objects.filter(owner=alice, kind="close_loop").order_by("created_at")
    assert [r.activation_id for r in loops] == [first.pk, second.pk]


@time_machine.travel(NOW, tick=False)
def test_a_due_check_in_becomes_a_reminder_and_is_put_away_once_taken(alice):
    from earnedsecure.assessments.models import InstrumentResponse

    preference(alice, frequency="weekly")
    reminders_scan()
    due = Reminder.objects.filter(owner=alice, kind="assessment_due")
    assert {r.instrument for r in due} >= {"ecr-r"}
    InstrumentResponse.objects.create(
        owner=alice,
        instrument="ecr-r",
        instrument_version="1",
        status="complete",
        started_at=NOW,
        completed_at=NOW,
        anxiety=4.0,
        avoidance=2.0,
    )
    reminders_scan()
    assert Reminder.objects.get(owner=alice, instrument="ecr-r").dismissed_at is not None


@pytest.mark.parametrize("kind", [k for k, _ in Reminder.Kind.choices])
def test_the_email_is_discreet(kind, settings):
    settings.NEUTRAL_NAME = "Notebook"
    subject, body = reminder_email(Reminder(kind=kind))
    assert subject == "Notebook: a gentle reminder"
    assert not SENSITIVE.search(subject)
    assert not SENSITIVE.search(body.replace("/account/reminders/", "/"))
    assert "/home/" in body


# The worker closes stale database connections between tasks, as a long-running process must; that needs
# real transactions rather than the test-wrapping one (PostgreSQL would lose the connection mid-test).
@pytest.mark.django_db(transaction=True)
@time_machine.travel(NOW, tick=False)
def test_emails_go_only_to_people_who_turned_them_on(alice, bob):
    preference(alice, email=True)
    preference(bob, email=False)
    call_command("worker", "--once")
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert Reminder.objects.get(owner=alice, kind="check_in").sent_email_at is not None
    call_command("worker", "--once")  # nothing new, nothing sent twice
    assert len(mail.outbox) == 1


def test_the_settings_live_in_the_account_and_the_old_address_leads_there(alice_client):
    old = alice_client.get("/learn/reminders/")
    assert (old.status_code, old["Location"]) == (301, "/account/reminders/")
    html = alice_client.get("/account/reminders/").content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'aria-current="page">([^<]+)<', nav) == ["Account"]
    _, body = reminder_email(Reminder(kind="check_in"))
    assert "/account/reminders/" in body and "/learn/" not in body


def test_it_requires_login(client):
    assert client.get("/account/reminders/").status_code == 302


def test_the_person_chooses_how_often(alice, alice_client):
    response = alice_client.get("/account/reminders/")
    assert response.status_code == 200
    response = alice_client.post(
        "/account/reminders/", {"frequency": "daily", "review_day": "2", "hour": "8", "in_app": "on", "email": "on"}
    )
    assert response.status_code == 302
    saved = ReminderPreference.objects.get(owner=alice)
    assert (saved.frequency, saved.review_day, saved.hour, saved.in_app, saved.email) == ("daily", 2, 8, True, True)


def test_bad_input_is_explained_and_kept(alice, alice_client):
    alice.email = ""
    alice.save()
    response = alice_client.post(
        "/account/reminders/", {"frequency": "hourly", "review_day": "2", "hour": "8", "email": "on"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Select a valid choice" in text
    assert "Add an email address" in text
    assert not ReminderPreference.objects.filter(owner=alice).exists()


def test_it_hides_other_peoples_data(alice, charlie_client):
    reminder = Reminder.objects.create(owner=alice, kind="check_in", key="k", due_at=datetime.now(UTC))
    assert charlie_client.post(f"/learn/reminders/{reminder.pk}/dismiss/").status_code == 404
    reminder.refresh_from_db()
    assert reminder.dismissed_at is None


def test_dismissing_puts_a_reminder_away(alice, alice_client):
    preference(alice)
    reminder = Reminder.objects.create(owner=alice, kind="check_in", key="k", due_at=datetime.now(UTC))
    assert "A moment for your notebook" in alice_client.get("/home/").content.decode()
    response = alice_client.post(f"/learn/reminders/{reminder.pk}/dismiss/", {"next": "/home/"})
    assert response["Location"] == "/home/"
    assert "A moment for your notebook" not in alice_client.get("/home/").content.decode()
