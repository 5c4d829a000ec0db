"""Properties that must hold for every instrument and every answer set (hypothesis)."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from earnedsecure.domain.instruments import (
    InvalidAnswers,
    ScoringRule,
    get_instrument,
    parse_answers,
    score,
    score_in_published_order,
)

from .strategies import answers_for, instrument_and_answers, instruments

PHQ_9 = get_instrument("phq-9")


@given(instrument_and_answers())
def test_scores_stay_in_range(case):
    instrument, answers = case
    result = score(instrument, answers)
    for subscale in result.subscales:
        low, high = instrument.subscale_range(subscale.key)
        assert low <= subscale.value <= high
        assert (subscale.minimum, subscale.maximum) == (low, high)
    if result.total is not None:
        assert result.band is not None and result.band.low <= result.total <= result.band.high


@given(instruments, st.data())
def test_reverse_keying_is_an_involution(instrument, data):
    item = data.draw(st.sampled_from(instrument.items))
    value = data.draw(st.integers(instrument.min_value, instrument.max_value))
    keyed = instrument.recode(item, value)
    assert instrument.min_value <= keyed <= instrument.max_value
    assert instrument.recode(item, keyed) == value
    assert (keyed == value) is (not item.reverse or 2 * value == instrument.min_value + instrument.max_value)


@given(instrument_and_answers())
def test_mirroring_every_answer_mirrors_every_score(case):
    instrument, answers = case
    mirrored = {k: instrument.min_value + instrument.max_value - v for k, v in answers.items()}
    original, flipped = score(instrument, answers), score(instrument, mirrored)
    for subscale in original.subscales:
        low, high = instrument.subscale_range(subscale.key)
        assert flipped.subscale(subscale.key).exact == int(low + high) - subscale.exact


@given(instrument_and_answers(), st.data())
def test_one_step_up_moves_the_keyed_sum_by_the_item_keying(case, data):
    instrument, answers = case
    raisable = [item for item in instrument.items if answers[item.id] < instrument.max_value]
    assume(raisable)
    item = data.draw(st.sampled_from(raisable))
    before = score(instrument, answers).subscale(item.subscale).keyed_sum
    after = score(instrument, {**answers, item.id: answers[item.id] + 1}).subscale(item.subscale).keyed_sum
    assert after - before == (-1 if item.reverse else 1)


@given(instrument_and_answers(), st.randoms(use_true_random=False))
def test_the_order_answers_arrive_in_never_changes_the_score(case, random):
    instrument, answers = case
    keys = list(answers)
    random.shuffle(keys)
    shuffled = {key: answers[key] for key in keys}
    assert score(instrument, shuffled) == score(instrument, answers)
    published = [answers[item.id] for item in instrument.items]
    assert score_in_published_order(instrument, published) == score(instrument, answers)


@given(answers_for(PHQ_9))
def test_the_phq_9_safety_alert_follows_item_9_alone(answers):
    result = score(PHQ_9, answers)
    item_9 = answers["phq9.thoughts_dead_or_self_harm"]
    assert result.safety_alert is (item_9 > 0)
    assert result.safety_item_value == item_9
    others_zeroed = {**dict.fromkeys(answers, 0), "phq9.thoughts_dead_or_self_harm": item_9}
    assert score(PHQ_9, others_zeroed).safety_alert is result.safety_alert


@given(instrument_and_answers(), st.data())
def test_any_out_of_range_answer_is_refused_naming_its_item(case, data):
    instrument, answers = case
    item = data.draw(st.sampled_from(instrument.items))
    bad = data.draw(st.integers(max_value=instrument.min_value - 1) | st.integers(min_value=instrument.max_value + 1))
    try:
        score(instrument, {**answers, item.id: bad})
    except InvalidAnswers as refused:
        assert [(p.item_number, p.item_id) for p in refused.problems] == [(item.number, item.id)]
        assert f"item {item.number} ({item.id}): answer {bad} is out of range" in str(refused)
    else:
        raise AssertionError("an out-of-range answer was scored")


@given(instrument_and_answers(), st.data())
def test_any_missing_answers_are_refused_naming_each_item(case, data):
    instrument, answers = case
    missing = data.draw(st.sets(st.sampled_from([i.id for i in instrument.items]), min_size=1))
    try:
        score(instrument, {k: v for k, v in answers.items() if k not in missing})
    except InvalidAnswers as refused:
        assert {p.item_id for p in refused.problems} == missing
        assert all(p.reason == "has no answer" for p in refused.problems)
    else:
        raise AssertionError("an incomplete answer set was scored")


@given(st.lists(st.integers(-100, 100), min_size=1), st.sampled_from([",", ", ", " ", ";", "\n"]))
def test_parse_answers_reads_back_what_was_written(values, separator):
    assert parse_answers(separator.join(str(v) for v in values)) == values


@given(instrument_and_answers())
def test_sum_instruments_have_a_total_and_mean_instruments_never_do(case):
    instrument, answers = case
    result = score(instrument, answers)
    if instrument.scoring is ScoringRule.SUM:
        assert result.total == sum(answers.values())
    else:
        assert result.total is None and result.band is None
