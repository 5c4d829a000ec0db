from tests.browser.conftest import serious_axe_violations


def test_the_accessibility_check_really_catches_problems(page, db):
    """Guards the guard: a page with known serious violations must be reported."""
    page.goto("/privacy/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=\"/static/earnedsecure/icon.svg\"><button></button>')"
    )
    found = " ".join(serious_axe_violations(page))
    assert "image-alt" in found
    assert "button-name" in found
