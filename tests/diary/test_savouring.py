import re
from datetime import UTC, datetime, timedelta

from earnedsecure.diary.models import SavouringEntry
from earnedsecure.diary.services import savouring_create


def test_it_works(alice_client, alice):
    page = alice_client.get("/diary/good-moments/new/").content.decode()
    assert "thank them for" in page.lower() or "tell them one specific thing" in page
    response = alice_client.post(
        "/diary/good-moments/new/",
        {
            "what_happened": "He saved me the last slice of cake",
            "with_partner": "on",
            "feeling_minutes": "180",
            "thanked_partner": "on",
        },
    )
    assert response.status_code == 302
    entry = SavouringEntry.objects.get(owner=alice)
    assert (entry.feeling_minutes, entry.thanked_partner) == (180, True)
    assert "last slice of cake" in alice_client.get("/diary/good-moments/").content.decode()


def test_it_keeps_what_was_typed_on_errors(alice_client):
    response = alice_client.post("/diary/good-moments/new/", {"what_happened": "", "occurred_at": "nonsense"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not SavouringEntry.objects.exists()


def test_it_requires_login(client, db):
    assert client.get("/diary/good-moments/").status_code == 302


def test_it_hides_other_peoples_data(alice, charlie_client):
    savouring_create(owner=alice, what_happened="Alice's private moment")
    assert "Alice's private moment" not in charlie_client.get("/diary/good-moments/").content.decode()


def _moments(owner, count):
    start = datetime(2026, 5, 1, 12, tzinfo=UTC)
    return [
        savouring_create(owner=owner, what_happened=f"Moment number {i}", occurred_at=start - i * timedelta(hours=7))
        for i in range(count)
    ]


def _shown(html: str) -> list[str]:
    return re.findall(r"Moment number (\d+)\b", html)


def test_every_good_moment_is_a_page_or_two_away(alice, alice_client):
    _moments(alice, 65)  # newest first
    seen, pages = [], 1
    html = alice_client.get("/diary/good-moments/").content.decode()
    assert 'rel="prev"' not in html
    while 'rel="next"' in html:
        seen += _shown(html)
        assert 'aria-label="Pages of good moments"' in html and "Older moments" in html
        older = re.search(r'href="(\?[^"]*)" rel="next"', html).group(1).replace("&amp;", "&")
        html = alice_client.get(f"/diary/good-moments/{older}").content.decode()
        pages += 1
        assert 'rel="prev"' in html and "Newer moments" in html
    seen += _shown(html)
    assert pages == 3 and seen == [str(i) for i in range(65)]


def test_a_page_beyond_the_last_or_not_a_number_says_so_or_starts_at_the_newest(alice, alice_client):
    _moments(alice, 2)
    html = alice_client.get("/diary/good-moments/", {"page": "40"}).content.decode()
    assert _shown(html) == [] and "No good moments further back" in html and 'rel="prev"' in html
    html = alice_client.get("/diary/good-moments/", {"page": "soon"}).content.decode()
    assert _shown(html) == ["0", "1"] and 'rel="prev"' not in html


def test_an_older_page_hides_other_peoples_moments(alice, charlie, charlie_client):
    _moments(alice, 35)
    html = charlie_client.get("/diary/good-moments/", {"page": "2"}).content.decode()
    assert _shown(html) == []
