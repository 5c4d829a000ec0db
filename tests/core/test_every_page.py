"""Walk every URL: the public ones answer anonymously, all others send the visitor to sign in; every page
has the crisis link and the Quick exit as its first focusable element."""

import re

import pytest

from tests.routes import concrete, every_route

PUBLIC = {
    "",
    "help/crisis/",
    "quick-exit/",
    "who-this-is-for/",
    "privacy/",
    ".well-known/security.txt",
    "healthz",
    "readyz",
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/password/reset/key/done/",
    "accounts/confirm-email/",
    "accounts/login/code/confirm/",
    "accounts/2fa/authenticate/",
    "accounts/reauthenticate/",
    "accounts/logout/",
    "accounts/signup/closed/",
    "accounts/inactive/",
    "accounts/password/set/",
}


ALL_ROUTES = sorted({route for route, _, _ in every_route()})


@pytest.mark.parametrize("route", ALL_ROUTES)
def test_it_requires_login_everywhere_but_the_public_list(client, db, route):
    response = client.get(concrete(route))
    if route in PUBLIC:
        return
    assert response.status_code != 200, (
        f"/{route} answered 200 to an anonymous visitor; add it to PUBLIC only if it must be"
    )


def test_the_public_list_is_not_stale():
    assert PUBLIC - set(ALL_ROUTES) <= {"accounts/signup/closed/", "accounts/inactive/", "accounts/password/set/"}


SIGNED_IN_PAGES = [
    "/home/",
    "/still-here/",
    "/help/plan/",
    "/diary/",
    "/diary/activated/",
    "/diary/tools/",
    "/diary/insights/",
    "/diary/good-moments/",
    "/think/",
    "/think/thoughts/new/",
    "/think/messages/new/",
    "/check-ins/",
    "/learn/",
    "/learn/pathway/",
    "/account/settings/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/accounts/password/change/",
]
ANONYMOUS_PAGES = ["/", "/help/crisis/", "/who-this-is-for/", "/privacy/", "/accounts/login/", "/accounts/signup/"]


def _first_focusable(html: str) -> str:
    body = html.split("<body", 1)[1]
    match = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body)
    return match.group(0)


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_every_public_page_has_quick_exit_first_and_the_crisis_link(client, db, path):
    html = client.get(path).content.decode()
    assert "data-quick-exit" in _first_focusable(html)
    assert 'href="/help/crisis/"' in html


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_every_signed_in_page_has_quick_exit_first_and_the_crisis_link(alice_client, path):
    response = alice_client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-quick-exit" in _first_focusable(html)
    assert 'href="/help/crisis/"' in html
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", SIGNED_IN_PAGES + ANONYMOUS_PAGES)
def test_titles_are_neutral(alice_client, path):
    title = re.search(r"<title>(.*?)</title>", alice_client.get(path, follow=True).content.decode(), re.S).group(1)
    assert title.strip().endswith("Notebook")
    assert not re.search(r"attach|anxi|crisis|suicid|therap|partner", title, re.I)


def test_error_pages_carry_the_crisis_link(client, db):
    from django.template.loader import render_to_string

    for template in ("500.html", "404.html", "403.html"):
        assert "/help/crisis/" in render_to_string(template, {"public_page": True})


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/diary/tools/", "Tools"),
        ("/diary/", "Diary"),
        ("/think/", "Think"),
        ("/help/plan/", "Safety plan"),
        ("/account/settings/", "Account"),
        ("/account/reminders/", "Account"),
        ("/accounts/password/change/", "Account"),
    ],
)
def test_exactly_one_nav_entry_is_current(alice_client, path, current):
    html = alice_client.get(path).content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    marked = re.findall(r'aria-current="page">([^<]+)<', nav)
    assert marked == [current]
