"""Homework: a therapist suggests, the person sees it on home and may decline; the therapist sees 'declined'."""

from earnedsecure.care.models import Homework
from tests.care.conftest import grant


def test_it_appears_on_home_and_can_be_declined(alice, alice_client, theo_totp, theo_client):
    grant(alice, theo_totp)
    response = theo_client.post(f"/clinician/client/{alice.pk}/homework/", {"suggestion": "tool:breathing"})
    assert response.status_code == 302
    home = alice_client.get("/home/").content.decode()
    assert "Homework from Theo Hart" in home and "4-7-8" in home
    item = Homework.objects.get()
    assert alice_client.post(f"/account/therapist/homework/{item.pk}/decline/").status_code == 302
    assert "Homework from" not in alice_client.get("/home/").content.decode()
    report = theo_client.get(f"/clinician/client/{alice.pk}/").content.decode()
    assert "declined" in report


def test_a_lesson_or_program(alice, theo_totp, theo_client):
    from earnedsecure.content.loader import load_lessons, load_programs

    grant(alice, theo_totp)
    lesson, program = load_lessons()[0], load_programs()[0]
    for value in (f"lesson:{lesson.slug}", f"program:{program.slug}"):
        assert theo_client.post(f"/clinician/client/{alice.pk}/homework/", {"suggestion": value}).status_code == 302
    assert Homework.objects.count() == 2


def test_only_the_listed_suggestions(alice, theo_totp, theo_client):
    grant(alice, theo_totp)
    response = theo_client.post(f"/clinician/client/{alice.pk}/homework/", {"suggestion": "tool:anything"})
    assert response.status_code == 400
    assert not Homework.objects.exists()


def test_it_needs_a_live_grant(alice, theo_totp, theo_client):
    assert (
        theo_client.post(f"/clinician/client/{alice.pk}/homework/", {"suggestion": "tool:breathing"}).status_code == 404
    )


def test_someone_else_cannot_decline_it(alice, charlie_client, theo_totp, theo_client):
    grant(alice, theo_totp)
    theo_client.post(f"/clinician/client/{alice.pk}/homework/", {"suggestion": "tool:breathing"})
    item = Homework.objects.get()
    assert charlie_client.post(f"/account/therapist/homework/{item.pk}/decline/").status_code == 404
    item.refresh_from_db()
    assert item.declined_at is None


def test_it_leaves_home_when_the_grant_ends(alice, alice_client, theo_totp, theo_client):
    # Suggestions read first, grants only when there is one: a revoked grant must still hide them.
    from django.utils import timezone

    from earnedsecure.care import services

    live = grant(alice, theo_totp)
    theo_client.post(f"/clinician/client/{alice.pk}/homework/", {"suggestion": "tool:breathing"})
    assert "Homework from Theo Hart" in alice_client.get("/home/").content.decode()
    services.grant_revoke(owner=alice, pk=live.pk, now=timezone.now())
    assert "Homework from" not in alice_client.get("/home/").content.decode()
