import random
from datetime import UTC, datetime

from earnedsecure.assessments.demo import keyed_values, seed
from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.assessments.selectors import ecr_r_anxiety_change, score_series
from earnedsecure.domain.instruments import get_instrument, score

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_keyed_values_hit_their_sum_within_range():
    rng = random.Random(1)
    for target in range(18, 127):
        values = keyed_values(18, target, 1, 7, rng)
        assert sum(values) == target and all(1 <= v <= 7 for v in values)


def test_the_demo_tells_a_story_of_change_with_a_setback(alice):
    seed(user=alice, months=6, rng=random.Random(20261128), now=NOW)
    ecr_r = [round(v, 1) for _, v in score_series(user=alice, instrument="ecr-r", subscale="anxiety")]
    assert ecr_r == [5.6, 4.9, 4.2]
    avoidance = [round(v, 1) for _, v in score_series(user=alice, instrument="ecr-r", subscale="avoidance")]
    assert avoidance == [2.6, 2.4, 2.3]
    partner = [v for _, v in score_series(user=alice, instrument="ecr-rs", subscale="anxiety")]
    assert len(partner) >= 12 and partner[0] > 5.3 and partner[-1] < 4.5
    assert max(partner[7:10]) > partner[6]  # the setback around month four
    phq = [v for _, v in score_series(user=alice, instrument="phq-9", subscale="total")]
    gad = [v for _, v in score_series(user=alice, instrument="gad-7", subscale="total")]
    assert 10 <= phq[0] <= 14 and phq[-1] <= 9
    assert 9 <= gad[0] <= 14 and gad[-1] <= 8
    assert ecr_r_anxiety_change(user=alice).word == "improved"


def test_every_demo_result_is_what_the_engine_scores_and_item_9_is_zero(alice):
    seed(user=alice, months=6, rng=random.Random(3), now=NOW)
    for row in InstrumentResponse.objects.filter(owner=alice):
        result = score(get_instrument(row.instrument), row.answers)
        assert row.total == result.total
        if row.anxiety is not None:
            assert (row.anxiety, row.avoidance) == (result.value("anxiety"), result.value("avoidance"))
        assert row.completed_at <= NOW
    assert set(InstrumentResponse.objects.filter(instrument="phq-9").values_list("item9", flat=True)) == {0}


def test_the_demo_is_deterministic(alice, bob):
    seed(user=alice, months=3, rng=random.Random(5), now=NOW)
    seed(user=bob, months=3, rng=random.Random(5), now=NOW)

    def story(user):
        return list(
            InstrumentResponse.objects.filter(owner=user)
            .order_by("completed_at")
            .values_list("answers", "completed_at")
        )

    assert story(alice) == story(bob)
