from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.diary.models import Activation, ToolSession
from earnedsecure.journey.models import PathwayStageReached

NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)


def ecr_r(user, when, anxiety):
    from earnedsecure.assessments.models import InstrumentResponse

    return InstrumentResponse.objects.create(
        owner=user,
        instrument="ecr-r",
        instrument_version="1",
        status="complete",
        started_at=when,
        completed_at=when,
        anxiety=anxiety,
        avoidance=2.5,
    )


def test_it_requires_login(client):
    assert client.get("/learn/pathway/").status_code == 302


def test_it_shows_four_stages_and_the_persons_own_values(alice_client):
    text = alice_client.get("/learn/pathway/").content.decode()
    for title in (
        "Noticing the pattern",
        "Trying new responses",
        "New habits taking hold",
        "Security most of the time",
    ):
        assert title in text
    assert "0 so far" in text
    assert "nothing here is a test you can fail" in text


@time_machine.travel(NOW, tick=False)
def test_reaching_a_stage_is_recorded_and_kept(alice, alice_client):
    for day in range(6):
        when = NOW - timedelta(days=10 + day)
        Activation.objects.create(owner=alice, occurred_at=when, trigger="threat", intensity=7, response="soothing")
    ecr_r(alice, NOW - timedelta(days=20), 5.5)
    text = alice_client.get("/learn/pathway/").content.decode()
    assert "you are here" in text
    assert list(PathwayStageReached.objects.filter(owner=alice).values_list("stage", flat=True)) == ["awareness"]
    for _ in range(10):
        ToolSession.objects.create(
            owner=alice, tool="breathing_478", started_at=NOW - timedelta(days=3), distress_before=6
        )
    alice_client.get("/home/")
    stages = set(PathwayStageReached.objects.filter(owner=alice).values_list("stage", flat=True))
    assert stages == {"awareness", "experimenting"}
    # Everything deleted: the stages reached stay reached.
    Activation.objects.filter(owner=alice).delete()
    assert "You have reached \u201cTrying new responses\u201d" in alice_client.get("/home/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_reliable_improvement_that_holds_counts_for_the_last_stage(alice, alice_client):
    for months, anxiety in ((12, 5.8), (6, 4.9), (3, 3.9), (0, 3.6)):
        ecr_r(alice, NOW - timedelta(days=30 * months + 1), anxiety)
    text = alice_client.get("/learn/pathway/").content.decode()
    assert "You: improved" in text


def test_it_hides_other_peoples_data(alice, charlie_client):
    PathwayStageReached.objects.create(owner=alice, stage="automatic", reached_at=NOW)
    text = charlie_client.get("/learn/pathway/").content.decode()
    assert "you are here" not in text
    assert "Reached" not in text
