from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.diary.services import (
    activation_create,
    activation_follow_up,
    activation_update,
    savouring_create,
    tool_session_record,
)

NOW = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)


def test_it_saves_an_activation_with_encrypted_text(alice, canary):
    activation = activation_create(
        owner=alice,
        trigger="unavailable",
        intensity=7,
        thought=f"He's pulling away {canary}",
        urges=["withdrawal", "excessive_contact", "excessive_contact"],
        response="waited",
        now=NOW,
    )
    activation.refresh_from_db()
    assert activation.occurred_at == NOW
    assert activation.urges == ["excessive_contact", "withdrawal"]
    assert activation.thought.endswith(canary)
    with connection.cursor() as cursor:
        cursor.execute("SELECT thought FROM diary_activation WHERE id = %s", [activation.pk])
        assert canary not in cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"intensity": 11}, "intensity"),
        ({"trigger": "moon"}, "trigger"),
        ({"urges": ["sulking"]}, "urges"),
        ({"response": "direct", "protest_result": "worked"}, "protest_result"),
        ({"calm_at": NOW - timedelta(hours=2)}, "calm_at"),
        ({"occurred_at": NOW + timedelta(days=1)}, "occurred_at"),
        ({"thought": "x" * 5001}, "thought"),
    ],
)
def test_it_names_the_bad_field_and_saves_nothing(alice, changes, field):
    arguments = {"owner": alice, "trigger": "threat", "intensity": 5, "occurred_at": NOW - timedelta(hours=1)}
    with pytest.raises(ValidationError) as error:
        activation_create(**{**arguments, **changes}, now=NOW)
    assert field in error.value.message_dict
    assert not Activation.objects.exists()


def test_follow_up_records_the_outcome_and_recovery(alice):
    activation = activation_create(
        owner=alice, trigger="threat", intensity=8, response="protest", occurred_at=NOW - timedelta(hours=5), now=NOW
    )
    activation_follow_up(
        activation=activation,
        outcome="He was in a meeting and called at lunch.",
        calm_at=NOW - timedelta(hours=3),
        protest_result="backfired",
        now=NOW,
    )
    activation.refresh_from_db()
    assert activation.recovery_minutes == 120
    assert activation.protest_result == "backfired"
    assert activation.outcome_recorded_at == NOW
    assert activation.outcome.startswith("He was in a meeting")


def test_follow_up_refuses_a_protest_result_when_there_was_no_protest(alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=8, response="direct", now=NOW)
    with pytest.raises(ValidationError, match="protest_result"):
        activation_follow_up(activation=activation, outcome="ok", calm_at=None, protest_result="worked", now=NOW)
    activation.refresh_from_db()
    assert activation.outcome == ""


def test_update_keeps_untouched_fields(alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=8, thought="first", now=NOW)
    activation_update(activation=activation, intensity=3, now=NOW)
    activation.refresh_from_db()
    assert (activation.intensity, activation.thought) == (3, "first")
    with pytest.raises(TypeError):
        activation_update(activation=activation, owner=alice)


def test_tool_sessions_keep_distress_before_and_after(alice, charlie):
    session = tool_session_record(owner=alice, tool="breathing_478", distress_before=8, distress_after=4, now=NOW)
    assert (session.distress_before, session.distress_after, session.started_at) == (8, 4, NOW)
    with pytest.raises(ValidationError) as error:
        tool_session_record(owner=alice, tool="breathing_478", distress_before=12)
    assert "distress_before" in error.value.message_dict
    theirs = activation_create(owner=charlie, trigger="threat", intensity=3)
    with pytest.raises(ValidationError, match="activation"):
        tool_session_record(owner=alice, tool="urge_surfing", distress_before=5, activation=theirs)
    assert ToolSession.objects.count() == 1


def test_savouring_needs_words(alice):
    with pytest.raises(ValidationError, match="what_happened"):
        savouring_create(owner=alice, what_happened="  ")
    entry = savouring_create(owner=alice, what_happened="Breakfast in the garden", feeling_minutes=90, now=NOW)
    assert SavouringEntry.objects.get().pk == entry.pk
