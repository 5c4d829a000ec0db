"""Home for a person in their first days (issue 13): no "not enough entries yet -> not enough entries yet", no
comparison of a start with itself, and a word on when the comparison begins."""

from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.diary.models import Activation

NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_a_day_old_account_sees_this_week_without_a_start_to_compare(alice, alice_client):
    Activation.objects.create(owner=alice, occurred_at=NOW - timedelta(hours=20), trigger="unavailable", intensity=6)
    text = alice_client.get("/home/").content.decode()
    section = text[text.index('id="compare-heading"') :]
    section = section[: section.index("</section>")]
    assert "1 so far this week" in section
    assert "not enough entries yet" in section  # no calm time given yet: said once
    assert section.count("not enough entries yet") == 1
    assert "→" not in section
    assert "After four weeks, this compares each week with them." in section


@time_machine.travel(NOW, tick=False)
def test_after_the_first_weeks_a_missing_figure_is_said_once(alice, alice_client):
    for day in (40, 35, 30, 2):
        Activation.objects.create(
            owner=alice, occurred_at=NOW - timedelta(days=day), trigger="unavailable", intensity=6
        )
    text = alice_client.get("/home/").content.decode()
    section = text[text.index('id="compare-heading"') :]
    section = section[: section.index("</section>")]
    assert "<strong>not enough entries yet</strong>, as at the start" in section
    assert section.count("not enough entries yet") == 1
    assert "→" in section  # the figures that exist are still compared with the start
