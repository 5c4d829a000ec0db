"""Making a code (checklist items 34 and 46): after re-authentication, shown once, kept hashed, a few a day."""

from django.utils import timezone

from earnedsecure.domain.together.sharing import CODE_LENGTH, CODES_PER_DAY
from earnedsecure.partners import services
from earnedsecure.partners.models import Invite
from tests.partners.helpers import reauthenticate


def _code_in(response) -> str:
    html = response.content.decode()
    start = html.index('class="together-code"')
    return html[html.index(">", start) + 1 : html.index("</p>", start)].replace(" ", "")


def test_it_works(alice, alice_client):
    reauthenticate(alice_client)
    assert alice_client.get("/together/invite/").status_code == 200
    response = alice_client.post("/together/invite/")
    assert response.status_code == 200
    code = _code_in(response)
    assert len(code) == CODE_LENGTH
    stored = Invite.objects.get(owner=alice)
    assert stored.code_hash == services.code_hash(code) and code not in stored.code_hash
    assert stored.expires_at - stored.created_at == services.CODE_LIFETIME


def test_it_requires_login(client, db):
    response = client.post("/together/invite/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_requires_a_recent_password(alice, alice_client):
    response = alice_client.post("/together/invite/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert not Invite.objects.filter(owner=alice).exists()


def test_it_hides_other_peoples_data(alice, charlie, charlie_client):
    services.invite_create(owner=alice, now=timezone.now())
    reauthenticate(charlie_client)
    page = charlie_client.get("/together/invite/").content.decode()
    assert "already have a code" not in page


def test_a_new_code_ends_the_old_one(alice, bob):
    first = services.invite_create(owner=alice, now=timezone.now())
    services.invite_create(owner=alice, now=timezone.now())
    assert services.invite_accept(user=bob, typed=first, now=timezone.now()) is None


def test_only_a_few_codes_a_day(alice, alice_client):
    reauthenticate(alice_client)
    for _ in range(CODES_PER_DAY):
        assert alice_client.post("/together/invite/").status_code == 200
    response = alice_client.post("/together/invite/")
    assert response.status_code == 429
    assert Invite.objects.filter(owner=alice).count() == CODES_PER_DAY


def test_the_daily_purge_forgets_codes_and_tries_the_limits_no_longer_need(alice, bob):
    from datetime import timedelta

    from earnedsecure.core.retention import retention_purge
    from earnedsecure.partners.models import CodeTry

    now = timezone.now()
    services.invite_create(owner=alice, now=now - timedelta(days=5))
    services.invite_accept(user=bob, typed="ABCDEFGHJK", now=now - timedelta(hours=2))
    services.invite_create(owner=alice, now=now)
    counts = retention_purge(now=now)
    assert counts["partners.invite"] == 1 and counts["partners.codetry"] == 1
    assert Invite.objects.filter(owner=alice).count() == 1 and not CodeTry.objects.exists()
