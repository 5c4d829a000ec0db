"""Checklist item 29, CSRF on every state change: a signed-in person's browser tricked into posting to any
address of the app without the form's token is refused (403), on every page route and on every write of the
JSON API (django-ninja checks the token itself for session sign-in). Walks the URL conf, so a new route is
checked the day it is added."""

import re

from django.test import Client
from django.urls import Resolver404, resolve

from tests.routes import concrete, every_route

# The one exception, and why: Quick exit must work from a page's unload beacon, which carries no token; it only
# signs the person out and answers 204, and it changes nothing of anyone's data.
EXEMPT = {"quick_exit"}
API_WRITES = ("post", "patch", "put", "delete")


def _client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_every_page_route_refuses_a_post_without_the_token(alice):
    client, checked, unresolved, accepted = _client(alice), 0, [], []
    for route, name, _view in every_route():
        address = concrete(route)
        if route.startswith("api/") or address.startswith(("/static/", "/media/")) or name in EXEMPT:
            continue
        try:
            resolve(address)
        except Resolver404:  # allauth's regex routes: no address can be made from their pattern here
            unresolved.append(address)
            continue
        checked += 1
        response = client.post(address, {"anything": "1"})
        if response.status_code != 403:
            accepted.append((address, response.status_code))
    assert accepted == []
    assert checked >= 100 and len(unresolved) <= 3, (checked, unresolved)


def test_every_write_of_the_api_refuses_a_request_without_the_token(alice):
    client, refused, accepted = _client(alice), 0, []
    for route, _name, _view in every_route():
        if not route.startswith("api/"):
            continue
        address = "/" + re.sub(r"\{\w+\}|<[^>]+>", "1", route)
        for method in API_WRITES:
            status = getattr(client, method)(address, "{}", content_type="application/json").status_code
            if status == 403:
                refused += 1
            elif status != 405:  # 405: no such method on that address
                accepted.append((method, address, status))
    assert accepted == []
    assert refused >= 10
