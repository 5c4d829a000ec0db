"""Checklist item 77, race safety on links: two people who both hold one person's code and enter it at the same
moment never both link with them. The invite row is locked while it is spent (PostgreSQL), writes take turns
(SQLite), and one link per person is a database constraint, so the slower one gets "that code does not link"
or a refused write, never a second link."""

import threading

import pytest
from django.db import DatabaseError, connections
from django.utils import timezone

from earnedsecure.partners import services
from earnedsecure.partners.models import Invite, Link
from tests.personas import make_person

TRIES = 3  # rounds, each with a fresh code and two fresh people racing for it


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
def test_two_people_entering_one_code_at_once_never_both_link():
    for round_number in range(TRIES):
        inviter = make_person(f"inviter{round_number}")
        racers = [make_person(f"racer{round_number}a"), make_person(f"racer{round_number}b")]
        code = services.invite_create(owner=inviter, now=timezone.now())
        outcomes = _race(code, racers)
        linked = [name for name, outcome in outcomes.items() if isinstance(outcome, Link)]
        assert len(linked) == 1, outcomes  # one links; the other is told the code does not link, or refused
        assert Link.objects.filter(owner=inviter).count() == len(linked)
        partners = set(Link.objects.filter(owner=inviter).values_list("partner__username", flat=True))
        assert partners == set(linked)
        for racer in racers:
            mine = Link.objects.filter(owner=racer).values_list("partner_id", flat=True)
            assert list(mine) == ([inviter.pk] if racer.username in linked else [])
        assert Invite.objects.filter(owner=inviter, spent=True).count() == len(linked)
