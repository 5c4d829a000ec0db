"""One time-zone mechanism: PersonTimeZoneMiddleware shows each person's dates in their own stored zone.

The same instant, 20:30 UTC on Tuesday 10 March 2026, is Wednesday 11 March 09:30 in Auckland (NZDT, +13)
and Tuesday 10 March 13:30 in Los Angeles (PDT, -7, two days after the clocks went forward).
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from earnedsecure.coach.services import thought_record_create
from earnedsecure.diary.services import activation_create
from tests.assessments.helpers import phq9, submit
from tests.personas import make_person

INSTANT = datetime(2026, 3, 10, 20, 30, tzinfo=UTC)
# What each page shows, in each zone: the diary list, a diary entry, a check-in result, a thought record.
LOCAL = {
    "Pacific/Auckland": {
        "diary": "Wed 11 Mar, 09:30",
        "diary entry": "Wed 11 Mar 2026, 09:30",
        "check-in": "11 March 2026, 09:30",
        "coach": "Wednesday 11 March 2026, 09:30",
    },
    "America/Los_Angeles": {
        "diary": "Tue 10 Mar, 13:30",
        "diary entry": "Tue 10 Mar 2026, 13:30",
        "check-in": "10 March 2026, 13:30",
        "coach": "Tuesday 10 March 2026, 13:30",
    },
}


def _person_with_one_of_each(name: str, zone: str) -> tuple[Client, dict[str, str]]:
    person = make_person(name, time_zone=zone)
    entry = activation_create(owner=person, trigger="unavailable", intensity=6, occurred_at=INSTANT)
    result = submit(person, "phq-9", phq9(5), INSTANT)
    record = thought_record_create(
        owner=person, automatic_thought="They are leaving me", intensity_before=7, now=INSTANT
    )
    client = Client()
    client.force_login(person)
    pages = {
        "diary": client.get("/diary/").content.decode(),
        "diary entry": client.get(f"/diary/{entry.pk}/").content.decode(),
        "check-in": client.get(f"/check-ins/results/{result.pk}/").content.decode(),
        "coach": client.get(f"/think/thoughts/{record.pk}/").content.decode(),
    }
    return client, pages


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 3, 12, 12, 0, tzinfo=UTC), tick=False)
@pytest.mark.parametrize("zone", list(LOCAL))
def test_it_shows_the_same_utc_entry_on_each_persons_own_local_date_and_time(zone):
    _, pages = _person_with_one_of_each("person", zone)
    other = next(z for z in LOCAL if z != zone)
    for page, html in pages.items():
        assert LOCAL[zone][page] in html, page
        assert LOCAL[other][page] not in html, page


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 3, 12, 12, 0, tzinfo=UTC), tick=False)
def test_the_zone_ends_with_the_request():
    _person_with_one_of_each("kiri", "Pacific/Auckland")
    assert timezone.get_current_timezone_name() == "UTC"
