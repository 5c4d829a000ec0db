import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from earnedsecure.diary.services import activation_create
from tests.history import HISTORY_MONTHS, client_with_history


def test_it_works(alice_client, alice):
    activation_create(owner=alice, trigger="uncertainty", intensity=6, response="direct")
    html = alice_client.get("/diary/").content.decode()
    assert 'href="/diary/activated/"' in html
    assert 'href="/diary/good-moments/new/"' in html
    assert "Not knowing where I stand" in html


def test_it_requires_login(client, db):
    assert client.get("/diary/").status_code == 302


def test_it_hides_other_peoples_data(alice, charlie_client):
    activation_create(owner=alice, trigger="uncertainty", intensity=6)
    html = charlie_client.get("/diary/").content.decode()
    assert "Not knowing where I stand" not in html.split('id="recent-heading"', 1)[1]


def test_the_main_nav_links_the_diary_and_tools(alice_client):
    html = alice_client.get("/diary/").content.decode()
    assert 'href="/diary/" aria-current="page"' in html
    assert 'href="/diary/tools/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_5_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/diary/")
    # Session, user, consent; the recent entries and the loops to close.
    with django_assert_num_queries(5):
        assert client.get("/diary/").status_code == 200


def test_it_reads_none_of_the_persons_words(alice, alice_client):
    """A line shows the time, trigger, intensity, response and recovery: the encrypted words stay unread."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activation_create(owner=alice, trigger="uncertainty", intensity=6, thought="a thought", outcome="it passed")
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get("/diary/").status_code == 200
    diary_reads = [q["sql"] for q in queries.captured_queries if 'FROM "diary_activation"' in q["sql"]]
    assert len(diary_reads) == 2
    for sql in diary_reads:
        for column in ("trigger_note", "body_sensations", "thought", "response_note", "outcome"):
            assert f'"diary_activation"."{column}"' not in sql


# Paging and search (issue 13: the diary showed the 30 newest entries and no way to older ones).

LONDON = ZoneInfo("Europe/London")


def _entries(owner, count, *, start, step=timedelta(hours=5), trigger="uncertainty"):
    return [
        activation_create(owner=owner, trigger=trigger, intensity=3, occurred_at=start - i * step, now=start)
        for i in range(count)
    ]


def _lines(html: str) -> list[str]:
    return re.findall(r'href="/diary/(\d+)/"', html.split('id="recent-heading"', 1)[1])


def test_every_entry_is_a_page_or_two_away(alice, alice_client):
    made = _entries(alice, 65, start=datetime(2026, 5, 1, 12, tzinfo=UTC))  # newest first
    seen = []
    html = alice_client.get("/diary/").content.decode()
    pages = 1
    while 'rel="next"' in html:
        seen += _lines(html)
        older = re.search(r'href="(\?[^"]*)" rel="next"', html).group(1).replace("&amp;", "&")
        html = alice_client.get(f"/diary/{older}").content.decode()
        pages += 1
        assert 'rel="prev"' in html
    seen += _lines(html)
    assert pages == 3
    assert seen == [str(a.pk) for a in made]


def test_it_finds_entries_by_local_days_and_trigger(alice, alice_client):
    def at(day, hour, minute=0, trigger="uncertainty"):
        moment = datetime(2026, 3, day, hour, minute, tzinfo=LONDON)
        return activation_create(owner=alice, trigger=trigger, intensity=4, occurred_at=moment, now=moment)

    before = at(9, 23, 59)
    first = at(10, 0, 0)
    last = at(12, 23, 30)  # late on the last day, in her zone
    other_trigger = at(11, 12, trigger="unavailable")
    after = at(13, 0, 1)
    html = alice_client.get("/diary/", {"since": "2026-03-10", "until": "2026-03-12"}).content.decode()
    assert _lines(html) == [str(last.pk), str(other_trigger.pk), str(first.pk)]
    html = alice_client.get(
        "/diary/", {"since": "2026-03-10", "until": "2026-03-12", "trigger": "unavailable"}
    ).content.decode()
    assert _lines(html) == [str(other_trigger.pk)]
    assert "Entries found" in html and 'href="/diary/">Show every entry' in html
    html = alice_client.get("/diary/", {"until": "2026-03-09"}).content.decode()
    assert _lines(html) == [str(before.pk)]
    assert str(after.pk) in _lines(alice_client.get("/diary/", {"since": "2026-03-13"}).content.decode())


def test_the_search_keeps_its_filter_from_page_to_page(alice, alice_client):
    _entries(alice, 35, start=datetime(2026, 5, 1, 12, tzinfo=UTC), trigger="unavailable")
    _entries(alice, 5, start=datetime(2026, 5, 1, 13, tzinfo=UTC))
    html = alice_client.get("/diary/", {"trigger": "unavailable"}).content.decode()
    older = re.search(r'href="(\?[^"]*)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "trigger=unavailable" in older and "page=2" in older
    assert len(_lines(alice_client.get(f"/diary/{older}").content.decode())) == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "2026-03-12", "until": "2026-03-10"}, "This day is before the first one"),
        ({"since": "1066-10-14"}, "Choose a date between 1900 and 2100"),
        ({"since": "not a day"}, "Enter a valid date"),
    ],
)
def test_a_search_that_cannot_be_run_says_why(alice, alice_client, query, message):
    activation_create(owner=alice, trigger="uncertainty", intensity=6)
    response = alice_client.get("/diary/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert '<details class="card diary-search" open>' in html
    assert len(_lines(html)) == 1  # the newest entries, unfiltered, under the message


def test_a_page_beyond_the_last_says_so(alice, alice_client):
    activation_create(owner=alice, trigger="uncertainty", intensity=6)
    html = alice_client.get("/diary/", {"page": "40"}).content.decode()
    assert _lines(html) == [] and "No entries further back" in html and 'rel="prev"' in html


def test_the_search_hides_other_peoples_entries(alice, charlie_client):
    activation_create(owner=alice, trigger="uncertainty", intensity=6)
    html = charlie_client.get("/diary/", {"trigger": "uncertainty", "since": "2000-01-01"}).content.decode()
    assert _lines(html) == [] and "Not knowing where I stand" not in html.split('id="recent-heading"', 1)[1]


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_a_search_and_an_older_page_cost_the_same_5_queries(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/diary/")
    for query in ("?page=3", "?since=2000-01-01&until=2100-01-01&trigger=unavailable&page=2"):
        with django_assert_num_queries(5):
            assert client.get(f"/diary/{query}").status_code == 200


def test_each_line_says_when_what_set_it_off_and_the_response_as_django_would(alice, alice_client):
    from django.utils import dateformat
    from django.utils.html import escape

    from earnedsecure.diary.models import Activation
    from earnedsecure.domain.cycle import RESPONSES, TRIGGERS

    alice.time_zone = "Pacific/Auckland"
    alice.save(update_fields=["time_zone"])
    start = datetime(2026, 3, 1, 11, 5, tzinfo=UTC)  # just after midnight on 2 March in Auckland: 1 March in UTC
    entries = [
        activation_create(
            owner=alice, trigger=trigger.key, intensity=4, response=response.key, occurred_at=start - timedelta(days=n)
        )
        for n, (trigger, response) in enumerate(zip(TRIGGERS, RESPONSES, strict=False))
    ]
    # A key the vocabulary no longer has is shown as stored, as get_trigger_display shows it.
    entries.append(Activation.objects.create(owner=alice, occurred_at=start, trigger="retired", intensity=3))
    html = alice_client.get("/diary/").content.decode()
    for entry in entries:
        when = dateformat.format(entry.occurred_at.astimezone(ZoneInfo("Pacific/Auckland")), "D j M Y, H:i")
        assert f'<a class="line-name" href="/diary/{entry.pk}/">{when}</a>' in html
        assert f'<span class="line-meta">{escape(entry.get_trigger_display())}</span>' in html
        if entry.response:
            assert f'<span class="tag tag--{entry.response}">{escape(entry.get_response_display())}</span>' in html
    assert "Sun 1 Mar 2026, 12:05" not in html and "Mon 2 Mar 2026, 00:05" in html
