"""Finding 14 of issue 11: every error a person can meet is the app's own page, with the crisis link and Quick exit.

Django's stock CSRF-failure and bad-request pages had neither. Each page is reached the way a person meets it:
a form posted without its token, a request Django refuses as malformed, a missing page, a refused one and a
crash, rendered by the real handlers (not by rendering the template by hand).
"""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path

import earnedsecure.urls


def _raises(error):
    def view(request):
        raise error

    view.login_required = False
    return view


urlpatterns = [
    path("test-errors/bad/", _raises(SuspiciousOperation("malformed"))),
    path("test-errors/refused/", _raises(PermissionDenied())),
    path("test-errors/crash/", _raises(RuntimeError("boom"))),
    *earnedsecure.urls.urlpatterns,
]
handler500 = earnedsecure.urls.handler500


def _assert_own_page(response, status, quick_exit_url):
    html = response.content.decode()
    assert response.status_code == status
    assert 'href="/help/crisis/"' in html, "no crisis link"
    assert 'id="quick-exit"' in html and f'data-quick-exit="{quick_exit_url}"' in html, "no working Quick exit"
    assert "<title>" in html and "Notebook</title>" in html
    assert "Django" not in html and "CSRF verification failed" not in html


@pytest.mark.urls("tests.core.test_error_pages")
@pytest.mark.parametrize(
    ("how", "status"),
    [
        ("csrf", 403),
        ("bad_host", 400),
        ("suspicious", 400),
        ("missing", 404),
        ("refused", 403),
        ("crash", 500),
    ],
)
def test_every_error_page_is_ours_with_the_crisis_link_and_quick_exit(db, settings, how, status):
    settings.DEBUG = False
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if how == "csrf":
        response = browser.post("/help/crisis/", {"country": "GB"})
    elif how == "bad_host":
        response = browser.get("/privacy/", HTTP_HOST="not-allowed.example")
    elif how == "suspicious":
        response = browser.get("/test-errors/bad/")
    elif how == "missing":
        response = browser.get("/no-such-page/")
    elif how == "refused":
        response = browser.get("/test-errors/refused/")
    else:
        response = browser.get("/test-errors/crash/")
    _assert_own_page(response, status, settings.QUICK_EXIT_URL)


def test_the_csrf_failure_page_says_what_to_do_without_losing_words(db, settings):
    browser = Client(enforce_csrf_checks=True)
    html = browser.post("/help/crisis/", {"country": "GB"}).content.decode()
    assert "reload" in html.lower()


def test_without_cookies_the_page_says_why_and_gives_every_word_back(db):
    browser = Client(enforce_csrf_checks=True)  # a browser that sends no cookies at all
    response = browser.post("/help/plan/", {"warning_signs": "Not sleeping, CSRF-WORDS-1", "coping_strategies": ""})
    html = response.content.decode()
    assert response.status_code == 403
    assert "allow cookies for this site" in html
    assert ">Not sleeping, CSRF-WORDS-1</textarea>" in html
    assert 'href="/help/crisis/"' in html and "Django" not in html


def test_a_stale_token_says_to_reload_and_gives_every_word_back(alice_client):
    alice_client.handler.enforce_csrf_checks = True
    alice_client.get("/diary/activated/")  # the page sets the CSRF cookie
    response = alice_client.post(
        "/diary/activated/", {"thought": "They will leave, CSRF-WORDS-2", "csrfmiddlewaretoken": "x" * 32}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "reload the page" in html and "allow cookies" not in html
    assert ">They will leave, CSRF-WORDS-2</textarea>" in html
    assert ">What story is my mind telling me?</label>" in html  # under the form's own label
    assert "x" * 32 not in html  # the token sent is not a word of hers: never shown back
