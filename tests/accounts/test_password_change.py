"""Changing the password (checklist item 24): the form itself asks for the current password, so a moment at an
unlocked device is not enough to change it."""

from django.contrib.auth import get_user_model

from tests.personas import PASSWORD

NEW = "a new and quiet sentence"


def test_a_wrong_current_password_changes_nothing(alice, alice_client):
    response = alice_client.post(
        "/accounts/password/change/", {"oldpassword": "not the password", "password1": NEW, "password2": NEW}
    )
    assert response.status_code == 200
    alice = get_user_model().objects.get(pk=alice.pk)
    assert alice.check_password(PASSWORD) and not alice.check_password(NEW)


def test_the_current_password_changes_it(alice, alice_client):
    response = alice_client.post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW, "password2": NEW}
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=alice.pk).check_password(NEW)
