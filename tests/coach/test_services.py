import pytest

from earnedsecure.coach import services
from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from tests.coach.helpers import activation


def test_it_saves_a_thought_record_with_what_the_app_suggested(alice):
    record = services.thought_record_create(
        owner=alice,
        automatic_thought="They're obviously pulling away and they will leave me. Everything is ruined.",
        intensity_before=8,
        confirmed_traps=["mind_reading", "mind_reading"],
        rejected_traps=["mind_reading", "labeling"],
        intensity_after=5,
    )
    record.refresh_from_db()
    assert record.automatic_thought.startswith("They're obviously")
    assert record.suggested_traps and {"name", "confidence"} == set(record.suggested_traps[0])
    assert len(record.suggested_traps) <= 3
    assert record.confirmed_traps == ["mind_reading"]
    assert record.rejected_traps == ["labeling"]  # confirming wins over rejecting the same trap
    assert record.eased_by == 3


def test_it_takes_the_trigger_from_the_linked_activation(alice):
    moment = activation(alice, trigger="threat")
    record = services.thought_record_create(
        owner=alice, automatic_thought="x", intensity_before=5, activation=moment, suggested_traps=[]
    )
    assert record.trigger == "threat" and record.activation == moment


def test_it_refuses_someone_elses_activation(alice, charlie):
    with pytest.raises(ValueError, match="someone else"):
        services.thought_record_create(
            owner=alice, automatic_thought="x", intensity_before=5, activation=activation(charlie), suggested_traps=[]
        )
    assert not ThoughtRecord.objects.exists()


def test_it_keeps_the_fine_count_within_the_times_checked(alice):
    record = services.thought_record_create(
        owner=alice,
        automatic_thought="x",
        intensity_before=5,
        suggested_traps=[],
        past_times_checked=2,
        past_times_fine=9,
    )
    assert record.past_times_fine == 2


def test_it_saves_a_draft_with_its_protest_behaviours_and_flags_reassurance(alice):
    message = services.message_draft_create(
        owner=alice, draft="You didn't text me all day - you're obviously pulling away!"
    )
    assert message.protest and message.behaviours[0]["name"]
    asking = services.message_draft_create(owner=alice, draft="Do you still love me? Please tell me you still love me.")
    assert asking.is_reassurance_request


def test_a_plain_kind_message_gets_no_warnings(alice):
    message = services.message_draft_create(owner=alice, draft="Hope your day went well! Want to get takeaway tonight?")
    assert message.behaviours == [] and not message.protest


def test_it_records_the_outcome_later_and_can_undo_it(alice):
    message = services.message_draft_create(owner=alice, draft="See you at seven.", behaviours=[])
    services.message_draft_set_outcome(message=message, outcome="sent_as_is")
    message.refresh_from_db()
    assert message.outcome == "sent_as_is" and message.outcome_recorded_at is not None
    services.message_draft_set_outcome(message=message, outcome="")
    message.refresh_from_db()
    assert message.outcome == "" and message.outcome_recorded_at is None


def test_it_rejects_an_unknown_outcome(alice):
    with pytest.raises(ValueError, match="Unknown outcome"):
        services.message_draft_create(owner=alice, draft="hi", behaviours=[], outcome="shouted")
    assert not MessageDraft.objects.exists()
