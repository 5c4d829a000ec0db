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
