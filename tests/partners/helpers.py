"""Linking two personas the way the pages do, for the partner tests."""

import re

from django.utils import timezone

from earnedsecure.partners import services
from tests.personas import PASSWORD

# The tokens a form carries that are new on every drawing of the page: Django's CSRF token and the token that
# makes a form count once (core/submissions.py). Pages are compared without them.
CSRF = re.compile(rb'name="(csrfmiddlewaretoken|submission)" value="[^"]*"')
_CSRF_TEXT = re.compile(CSRF.pattern.decode())


def link(inviter, partner):
    code = services.invite_create(owner=inviter, now=timezone.now())
    made = services.invite_accept(user=partner, typed=code, now=timezone.now())
    assert made is not None
    return code


def reauthenticate(client):
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})


def show(client, categories):
    """Choose what the partner sees, as a person does on the Together page: when showing more asks for the
    password again, type it on the page the answer leads to (which then applies the choice). The last answer."""
    return post_as_a_person(client, "/together/choose/", {"categories": [str(category) for category in categories]})


def asks_for_the_password(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")


def post_as_a_person(client, url, data):
    """POST ``data`` to ``url``; when the answer asks for the password again (showing a partner more), type it
    there, as a person does, and allauth replays the POST. The last answer."""
    response = client.post(url, data)
    if asks_for_the_password(response):
        response = client.post(response["Location"], {"password": PASSWORD})
    return response


def without_form_tokens(page: str) -> str:
    """A page (or part of one, as a browser reads it) without its form tokens, which Django masks afresh on every
    render: what is left can be compared byte for byte."""
    return _CSRF_TEXT.sub(r'name="\1" value=""', page)


def page_bytes(response) -> bytes:
    """A page's bytes with the CSRF token (new on every response) taken out."""
    assert response.status_code == 200
    return without_form_tokens(response.content.decode()).encode()


def partner_section(html: str) -> str:
    """The part of the Together page that holds what the partner shows (the rest is one's own side)."""
    start = html.index('aria-labelledby="partner-heading"')
    return html[start : html.index("</section>", start)]


def agree_timeouts(proposer, accepter, *, longest_minutes=60, place="kitchen"):
    """The couple's time-out terms, proposed by one and accepted by the other."""
    proposed = services.timeout_agreement_propose(
        owner=proposer, longest_minutes=longest_minutes, place=place, now=timezone.now()
    )
    services.timeout_agreement_accept(user=accepter, pk=proposed.pk, now=timezone.now())
    return proposed
