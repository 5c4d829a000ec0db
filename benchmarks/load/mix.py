"""The load test's mix, said once: which requests a seeded person sends, how often, and what answer is right.

    60% reads of personal pages   home, diary, insights, thinking tools, check-ins, pathway
    25% diary and coach writes    a diary entry or a thought record (through the API, as the app's pages' scripts do)
    10% check-ins                 a GAD-7 answered in full
     5% exports                   "export my data": the link prepared, then opened (all of the person's rows,
                                  decrypted, as JSON and CSV in a zip), timed as one

and the floor, /still-here/, the smallest signed-in page, which every other page is compared with.

Used by benchmarks/load/locustfile.py (locust, for the measured runs) and by benchmarks/load/run.py and
tests/deploy/test_load_mix.py (plain threads, no locust needed), so both send exactly these requests.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from earnedsecure.domain.instruments.registry import get_instrument

READ_PAGES = ("/home/", "/diary/", "/diary/insights/", "/think/", "/check-ins/", "/learn/pathway/")
FLOOR = "/still-here/"
WEIGHTS = {"read": 60, "write": 25, "check_in": 10, "export": 5}
TRIGGERS = ("unavailable", "threat", "need_unmet", "uncertainty", "other")
# The questionnaire's items come from its one definition (the domain needs no Django, so locust can import it).
GAD7 = get_instrument("gad-7")
# The single-use link on the page that answers "Prepare my export" (accounts/exports.py).
EXPORT_LINK = re.compile(rb'href="(/account/export/[^"/]+/)"')


@dataclass(frozen=True)
class Request:
    """One request of the mix: ``kind`` is its share's name, ``name`` the line it is reported under."""

    kind: str
    name: str
    method: str
    path: str
    expect: int
    json_body: dict | None = None
    form: dict | None = None
    # The answer is a page holding a single-use link (the export's): open it next, as a person would.
    follow_link: bool = False


def next_request(rng: random.Random, *, serial: str) -> Request:
    """Draw the next request of the mix. ``serial`` makes each written text unique (tests count them)."""
    kind = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    if kind == "read":
        page = rng.choice(READ_PAGES)
        return Request("read", f"GET {page}", "GET", page, 200)
    if kind == "write":
        if rng.random() < 0.6:
            body = {
                "trigger": rng.choice(TRIGGERS),
                "intensity": rng.randint(0, 10),
                "thought": f"They have not answered yet ({serial})",
                "urges": ["excessive_contact"],
                "response": "waited",
            }
            return Request("write", "POST diary entry", "POST", "/api/v1/diary/activations", 201, json_body=body)
        body = {
            "automatic_thought": f"If they cared they would have called ({serial})",
            "intensity_before": rng.randint(3, 10),
            "balanced_thought": "They have been busy before and it meant nothing",
            "intensity_after": rng.randint(0, 6),
        }
        return Request("write", "POST thought record", "POST", "/api/v1/coach/thoughts", 201, json_body=body)
    if kind == "check_in":
        answers = {item.id: rng.choice(GAD7.options).value for item in GAD7.items}
        body = {"instrument": GAD7.slug, "answers": answers}
        return Request("check_in", "POST check-in", "POST", "/api/v1/assessments/responses", 201, json_body=body)
    return Request("export", "POST export", "POST", "/account/export/", 200, form={}, follow_link=True)


def export_link(page: bytes) -> str:
    """The single-use link on the page that answers "Prepare my export"."""
    found = EXPORT_LINK.search(page)
    if found is None:
        raise RuntimeError("no export link on the page")
    return found.group(1).decode()


def floor_request() -> Request:
    return Request("floor", f"GET {FLOOR}", "GET", FLOOR, 200)


class Browser:
    """One signed-in person over one keep-alive connection: cookies, the CSRF token, nothing else."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=120)
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, body: str | None = None, content_type: str | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        if content_type:
            headers["Content-Type"] = content_type
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            # A server closed the kept-alive connection between requests: once more on a new one.
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def sign_in(self, username: str, password: str) -> Browser:
        self.send("GET", "/accounts/login/")
        form = {"login": username, "password": password, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        status, _ = self.send("POST", "/accounts/login/", urlencode(form), "application/x-www-form-urlencoded")
        if status != 302:
            raise RuntimeError(f"sign-in failed with {status}")
        # "Export my data" asks for the password again (allauth's re-authentication, good for five minutes):
        # given once here, so the mix's exports within those minutes go straight through, as a person's would.
        form = {"password": password, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        status, _ = self.send("POST", "/accounts/reauthenticate/", urlencode(form), "application/x-www-form-urlencoded")
        if status != 302:
            raise RuntimeError(f"re-authentication failed with {status}")
        return self

    def perform(self, request: Request) -> int:
        if request.json_body is not None:
            return self.send(request.method, request.path, json.dumps(request.json_body), "application/json")[0]
        if request.form is not None:
            form = {**request.form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            status, page = self.send(request.method, request.path, urlencode(form), "application/x-www-form-urlencoded")
            if request.follow_link and status == request.expect:
                return self.send("GET", export_link(page))[0]
            return status
        return self.send(request.method, request.path)[0]


@dataclass
class Tally:
    """Latencies (ms) by report line, answers that were not the expected one, and when it ran."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    started: float = 0.0
    finished: float = 0.0

    def record(self, request: Request, status: int, elapsed_ms: float) -> None:
        self.latencies.setdefault(request.name, []).append(elapsed_ms)
        if status != request.expect:
            key = f"{request.name} -> {status}"
            self.errors[key] = self.errors.get(key, 0) + 1

    def merge(self, other: Tally) -> None:
        for name, values in other.latencies.items():
            self.latencies.setdefault(name, []).extend(values)
        for key, count in other.errors.items():
            self.errors[key] = self.errors.get(key, 0) + count

    def all_but_floor(self) -> list[float]:
        return [v for name, values in self.latencies.items() if name != f"GET {FLOOR}" for v in values]

    def floor(self) -> list[float]:
        return self.latencies.get(f"GET {FLOOR}", [])


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 for p95); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def run_person(
    browser: Browser, *, rng: random.Random, requests: int, serial_prefix: str, floor_every: int = 5
) -> Tally:
    """Send ``requests`` of the mix one after another (no think time), a floor request every ``floor_every``."""
    tally = Tally()
    for i in range(requests):
        request = floor_request() if i % floor_every == 0 else next_request(rng, serial=f"{serial_prefix}-{i}")
        started = time.perf_counter()
        try:
            status = browser.perform(request)
        except (http.client.HTTPException, OSError):
            status = 0
        tally.record(request, status, (time.perf_counter() - started) * 1000)
    return tally
