"""The load test with locust: seeded people sign in once, then send the mix (benchmarks/load/mix.py) without pause.

Loopback only, bounded in users and time; benchmarks/load/run.py starts the servers and runs this, e.g.

    locust -f benchmarks/load/locustfile.py --headless --host http://127.0.0.1:8000 -u 16 -r 4 -t 60s \
        --reset-stats --csv /tmp/load

LOAD_PEOPLE says how many seeded people there are (benchmarks/load/seed.py); each simulated person is one of
them, drawn at random. Signing in, and the password asked again before an export (Argon2, once per person), are
not in the figures; run.py warms each server up with the mix before locust starts.
"""

import os
import random
import sys
from itertools import count
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locust import HttpUser, constant, events, task
from mix import Browser, export_link, floor_request, next_request
from seed import LOAD_PASSWORD, username

PEOPLE = int(os.environ.get("LOAD_PEOPLE", "2000"))
FLOOR_EVERY = 5
FOLLOWED = "GET export link"  # locust times each request apart: the export's two are "POST export" and this
_serials = count()


@events.init.add_listener
def _loopback_only(environment, **kwargs):
    host = urlsplit(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"the load test runs against this machine only, not {host!r}")


class Person(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        # Signing in (and the password again, which "export my data" asks for) goes through a separate connection
        # and is not recorded: two Argon2 checks per person, measured apart (docs/scaling.md). The session's
        # cookies then go on locust's client, so every recorded request is one of the mix.
        self.rng = random.Random()
        self.sent = 0
        address = urlsplit(self.host)
        browser = Browser(address.hostname, address.port).sign_in(username(self.rng.randrange(PEOPLE)), LOAD_PASSWORD)
        for name, value in browser.cookies.items():
            self.client.cookies.set(name, value, domain=address.hostname, path="/")

    @task
    def next_in_the_mix(self):
        self.sent += 1
        if self.sent % FLOOR_EVERY == 0:
            request = floor_request()
        else:
            request = next_request(self.rng, serial=f"locust-{next(_serials)}")
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": f"{self.host}{request.path}"}
        data = None
        if request.form is not None:
            data = {**request.form, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.request(
            request.method,
            request.path,
            name=request.name,
            headers=headers,
            json=request.json_body,
            data=data,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != request.expect:
                response.failure(f"{response.status_code}, expected {request.expect}")
                return
            page = response.content
        if request.follow_link:  # the export: open the single-use link the page holds, reported on its own line
            with self.client.get(export_link(page), name=FOLLOWED, catch_response=True) as opened:
                if opened.status_code != 200:
                    opened.failure(f"{opened.status_code}, expected 200")
