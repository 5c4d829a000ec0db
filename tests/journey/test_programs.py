from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.journey.models import ProgramEnrolment
from earnedsecure.journey.selectors import program_week

START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def enrolment(**extra):
    return ProgramEnrolment(program_slug="cbt-10-week", started_at=START, **extra)


def test_this_week_counts_weeks_since_the_start_minus_paused_time():
    assert program_week(enrolment=enrolment(), weeks=10, now=START) == (1, False)
    assert program_week(enrolment=enrolment(), weeks=10, now=START + timedelta(days=6, hours=23)) == (1, False)
    assert program_week(enrolment=enrolment(), weeks=10, now=START + timedelta(days=7)) == (2, False)
    paused = enrolment(paused_total=timedelta(days=14))
    assert program_week(enrolment=paused, weeks=10, now=START + timedelta(days=21)) == (2, False)
    on_pause = enrolment(paused_at=START + timedelta(days=8))
    assert program_week(enrolment=on_pause, weeks=10, now=START + timedelta(days=60)) == (2, False)
    assert program_week(enrolment=enrolment(), weeks=10, now=START + timedelta(days=75)) == (10, True)


def test_it_requires_login(client):
    assert client.get("/learn/programs/cbt-10-week/").status_code == 302


def test_enrol_pause_resume_and_leave(alice, alice_client):
    url = "/learn/programs/self-compassion-6-week/"
    text = alice_client.get(url).content.decode()
    assert "Start week 1" in text
    with time_machine.travel(START, tick=False):
        alice_client.post(url, {"action": "enrol"})
    with time_machine.travel(START + timedelta(days=8), tick=False):
        text = alice_client.get(url).content.decode()
        assert "This week: week 2 of 6" in text
        assert "Finding calm in the body" in text
        assert "/learn/calming-your-body/" in text
        assert 'href="/diary/tools/breathing/"' in text
        alice_client.post(url, {"action": "pause"})
    with time_machine.travel(START + timedelta(days=40), tick=False):
        assert "Paused in week 2" in alice_client.get(url).content.decode()
        alice_client.post(url, {"action": "resume"})
    with time_machine.travel(START + timedelta(days=47), tick=False):
        assert "This week: week 3 of 6" in alice_client.get(url).content.decode()
        assert "Week 3 of 6" in alice_client.get("/learn/").content.decode()
        alice_client.post(url, {"action": "leave"})
    assert not ProgramEnrolment.objects.filter(owner=alice).exists()


def test_a_finished_program_says_so_kindly(alice, alice_client):
    ProgramEnrolment.objects.create(owner=alice, program_slug="cbt-10-week", started_at=START)
    with time_machine.travel(START + timedelta(weeks=20), tick=False):
        text = alice_client.get("/learn/programs/cbt-10-week/").content.decode()
    assert "You finished all 10 weeks" in text
    assert "beginning, not a finish line" in text


def test_it_hides_other_peoples_data(alice, charlie, charlie_client):
    ProgramEnrolment.objects.create(owner=alice, program_slug="cbt-10-week", started_at=START)
    assert "Start week 1" in charlie_client.get("/learn/programs/cbt-10-week/").content.decode()
    assert charlie_client.post("/learn/programs/cbt-10-week/", {"action": "pause"}).status_code == 404
    assert ProgramEnrolment.objects.get(owner=alice).paused_at is None


def test_an_unknown_program_is_not_found(alice_client):
    assert alice_client.get("/learn/programs/nothing/").status_code == 404
