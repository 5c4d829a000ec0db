"""Finding 10 of issue 11: with mail off (the local default), sign-up must not tell who has an account.

Without mail nothing can be verified, so allauth cannot answer a taken address like a new one (it would have to
mail the owner); it said "A user is already registered with this email address". Sign-up without mail therefore
asks for no address at all. The residue, documented in the README: a taken *username* is still refused, since
two people cannot share one; the sign-up rate limit (ACCOUNT_RATE_LIMITS["signup"]) slows anyone listing them.
"""

from earnedsecure.accounts.models import User

FIELDS = {"password1": "quiet river at dawn", "password2": "quiet river at dawn", "country": "GB", "adult": "on"}


def test_without_mail_sign_up_asks_for_no_email_address(client, db, settings):
    assert settings.ACCOUNT_EMAIL_VERIFICATION == "none"
    assert b'name="email"' not in client.get("/accounts/signup/").content


def test_without_mail_a_taken_address_and_a_new_one_get_the_same_answer(alice, db):
    from django.test import Client

    taken = Client().post("/accounts/signup/", {"username": "newbie", "email": "alice@example.com", **FIELDS})
    fresh = Client().post("/accounts/signup/", {"username": "newbie2", "email": "fresh@example.com", **FIELDS})
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    # The address typed (by hand, past the form) is not stored: nobody can collect someone else's.
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
    assert User.objects.get(username="newbie").email == ""


def test_the_taken_username_residue_says_no_more_than_it_must(alice, client):
    response = client.post("/accounts/signup/", {"username": "alice", **FIELDS})
    assert response.status_code == 200
    html = response.content.decode()
    assert "alice@example.com" not in html and "Alice" not in html
