"""A new person's first steps, walked end to end (accounts/onboarding.py): sign-up, what this is and is not,
the agreement, country and time zone, one first step. The consent door is the only gate; the pages a person
may need at any moment stay open throughout; leaving and signing in again resumes where they were."""

import pytest

from earnedsecure.accounts.models import User
from earnedsecure.accounts.services import has_core_consent
from tests.accounts.newcomer import PASSPHRASE, newcomer, sign_up
from tests.personas import PASSWORD


def _sign_in(client, username, password):
    return client.post("/accounts/login/", {"login": username, "password": password})


def test_it_walks_a_new_person_through_each_step_in_order(client, db):
    where = sign_up(client, country="IE", time_zone="Europe/Dublin")["Location"]
    assert where == "/welcome/"
    assert "Step 1 of 4" in client.get(where).content.decode()
    where = client.post(where)["Location"]
    assert where == "/account/consent/"
    assert "Step 2 of 4" in client.get(where).content.decode()
    where = client.post(where, {"agree": "on"})["Location"]
    assert where == "/welcome/place/"
    assert "Step 3 of 4" in client.get(where).content.decode()
    where = client.post(where, {"country": "IE", "time_zone": "Europe/Dublin"})["Location"]
    assert where == "/welcome/first-step/"
    assert "Step 4 of 4" in client.get(where).content.decode()
    assert client.post(where, {"choice": "look_around"})["Location"] == "/home/"
    person = newcomer()
    assert person.onboarding == User.Onboarding.DONE
    assert has_core_consent(person)
    assert client.get("/home/").status_code == 200


def test_signing_in_again_resumes_where_they_left_off(newcomer_client):
    client = newcomer_client
    client.post("/accounts/logout/")
    assert _sign_in(client, "newcomer", PASSPHRASE)["Location"] == "/welcome/"
    client.post("/welcome/")
    client.post("/accounts/logout/")
    assert _sign_in(client, "newcomer", PASSPHRASE)["Location"] == "/account/consent/"
    client.post("/account/consent/", {"agree": "on"})
    client.post("/accounts/logout/")
    assert _sign_in(client, "newcomer", PASSPHRASE)["Location"] == "/welcome/place/"
    client.post("/welcome/place/", {"country": "GB", "time_zone": "Europe/London"})
    client.post("/accounts/logout/")
    assert _sign_in(client, "newcomer", PASSPHRASE)["Location"] == "/welcome/first-step/"
    client.post("/welcome/first-step/", {"choice": "lesson"})
    client.post("/accounts/logout/")
    assert _sign_in(client, "newcomer", PASSPHRASE)["Location"] == "/home/"


def test_a_page_asked_for_at_sign_in_still_wins(newcomer_client):
    newcomer_client.post("/accounts/logout/")
    response = newcomer_client.post(
        "/accounts/login/?next=/help/plan/", {"login": "newcomer", "password": PASSPHRASE, "next": "/help/plan/"}
    )
    assert response["Location"] == "/help/plan/"


def test_after_the_agreement_the_app_is_open_while_steps_remain(newcomer_client):
    newcomer_client.post("/welcome/")
    newcomer_client.post("/account/consent/", {"agree": "on"})
    # Steps 3 and 4 are offered, not forced: someone who needs the "I'm activated" flow gets it.
    assert newcomer_client.get("/diary/activated/").status_code == 200
    assert newcomer().onboarding == User.Onboarding.PLACE


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/help/crisis/", 200),
        ("get", "/help/plan/", 200),
        ("get", "/quick-exit/", None),
        ("get", "/account/settings/", 200),
        ("get", "/account/export/", None),
        ("get", "/account/delete/", None),
        ("post", "/accounts/logout/", None),
    ],
)
def test_it_never_stands_in_front_of_help_leaving_or_ones_data(newcomer_client, method, path, expected):
    response = getattr(newcomer_client, method)(path)
    assert "/welcome/" not in response.get("Location", ""), f"{path} was sent to the first steps"
    if expected:
        assert response.status_code == expected


def test_export_and_deletion_ask_only_for_the_password(newcomer_client):
    for path in ("/account/export/", "/account/delete/"):
        response = newcomer_client.get(path)
        assert response.status_code == 200 or response["Location"].startswith("/accounts/reauthenticate/")


def test_an_onboarded_person_never_sees_it_again(client, alice):
    assert _sign_in(client, "alice", PASSWORD)["Location"] == "/home/"
    assert client.get("/welcome/")["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


def test_accounts_not_made_by_sign_up_count_as_onboarded(db):
    # Accounts from before onboarding existed take the same default when the column is added (migration 0008).
    assert User.objects.create_user(username="made-by-a-command").onboarding == User.Onboarding.DONE


def test_the_demo_person_is_onboarded(client, db):
    from earnedsecure.core.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_create

    assert demo_create(months=1).onboarding == User.Onboarding.DONE
    assert _sign_in(client, DEMO_USERNAME, DEMO_PASSWORD)["Location"] == "/home/"
