import time_machine
from django.utils import timezone


def test_it_signs_out_after_thirty_idle_minutes(alice_client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert alice_client.get("/home/").status_code == 200
    with time_machine.travel(start + timezone.timedelta(minutes=29), tick=False):
        assert alice_client.get("/home/").status_code == 200
    with time_machine.travel(start + timezone.timedelta(minutes=29 + 31), tick=False):
        response = alice_client.get("/home/")
        assert response.status_code == 302 and "timeout=1" in response["Location"]
        assert alice_client.get("/home/").status_code == 302


def test_activity_keeps_the_session_alive(alice_client):
    start = timezone.now()
    for minutes in range(0, 120, 20):
        with time_machine.travel(start + timezone.timedelta(minutes=minutes), tick=False):
            assert alice_client.get("/home/").status_code == 200


def test_the_session_cookie_never_outlives_twelve_hours(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


def test_logout_really_ends_the_session(client, alice):
    client.force_login(alice)
    old_cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    client.cookies["sessionid"] = old_cookie
    assert client.get("/home/").status_code == 302


def test_even_an_active_session_ends_twelve_hours_after_sign_in(alice_client):
    start = timezone.now()
    for minutes in range(0, 12 * 60, 20):  # a request every 20 minutes all day: never idle
        with time_machine.travel(start + timezone.timedelta(minutes=minutes), tick=False):
            assert alice_client.get("/home/").status_code == 200
    with time_machine.travel(start + timezone.timedelta(hours=12, minutes=5), tick=False):
        response = alice_client.get("/home/")
        assert response.status_code == 302 and "timeout=1" in response["Location"]


def _diary_entry_for(alice, canary):
    from earnedsecure.diary.services import activation_create

    return activation_create(owner=alice, trigger="unavailable", intensity=7, thought=f"quiet {canary}")


def test_an_idle_expired_session_reads_nothing_through_the_api(alice_client, alice, canary):
    _diary_entry_for(alice, canary)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert canary in alice_client.get("/api/v1/diary/activations").content.decode()
    with time_machine.travel(start + timezone.timedelta(minutes=31), tick=False):
        response = alice_client.get("/api/v1/diary/activations")
        assert response.status_code == 401 and canary not in response.content.decode()
        assert "error" in response.json()
        # The session is over for pages too, not only for this one request.
        assert alice_client.get("/home/").status_code == 302


def test_an_api_session_ends_twelve_hours_after_sign_in_however_active(alice_client, alice, canary):
    _diary_entry_for(alice, canary)
    start = timezone.now()
    for minutes in range(0, 12 * 60, 20):
        with time_machine.travel(start + timezone.timedelta(minutes=minutes), tick=False):
            assert alice_client.get("/api/v1/diary/activations").status_code == 200
    with time_machine.travel(start + timezone.timedelta(hours=12, minutes=5), tick=False):
        response = alice_client.get("/api/v1/diary/activations")
        assert response.status_code == 401 and canary not in response.content.decode()


def test_api_activity_keeps_a_session_alive_for_pages(alice_client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert alice_client.get("/home/").status_code == 200
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timezone.timedelta(minutes=minutes), tick=False):
            assert alice_client.get("/api/v1/diary/activations").status_code == 200
    with time_machine.travel(start + timezone.timedelta(minutes=75), tick=False):
        assert alice_client.get("/home/").status_code == 200
