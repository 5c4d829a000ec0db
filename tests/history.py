"""A person with months of history, for the tests that pin a page's exact query count: the demo person of
``earnedsecure demo`` (every app's seeder), signed in. Run a test at two lengths to show the count does not
grow with history."""

from django.test import Client

from earnedsecure.core.demo import demo_create

HISTORY_MONTHS = [3, 36]


def client_with_history(months: int, *, warm_up: str = "/still-here/") -> Client:
    """The demo person with ``months`` of history, signed in, after one visit to ``warm_up`` (the first request
    records the session's activity and the first visit to a page may record stages reached)."""
    person = demo_create(months=months)
    client = Client()
    client.force_login(person)
    client.get("/still-here/")
    client.get(warm_up)
    return client
