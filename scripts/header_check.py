"""Live header check of a running installation (security checklist, item 70), standard library only.

    .venv/bin/python scripts/header_check.py https://staging.example.org --username U   (password: HEADER_CHECK_PASSWORD)
    .venv/bin/python scripts/header_check.py http://127.0.0.1:8000 --forwarded-proto https --username U

It asks the server itself, over the network, as a browser would: the landing page signed out, then (with
``--username``; the password from the environment variable HEADER_CHECK_PASSWORD, never the command line) it signs
in through the sign-in form and asks for the home page. It checks:

* on the landing page: ``Strict-Transport-Security`` with a max-age of at least a year, ``Content-Security-Policy``
  (present, with ``default-src``), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy``, ``Permissions-Policy``
  denying geolocation, camera and microphone, and ``Cross-Origin-Opener-Policy``;
* on the signed-in home page: the same, and ``Cache-Control`` with ``no-store``.

HSTS belongs to HTTPS: against an ``http://`` address it is checked only with ``--forwarded-proto https``, which
sends ``X-Forwarded-Proto: https`` as the reverse proxy does, for an app server asked directly behind its proxy
(tests/deploy/test_header_check.py does that on every CI run). Against a staging or production address, give the
``https://`` address and no ``--forwarded-proto``.

Exit status 0 when every check passes; 1 with one line per failed check; 2 when the server cannot be asked or the
sign-in fails.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

ONE_YEAR = 31_536_000
TIMEOUT = 20


class CannotAsk(Exception):
    pass


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: str


@dataclass
class Session:
    """One browser: the address, the cookies it was given (kept whatever their Secure flag, so that an app
    server behind its proxy can be asked over plain HTTP), and the extra headers it sends."""

    base: str
    extra_headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def ask(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        parts = urlsplit(self.base)
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.netloc, timeout=TIMEOUT)
        headers = {"User-Agent": "earnedsecure-header-check", **self.extra_headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # Django's CSRF check over HTTPS wants a Referer of the same origin, as the browser sees it.
            scheme = self.extra_headers.get("X-Forwarded-Proto", parts.scheme)
            headers["Referer"] = f"{scheme}://{parts.netloc}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        except OSError as error:
            raise CannotAsk(f"{method} {self.base}{path}: {error}") from error
        finally:
            connection.close()
        joined: dict[str, str] = {}
        for name, value in response.getheaders():
            name = name.lower()
            if name == "set-cookie":
                cookie = value.split(";", 1)[0]
                if "=" in cookie:
                    key, _, kept = cookie.partition("=")
                    self.cookies[key.strip()] = kept.strip()
            joined[name] = f"{joined[name]}, {value}" if name in joined else value
        return Answer(response.status, joined, raw.decode("utf-8", "replace"))


def header_problems(headers: dict[str, str], *, page: str, expect_hsts: bool, signed_in: bool) -> list[str]:
    """One line per check that ``headers`` (lower-case names) fails, for the page named ``page``."""
    problems = []

    def missing(name: str) -> bool:
        if name.lower() not in headers:
            problems.append(f"{page}: no {name} header")
            return True
        return False

    if expect_hsts and not missing("Strict-Transport-Security"):
        found = re.search(r"max-age=(\d+)", headers["strict-transport-security"])
        if not found or int(found.group(1)) < ONE_YEAR:
            problems.append(f"{page}: Strict-Transport-Security max-age is under a year")
    if not missing("Content-Security-Policy") and "default-src" not in headers["content-security-policy"]:
        problems.append(f"{page}: Content-Security-Policy has no default-src")
    if not missing("X-Content-Type-Options") and headers["x-content-type-options"].strip().lower() != "nosniff":
        problems.append(f"{page}: X-Content-Type-Options is not nosniff")
    missing("Referrer-Policy")
    if not missing("Permissions-Policy"):
        policy = headers["permissions-policy"].replace(" ", "")
        for feature in ("geolocation", "camera", "microphone"):
            if f"{feature}=()" not in policy:
                problems.append(f"{page}: Permissions-Policy does not deny {feature}")
    missing("Cross-Origin-Opener-Policy")
    if signed_in and not missing("Cache-Control") and "no-store" not in headers["cache-control"]:
        problems.append(f"{page}: Cache-Control has no no-store on a signed-in page")
    return problems


def _csrf_token(session: Session, page: Answer) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    return found.group(1) if found else session.cookies.get("csrftoken", "")


def check(base: str, *, forwarded_proto: str | None, username: str | None, password: str | None) -> list[str]:
    """Every failed check against the installation at ``base``. Raises CannotAsk if it cannot be asked."""
    extra = {"X-Forwarded-Proto": forwarded_proto} if forwarded_proto else {}
    session = Session(base.rstrip("/"), extra)
    expect_hsts = urlsplit(base).scheme == "https" or forwarded_proto == "https"
    landing = session.ask("GET", "/")
    if landing.status != 200:
        raise CannotAsk(f"GET {base}/ answered {landing.status}, not 200")
    problems = header_problems(landing.headers, page="/", expect_hsts=expect_hsts, signed_in=False)
    if username is None:
        return problems
    login = session.ask("GET", "/accounts/login/")
    form = {"login": username, "password": password or "", "csrfmiddlewaretoken": _csrf_token(session, login)}
    signed = session.ask("POST", "/accounts/login/", form)
    if signed.status != 302:
        raise CannotAsk(f"signing in as {username} answered {signed.status}, not a redirect: wrong password?")
    home = session.ask("GET", "/home/")
    if home.status != 200:
        raise CannotAsk(f"GET /home/ signed in answered {home.status}, not 200")
    return problems + header_problems(home.headers, page="/home/ (signed in)", expect_hsts=expect_hsts, signed_in=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the installation's address, e.g. https://staging.example.org")
    parser.add_argument("--forwarded-proto", choices=["https"], help="send X-Forwarded-Proto, as the proxy does")
    parser.add_argument("--username", help="an account to sign in with (password: HEADER_CHECK_PASSWORD)")
    args = parser.parse_args(argv)
    password = os.environ.get("HEADER_CHECK_PASSWORD")
    if args.username and not password:
        print("Set HEADER_CHECK_PASSWORD to the account's password.", file=sys.stderr)
        return 2
    try:
        problems = check(args.base, forwarded_proto=args.forwarded_proto, username=args.username, password=password)
    except CannotAsk as error:
        print(f"cannot check: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{args.base}: every header check passed" + ("" if args.username else " (signed out only)"))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
