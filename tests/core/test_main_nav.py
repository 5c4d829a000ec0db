"""The main menu marks where a person is: the pages the account page leads to are under Account."""

import re

import pytest


def _current(html: str) -> list[str]:
    nav = html.split('<nav class="site-nav"')[1].split("</nav>")[0]
    return re.findall(r'aria-current="page">([^<]+)</a>', nav)


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/home/", ["Home"]),
        ("/diary/tools/", ["Tools"]),
        ("/account/settings/", ["Account"]),
        ("/together/", ["Account"]),
        ("/together/safety-check/", ["Account"]),
        ("/research/studies/", ["Account"]),
        ("/help/plan/", ["Safety plan"]),
    ],
)
def test_one_menu_item_is_marked_as_the_page_a_person_is_on(alice_client, path, current):
    response = alice_client.get(path)
    assert response.status_code == 200
    assert _current(response.content.decode()) == current
