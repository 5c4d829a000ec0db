"""Home's "this week and your start" compares like with like (issue 13, Voice): a week under way is set against
the same share of a typical starting week, never against a whole week, before it is called lower."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from earnedsecure.diary.models import Activation

START = datetime(2026, 2, 2, 12, tzinfo=UTC)  # a Monday, months before the weeks below
TUESDAY_NOON = datetime(2026, 6, 2, 11, tzinfo=UTC)  # 12:00 in London, a day and a half into the week
THURSDAY_NOON = datetime(2026, 6, 4, 11, tzinfo=UTC)  # half the week
SUNDAY_EVENING = datetime(2026, 6, 7, 17, tzinfo=UTC)  # 18:00 in London, 6.75 days in


def _entry(owner, when):
    Activation.objects.create(
        owner=owner, occurred_at=when, trigger="unavailable", intensity=6, calm_at=when + timedelta(minutes=30)
    )


def _compare_section(client) -> str:
    text = client.get("/home/").content.decode()
    section = text[text.index('id="compare-heading"') :]
    return section[: section.index("</section>")]


def _activations_line(section: str) -> str:
    line = section[section.index("Activations") :]
    return line[: line.index("</li>")]


def test_early_in_the_week_it_says_the_week_has_just_begun_rather_than_a_tenth_of_an_entry(alice, alice_client):
    for day in range(0, 28, 2):
        _entry(alice, START + timedelta(days=day))
    monday_morning = datetime(2026, 6, 1, 7, tzinfo=UTC)  # 08:00 in London
    with time_machine.travel(monday_morning, tick=False):
        line = _activations_line(_compare_section(alice_client))
    assert "3.5 a week (the week has only just begun)" in line and "0 so far this week" in line
    assert "by this time of the week" not in line and 'class="better"' not in line


@pytest.mark.parametrize(
    ("now", "this_week", "expected", "lower"),
    [
        (TUESDAY_NOON, 0, "0.8", False),  # under one entry expected so far: too soon to call it lower
        (THURSDAY_NOON, 2, "1.8", False),  # two by Thursday is not fewer than 3.5 a week
        (SUNDAY_EVENING, 1, "3.4", True),
        (SUNDAY_EVENING, 4, "3.4", False),
    ],
)
def test_a_week_under_way_is_compared_with_the_same_share_of_a_starting_week(
    alice, alice_client, now, this_week, expected, lower
):
    for day in range(0, 28, 2):  # 14 entries in the first four weeks: 3.5 a week
        _entry(alice, START + timedelta(days=day))
    with time_machine.travel(now, tick=False):
        for hour in range(this_week):
            _entry(alice, now - timedelta(hours=hour + 1))
        line = _activations_line(_compare_section(alice_client))
    assert "3.5 a week" in line and f"{expected} by this time of the week" in line
    assert f"{this_week} so far this week" in line
    assert ('class="better"' in line) is lower
