"""A study, a researcher (the permission and two-step sign-in), and re-authentication, for the page tests."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from earnedsecure.research.models import Study
from earnedsecure.research.services import RESEARCHER_DAYS, consent_text_publish, researcher_grant
from tests.personas import PASSWORD, make_person

TEXT = "We count how often activations happen and how long calm takes, over a year. No words, no names."


def study(slug="worry-over-time", *, is_open=True):
    made = Study.objects.create(
        slug=slug,
        title="How worry changes over a year",
        summary="Counts and scores only.",
        run_by="A university lab",
        is_open=is_open,
    )
    consent_text_publish(study=made, text=TEXT, now=timezone.now())
    return made


def researcher(username="rhea", *, two_step=True):
    person = make_person(username, first_name="Rhea", country="GB")
    researcher_grant(user=person, days=RESEARCHER_DAYS, now=timezone.now())  # the permission, for 90 days
    if two_step:
        TOTP.activate(person, generate_totp_secret())
    client = Client()
    client.force_login(person)
    return person, client


def reauthenticate(client):
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})


def join_form(version=1, **changes):
    return {
        "version": version,
        "birth_year": 1990,
        "gender": "woman",
        "relationship": "1_to_3",
        "agree": "on",
        **changes,
    }
