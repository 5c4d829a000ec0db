"""Where one is signed in, the browser named in words a person recognises (the screenshot review of 30 Nov 2026
found "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, ..." on the sessions page)."""

import pytest
from django.test import Client

from earnedsecure.core.templatetags.browsers import browser_in_words
from tests.personas import PASSWORD

CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"


@pytest.mark.parametrize(
    ("user_agent", "words"),
    [
        (CHROME_LINUX, "Chrome on Linux"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
            "Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari on an iPhone",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
            "Safari/605.1.15",
            "Safari on a Mac",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
            "Mobile Safari/537.36",
            "Chrome on Android",
        ),
        ("curl/8.5.0", "A browser"),
        ("", "A browser"),
        (None, "A browser"),
    ],
)
def test_a_browser_is_named_in_words(user_agent, words):
    assert browser_in_words(user_agent) == words


def test_the_sessions_page_names_the_browser_in_words(alice):
    client = Client(HTTP_USER_AGENT=CHROME_LINUX)
    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    html = client.get("/accounts/sessions/").content.decode()
    assert ">Chrome on Linux</span>" in html
    assert ">Mozilla/5.0" not in html
