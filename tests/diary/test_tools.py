import pytest

from earnedsecure.diary.models import ToolSession
from earnedsecure.diary.services import activation_create

SLUGS = ["breathing", "urge-surfing", "grounding", "muscle-relaxation", "self-compassion"]


@pytest.mark.parametrize("slug", SLUGS)
def test_it_works(alice_client, alice, slug):
    page = alice_client.get(f"/diary/tools/{slug}/")
    assert page.status_code == 200
    response = alice_client.post(f"/diary/tools/{slug}/", {"distress_before": "8", "distress_after": "4"})
    assert response.status_code == 302
    session = ToolSession.objects.get(owner=alice)
    assert (session.distress_before, session.distress_after) == (8, 4)


def test_the_index_lists_every_tool(alice_client):
    html = alice_client.get("/diary/tools/").content.decode()
    for slug in SLUGS:
        assert f"/diary/tools/{slug}/" in html


def test_the_pacer_and_timers_work_without_javascript(alice_client):
    breathing = alice_client.get("/diary/tools/breathing/").content.decode()
    assert "Breathe in quietly through your nose for <strong>4</strong>" in breathing
    assert "data-pacer-start hidden" in breathing  # the buttons only appear when the script runs
    grounding = alice_client.get("/diary/tools/grounding/").content.decode()
    assert "5 things you can see" in grounding and 'name="see"' in grounding


def test_a_session_links_to_the_persons_own_activation(alice_client, alice):
    activation = activation_create(owner=alice, trigger="threat", intensity=7)
    page = alice_client.get(f"/diary/tools/breathing/?activation={activation.pk}").content.decode()
    assert f'value="{activation.pk}"' in page
    response = alice_client.post(
        "/diary/tools/breathing/", {"distress_before": "7", "distress_after": "5", "activation": activation.pk}
    )
    assert response["Location"] == f"/diary/{activation.pk}/"
    assert ToolSession.objects.get().activation == activation


def test_it_needs_a_before_rating(alice_client):
    response = alice_client.post("/diary/tools/urge-surfing/", {"distress_after": "3", "note": "kept"})
    assert response.status_code == 200
    assert "kept" in response.content.decode()
    assert not ToolSession.objects.exists()


def test_an_unknown_tool_is_404(alice_client):
    assert alice_client.get("/diary/tools/shouting/").status_code == 404


def test_it_requires_login(client, db):
    assert client.get("/diary/tools/").status_code == 302


def test_it_hides_other_peoples_data(alice, charlie_client):
    activation = activation_create(owner=alice, trigger="threat", intensity=7)
    response = charlie_client.post(
        "/diary/tools/breathing/", {"distress_before": "7", "distress_after": "5", "activation": activation.pk}
    )
    assert response.status_code == 404
    assert not ToolSession.objects.exists()
