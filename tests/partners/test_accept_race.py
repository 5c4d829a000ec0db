"""Checklist item 77, race safety on links: fifty people who all hold one person's code and enter it at the same
moment never link with them more than once. The invite row is locked while it is spent (PostgreSQL), writes take
turns (SQLite), and one link per person is a database constraint, so one links and each of the others gets "that
code does not link" or a refused write, never a second link."""

import threading

import pytest
from django.db import DatabaseError, connections
from django.utils import timezone

from earnedsecure.partners import services
from earnedsecure.partners.models import Invite, Link
from tests.personas import make_person

TRIES = 2  # rounds, each with a fresh code and fresh people racing for it
RACERS = 50  # entering the code at once (checklist item 77); PostgreSQL holds a connection for each, of its 100


def _race(code, people):
    start_line = threading.Barrier(len(people))
    outcomes: dict[str, object] = {}

    def enter(person):
        try:
            start_line.wait()
            outcomes[person.username] = services.invite_accept(user=person, typed=code, now=timezone.now())
        except DatabaseError as refused:  # the slower write refused: nothing of it was kept
            outcomes[person.username] = refused
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enter, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_fifty_people_entering_one_code_at_once_link_only_once():
    for round_number in range(TRIES):
        inviter = make_person(f"inviter{round_number}")
        racers = [make_person(f"racer{round_number}-{n}") for n in range(RACERS)]
        code = services.invite_create(owner=inviter, now=timezone.now())
        outcomes = _race(code, racers)
        linked = [name for name, outcome in outcomes.items() if isinstance(outcome, Link)]
        assert len(linked) == 1, outcomes  # one links; the others are told the code does not link, or refused
        assert len(outcomes) == RACERS, outcomes
        assert all(outcome is None or isinstance(outcome, DatabaseError | Link) for outcome in outcomes.values())
        assert Link.objects.filter(owner=inviter).count() == len(linked)
        partners = set(Link.objects.filter(owner=inviter).values_list("partner__username", flat=True))
        assert partners == set(linked)
        for racer in racers:
            mine = Link.objects.filter(owner=racer).values_list("partner_id", flat=True)
            assert list(mine) == ([inviter.pk] if racer.username in linked else [])
        assert Invite.objects.filter(owner=inviter, spent=True).count() == len(linked)
