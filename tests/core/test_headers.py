from datetime import UTC

import pytest

PAGES = ["/", "/help/crisis/", "/privacy/", "/accounts/login/"]


@pytest.mark.parametrize("path", PAGES)
def test_it_sends_strict_security_headers(client, db, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy
    assert response["Cache-Control"] == "no-store"


def test_personal_pages_are_never_cached(alice_client):
    assert alice_client.get("/home/")["Cache-Control"] == "no-store"


def test_security_txt_has_contact_and_a_future_expiry(client, db, settings):
    from datetime import datetime

    settings.SECURITY_CONTACT = "mailto:security@operator.example"
    body = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:security@operator.example\n" in body
    expires = next(line.split(": ", 1)[1] for line in body.splitlines() if line.startswith("Expires:"))
    assert datetime.fromisoformat(expires) > datetime.now(UTC)


def test_no_template_or_static_file_loads_anything_from_elsewhere():
    from pathlib import Path

    import earnedsecure

    root = Path(earnedsecure.__file__).parent
    trackers = ("googletagmanager", "google-analytics", "facebook.net", "hotjar", "mixpanel", "segment.io", "cdn.")
    offenders = []
    for path in [*root.rglob("*.html"), *root.rglob("*.js"), *root.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        if any(t in text for t in trackers) or 'src="http' in text or ('href="http' in text and ".css" in text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_inline_scripts_are_absent_from_our_templates():
    import re
    from pathlib import Path

    import earnedsecure

    root = Path(earnedsecure.__file__).parent
    inline = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", p.read_text(encoding="utf-8"))
        or re.search(r"\son(click|load|submit|change|input)=", p.read_text(encoding="utf-8"))
    ]
    assert inline == []
