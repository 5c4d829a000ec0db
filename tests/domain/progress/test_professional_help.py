"""The rule that suggests talking to a professional from a person's own data: a table, no database."""

from datetime import UTC, datetime, timedelta

import pytest

from earnedsecure.domain.progress.professional_help import (
    CheckInTotal,
    HelpReasonKind,
    HelpSignals,
    RiskEntry,
    professional_help_reasons,
)

NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def phq(total: int, days: float) -> CheckInTotal:
    return CheckInTotal("phq-9", total, days_ago(days))


def concern(days: float) -> RiskEntry:
    return RiskEntry("concern", days_ago(days))


def urgent(days: float) -> RiskEntry:
    return RiskEntry("urgent", days_ago(days))


def gad(total: int, days: float) -> CheckInTotal:
    return CheckInTotal("gad-7", total, days_ago(days))


CASES = [
    ("nothing recorded", HelpSignals(), set()),
    ("one high PHQ-9 is not yet a pattern", HelpSignals(check_ins=(phq(15, 1),)), set()),
    ("two PHQ-9 in a row at 10", HelpSignals(check_ins=(phq(10, 20), phq(10, 6))), {HelpReasonKind.PHQ9_HIGH}),
    ("9 is below the cut-off", HelpSignals(check_ins=(phq(9, 20), phq(9, 6))), set()),
    (
        "two highs in a row, the earlier long ago, the latest recent",
        HelpSignals(check_ins=(phq(12, 120), phq(14, 3))),
        {HelpReasonKind.PHQ9_HIGH},
    ),
    ("two highs in a row but both months old", HelpSignals(check_ins=(phq(12, 120), phq(14, 90))), set()),
    (
        "two highs within 8 weeks with a low between",
        HelpSignals(check_ins=(phq(12, 40), phq(5, 25), phq(11, 10))),
        {HelpReasonKind.PHQ9_HIGH},
    ),
    ("high then low, one high only", HelpSignals(check_ins=(phq(12, 20), phq(4, 6))), set()),
    ("two GAD-7 at 10+", HelpSignals(check_ins=(gad(11, 14), gad(13, 0))), {HelpReasonKind.GAD7_HIGH}),
    ("a PHQ-9 and a GAD-7 high do not pair up", HelpSignals(check_ins=(phq(12, 14), gad(13, 0))), set()),
    ("a check-in after now is ignored", HelpSignals(check_ins=(phq(12, 14), phq(13, -1))), set()),
    ("an item-9 flag this week", HelpSignals(item9_flags=(days_ago(3),)), {HelpReasonKind.ITEM9}),
    ("an item-9 flag 7 weeks ago", HelpSignals(item9_flags=(days_ago(49),)), {HelpReasonKind.ITEM9}),
    ("an item-9 flag 9 weeks ago", HelpSignals(item9_flags=(days_ago(63),)), set()),
    ("one concern is not yet a pattern", HelpSignals(risk_entries=(concern(2),)), set()),
    ("two concerns in 14 days", HelpSignals(risk_entries=(concern(2), concern(13))), {HelpReasonKind.RISK_WORDS}),
    ("two concerns, one older than 14 days", HelpSignals(risk_entries=(concern(2), concern(15))), set()),
    ("one urgent entry is enough", HelpSignals(risk_entries=(urgent(13),)), {HelpReasonKind.RISK_WORDS}),
    ("one urgent entry 15 days ago", HelpSignals(risk_entries=(urgent(15),)), set()),
    ("an urgent entry after now is ignored", HelpSignals(risk_entries=(urgent(-1),)), set()),
    ("a concern and an urgent one", HelpSignals(risk_entries=(concern(1), urgent(3))), {HelpReasonKind.RISK_WORDS}),
    (
        "an unknown level counts as a concern",
        HelpSignals(risk_entries=(concern(1), RiskEntry("high", days_ago(3)))),
        {HelpReasonKind.RISK_WORDS},
    ),
    ("levels of none never count", HelpSignals(risk_entries=(RiskEntry("none", days_ago(1)),) * 3), set()),
    ("three 9-10 activations in 14 days", HelpSignals(high_activations=tuple(days_ago(d) for d in (1, 5, 9))), set()),
    (
        "four 9-10 activations in 14 days",
        HelpSignals(high_activations=tuple(days_ago(d) for d in (1, 5, 9, 13))),
        {HelpReasonKind.HIGH_ACTIVATIONS},
    ),
    ("four, one of them 15 days ago", HelpSignals(high_activations=tuple(days_ago(d) for d in (1, 5, 9, 15))), set()),
    (
        "everything at once, in a fixed order",
        HelpSignals(
            check_ins=(phq(20, 14), phq(22, 0), gad(15, 14), gad(16, 0)),
            item9_flags=(days_ago(0),),
            risk_entries=(concern(1), concern(2)),
            high_activations=tuple(days_ago(d) for d in range(4)),
        ),
        set(HelpReasonKind),
    ),
]


@pytest.mark.parametrize(("case", "signals", "expected"), CASES, ids=[c[0] for c in CASES])
def test_it_gives_the_reasons_of_the_table(case, signals, expected):
    reasons = professional_help_reasons(signals, now=NOW)
    assert {r.kind for r in reasons} == expected
    assert len(reasons) == len(expected)


def test_it_keeps_a_fixed_order_and_says_the_totals_in_plain_words():
    signals = HelpSignals(
        check_ins=(gad(15, 14), gad(16, 0), phq(12, 14), phq(14, 0)),
        item9_flags=(days_ago(1),),
        high_activations=tuple(days_ago(d) for d in range(5)),
    )
    reasons = professional_help_reasons(signals, now=NOW)
    assert [r.kind for r in reasons] == [
        HelpReasonKind.PHQ9_HIGH,
        HelpReasonKind.GAD7_HIGH,
        HelpReasonKind.ITEM9,
        HelpReasonKind.HIGH_ACTIVATIONS,
    ]
    assert "(12, then 14)" in reasons[0].text
    assert "5 activations in the last two weeks" in reasons[3].text
    for reason in reasons:
        assert "diagnos" not in reason.text.lower()


def test_it_says_why_in_words_that_match_the_level():
    (heavy,) = professional_help_reasons(HelpSignals(risk_entries=(concern(1), concern(4))), now=NOW)
    assert heavy.text.startswith("2 of the things you wrote in the last two weeks")
    (unsafe,) = professional_help_reasons(HelpSignals(risk_entries=(urgent(1),)), now=NOW)
    assert "may not be safe" in unsafe.text
