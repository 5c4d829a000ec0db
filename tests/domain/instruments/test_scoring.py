"""The scoring engine against hand-computed published keys, and its refusals.

Every golden value below is worked out by hand in the comment beside it from the published keys
(ECR-R: Fraley et al. 2000; ECR-RS: Fraley et al. 2011; PHQ-9: Kroenke et al. 2001; GAD-7: Spitzer et al.
2006), not by running the code.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from earnedsecure.domain.instruments import (
    InvalidAnswers,
    get_instrument,
    parse_answers,
    score,
    score_in_published_order,
)

ECR_R_REVERSED = {9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36}


def _ecr_r_keyed_low(*, except_: dict[int, int] | None = None) -> list[int]:
    """1 on forward items and 7 on reversed ones: the lowest keyed score on both scales."""
    answers = [7 if n in ECR_R_REVERSED else 1 for n in range(1, 37)]
    for number, value in (except_ or {}).items():
        answers[number - 1] = value
    return answers


@pytest.mark.parametrize(
    ("answers", "anxiety", "avoidance"),
    [
        # All 1: anxiety has 16 forward items (1 each) and 2 reversed (8-1 = 7): (16 + 14) / 18 = 30/18.
        # Avoidance has 6 forward (19, 21, 23, 24, 25, 32) and 12 reversed: (6 + 84) / 18 = 90/18 = 5.
        ([1] * 36, Fraction(30, 18), Fraction(5)),
        # All 7: anxiety (16*7 + 2*1) / 18 = 114/18; avoidance (6*7 + 12*1) / 18 = 54/18 = 3.
        ([7] * 36, Fraction(114, 18), Fraction(3)),
        # All 4: the midpoint mirrors onto itself.
        ([4] * 36, Fraction(4), Fraction(4)),
        # Forward 1 / reversed 7 is the lowest keyed pattern; its mirror the highest.
        (_ecr_r_keyed_low(), Fraction(1), Fraction(1)),
        ([8 - v for v in _ecr_r_keyed_low()], Fraction(7), Fraction(7)),
        # Item 21 is forward-keyed: answering it 7 in the lowest pattern gives avoidance (17 + 7) / 18.
        # An implementation that reverses 21 would give 18/18 = 1.
        (_ecr_r_keyed_low(except_={21: 7}), Fraction(1), Fraction(24, 18)),
        # Item n answered ((n - 1) % 7) + 1, i.e. 1..7 cycling.
        # Anxiety 1-18 raw: 1..7, 1..7, 1..4 = 28 + 28 + 10 = 66; item 9 (2 -> 6) adds 4, item 11 (4 -> 4)
        # adds 0: 70 / 18.
        # Avoidance 19-36 raw 5,6,7,1,2,3,4,5,6,7,1,2,3,4,5,6,7,1. Forward 19:5 21:7 23:2 24:3 25:4 32:4 = 25;
        # reversed 20:2 22:7 26:3 27:2 28:1 29:7 30:6 31:5 33:3 34:2 35:1 36:7 = 46; 71 / 18.
        ([((n - 1) % 7) + 1 for n in range(1, 37)], Fraction(70, 18), Fraction(71, 18)),
    ],
)
def test_it_scores_the_ecr_r_by_the_published_key(answers, anxiety, avoidance):
    result = score_in_published_order(get_instrument("ecr-r"), answers)
    assert result.subscale("anxiety").exact == anxiety
    assert result.subscale("avoidance").exact == avoidance
    assert result.value("anxiety") == float(anxiety)
    assert result.value("avoidance") == float(avoidance)
    assert result.total is None and result.band is None and result.safety_alert is False


@pytest.mark.parametrize("slug", ["ecr-rs", "ecr-rs-mother", "ecr-rs-father", "ecr-rs-friend"])
@pytest.mark.parametrize(
    ("answers", "avoidance", "anxiety"),
    [
        # All 1: avoidance (4 reversed * 7 + 2 * 1) / 6 = 30/6 = 5; anxiety 1.
        ([1] * 9, Fraction(5), Fraction(1)),
        # All 7: avoidance (4 * 1 + 2 * 7) / 6 = 3; anxiety 7.
        ([7] * 9, Fraction(3), Fraction(7)),
        # 1,2,3,4,5,6 | 7,1,2: avoidance (7 + 6 + 5 + 4 + 5 + 6) / 6 = 33/6; anxiety (7 + 1 + 2) / 3 = 10/3.
        ([1, 2, 3, 4, 5, 6, 7, 1, 2], Fraction(33, 6), Fraction(10, 3)),
        # 7,7,7,7,1,1 | 2,3,4: avoidance 6/6 = 1; anxiety 9/3 = 3.
        ([7, 7, 7, 7, 1, 1, 2, 3, 4], Fraction(1), Fraction(3)),
    ],
)
def test_it_scores_the_ecr_rs_by_the_published_key(slug, answers, avoidance, anxiety):
    result = score_in_published_order(get_instrument(slug), answers)
    assert (result.subscale("avoidance").exact, result.subscale("anxiety").exact) == (avoidance, anxiety)
    assert result.instrument == slug


@pytest.mark.parametrize(
    ("answers", "total", "band", "safety_alert"),
    [
        ([0] * 9, 0, "minimal", False),
        ([1] * 9, 9, "mild", True),
        ([1] * 8 + [0], 8, "mild", False),
        ([3] * 9, 27, "severe", True),
        ([3, 3, 3, 1, 0, 0, 0, 0, 0], 10, "moderate", False),
        ([3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "moderately_severe", False),
        ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe", False),
        # Item 9 alone: a minimal total must still raise the safety alert.
        ([0, 0, 0, 0, 0, 0, 0, 0, 1], 1, "minimal", True),
        ([3, 3, 3, 3, 3, 3, 3, 3, 0], 24, "severe", False),
    ],
)
def test_it_scores_the_phq_9(answers, total, band, safety_alert):
    result = score_in_published_order(get_instrument("phq-9"), answers)
    assert result.total == total == result.value("total")
    assert result.band is not None and result.band.key == band
    assert result.safety_alert is safety_alert
    assert result.safety_item_value == answers[8]


def _summing_to(total: int, items: int) -> list[int]:
    answers = [0] * items
    for index in range(total):
        answers[index % items] += 1
    return answers


@pytest.mark.parametrize(
    ("slug", "total", "band"),
    [
        ("phq-9", 4, "minimal"),
        ("phq-9", 5, "mild"),
        ("phq-9", 9, "mild"),
        ("phq-9", 10, "moderate"),
        ("phq-9", 14, "moderate"),
        ("phq-9", 15, "moderately_severe"),
        ("phq-9", 19, "moderately_severe"),
        ("phq-9", 20, "severe"),
        ("gad-7", 0, "minimal"),
        ("gad-7", 4, "minimal"),
        ("gad-7", 5, "mild"),
        ("gad-7", 9, "mild"),
        ("gad-7", 10, "moderate"),
        ("gad-7", 14, "moderate"),
        ("gad-7", 15, "severe"),
        ("gad-7", 21, "severe"),
    ],
)
def test_it_bands_totals_at_the_published_boundaries(slug, total, band):
    instrument = get_instrument(slug)
    result = score_in_published_order(instrument, _summing_to(total, len(instrument.items)))
    assert result.total == total
    assert result.band is not None and result.band.key == band


def test_it_never_raises_a_safety_alert_for_the_gad_7():
    result = score_in_published_order(get_instrument("gad-7"), [3] * 7)
    assert (result.safety_alert, result.safety_item_id, result.safety_item_value) == (False, None, None)


def test_it_gives_a_json_ready_dict():
    result = score_in_published_order(get_instrument("phq-9"), [0, 1, 2, 3, 0, 1, 2, 3, 1])
    as_dict = result.to_dict()
    assert json.loads(json.dumps(as_dict)) == as_dict
    assert as_dict == {
        "instrument": "phq-9",
        "version": "1",
        "subscales": {
            "total": {
                "name": "Depression severity (PHQ-9 total)",
                "value": 13,
                "display": "13",
                "keyed_sum": 13,
                "item_count": 9,
                "min": 0.0,
                "max": 27.0,
                "scoring": "sum",
            }
        },
        "total": 13,
        "band": {"key": "moderate", "label": "Moderate", "low": 10, "high": 14},
        "safety_alert": True,
        "safety_item": {"id": "phq9.thoughts_dead_or_self_harm", "value": 1},
        "answers": {
            "phq9.little_interest": 0,
            "phq9.feeling_down": 1,
            "phq9.sleep_trouble": 2,
            "phq9.tired_low_energy": 3,
            "phq9.appetite": 0,
            "phq9.feeling_bad_about_self": 1,
            "phq9.trouble_concentrating": 2,
            "phq9.slow_or_restless": 3,
            "phq9.thoughts_dead_or_self_harm": 1,
        },
    }


def test_it_keeps_full_precision_and_rounds_only_for_display():
    anxiety = score_in_published_order(get_instrument("ecr-r"), [1] * 36).subscale("anxiety")
    assert anxiety.value == 30 / 18
    assert anxiety.display == "1.67"
    assert anxiety.exact == Fraction(5, 3)


def _ecr_r_answers() -> dict[str, int]:
    return {item.id: 4 for item in get_instrument("ecr-r").items}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ecrr.avo.difficult_to_depend": None}, "item 21 (ecrr.avo.difficult_to_depend): has no answer"),
        (
            {"ecrr.anx.rarely_worry_partner_leaving": 8},
            "item 9 (ecrr.anx.rarely_worry_partner_leaving): answer 8 is out of range; "
            "choose a whole number from 1 to 7",
        ),
        ({"ecrr.anx.afraid_lose_love": 0}, "item 1 (ecrr.anx.afraid_lose_love): answer 0 is out of range"),
        ({"ecrr.avo.partner_understands_me": 4.0}, "item 36 (ecrr.avo.partner_understands_me): answer 4.0 is not"),
        ({"ecrr.avo.partner_understands_me": "4"}, "item 36 (ecrr.avo.partner_understands_me): answer '4' is not"),
        ({"ecrr.avo.talk_things_over": True}, "item 31 (ecrr.avo.talk_things_over): answer True is not"),
        ({"ecrr.anx.not_a_real_item": 4}, "'ecrr.anx.not_a_real_item': is not an item of the ECR-R"),
    ],
)
def test_it_refuses_bad_answers_naming_the_item(change, message):
    answers: dict[str, object] = dict(_ecr_r_answers())
    for item_id, value in change.items():
        if value is None:
            del answers[item_id]
        else:
            answers[item_id] = value
    with pytest.raises(InvalidAnswers) as refused:
        score(get_instrument("ecr-r"), answers)
    assert str(refused.value).startswith("ECR-R answers refused: ")
    assert message in str(refused.value)
    assert len(refused.value.problems) == 1


def test_it_lists_every_problem_at_once():
    answers: dict[str, object] = {item.id: 1 for item in get_instrument("phq-9").items}
    answers["phq9.thoughts_dead_or_self_harm"] = 4
    del answers["phq9.appetite"]
    with pytest.raises(InvalidAnswers) as refused:
        score(get_instrument("phq-9"), answers)
    assert [(p.item_number, p.item_id) for p in refused.value.problems] == [
        (5, "phq9.appetite"),
        (9, "phq9.thoughts_dead_or_self_harm"),
    ]
    assert "choose a whole number from 0 to 3" in str(refused.value)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([1] * 35, "item 36 (ecrr.avo.partner_understands_me): has no answer"),
        ([1] * 37, "got 37 answers but the ECR-R has 36 items"),
        ([], "item 1 (ecrr.anx.afraid_lose_love): has no answer"),
        ("4" * 36, "parse text with parse_answers() first"),
    ],
)
def test_it_refuses_a_list_of_the_wrong_length(answers, message):
    with pytest.raises(InvalidAnswers, match=message.replace("(", r"\(").replace(")", r"\)")):
        score_in_published_order(get_instrument("ecr-r"), answers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4,2,7", [4, 2, 7]),
        ("4, 2, 7", [4, 2, 7]),
        (" 4 2\t7\n", [4, 2, 7]),
        ("4;2;7,", [4, 2, 7]),
        ("0,-1,+3", [0, -1, 3]),
    ],
)
def test_it_parses_answers(text, expected):
    assert parse_answers(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Answers refused: no answers given"),
        (" , ", "Answers refused: no answers given"),
        ("4,x,7", "answer 2 ('x') is not a whole number"),
        ("4,2.5", "answer 2 ('2.5') is not a whole number"),
        ("four", "answer 1 ('four') is not a whole number"),
    ],
)
def test_it_refuses_unparseable_answers(text, message):
    with pytest.raises(InvalidAnswers, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_answers(text)


def test_parsed_out_of_range_answers_are_refused_by_the_scorer():
    answers = parse_answers(",".join(["2"] * 8 + ["-1"]))
    with pytest.raises(InvalidAnswers, match=r"item 9 \(phq9.thoughts_dead_or_self_harm\): answer -1 is out"):
        score_in_published_order(get_instrument("phq-9"), answers)
