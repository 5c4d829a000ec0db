"""Checklist item 77, a partner's read racing a revoke: while Bob reloads his Together page in 99 browsers, Alice
unlinks, blocks, or stops showing her status (through the real pages). Every read of Bob's that started after
Alice's change was saved shows nothing of what she took back. A read already under way when it was
saved may show what it read just before (as if it had come a moment earlier); that is all it can show.

Why it holds: the page reads the link and the shares from the database on every request (no cache; the answer
is ``no-store``), each in its own statements: on PostgreSQL each statement sees what was saved before it began
(read committed); on SQLite a read sees the database as of its first statement. The change itself is one
transaction, so no read sees half of it. How the race is run: tests/races.py."""

import pytest
from django.test import Client
from django.utils import timezone

from earnedsecure.domain.together.sharing import CATEGORY_TEXT, STATUS_TEXT, Category, Status
from earnedsecure.partners import services
from tests.partners.helpers import link, partner_section
from tests.personas import make_person
from tests.races import as_installed, read_while_revoking

READS_EACH_SIDE = 1  # per reader, before the change is made and after it is saved
READERS = 99  # Bob's browsers: with Alice's, 100 threads (checklist item 77)


def _unlink(client):
    return client.post("/together/unlink/")


def _block(client):
    return client.post("/together/block/")


def _stop_showing_status(client):
    return client.post("/together/choose/", {"categories": [Category.WEEK.value]})


def _reader(client, withdrawn):
    def shown() -> bool:
        page = client.get("/together/").content.decode()
        if 'aria-labelledby="partner-heading"' not in page:
            return False  # not linked: no partner section at all
        section = partner_section(page)
        return any(words in section for words in withdrawn)

    return shown


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", [_unlink, _block, _stop_showing_status], ids=["unlink", "block", "narrow"])
def test_no_read_that_starts_after_a_revoke_shows_what_was_taken_back(change, tmp_path):
    name = change.__name__.strip("_")
    alice = make_person(f"alice-{name}", first_name="Alice")
    bob = make_person(f"bob-{name}", first_name="Bob")
    link(alice, bob)
    services.status_choose(owner=alice, status=Status.REASSURANCE, now=timezone.now())
    services.categories_choose(owner=alice, categories=set(Category))
    withdrawn = [STATUS_TEXT[Status.REASSURANCE], CATEGORY_TEXT[Category.STATUS][0]]
    if change is not _stop_showing_status:
        withdrawn += [CATEGORY_TEXT[Category.WEEK][0], CATEGORY_TEXT[Category.STAGE][0]]
    alice_client = Client()
    alice_client.force_login(alice)
    readers = []
    for _ in range(READERS):
        bob_client = Client()
        bob_client.force_login(bob)
        readers.append(_reader(bob_client, withdrawn))

    def revoke():
        assert change(alice_client).status_code == 302  # through the page, with no password asked

    with as_installed(tmp_path):
        reads = read_while_revoking(readers, revoke, reads_each_side=READS_EACH_SIDE)

    after = [shown for started_after, shown in reads if started_after]
    before = [shown for started_after, shown in reads if not started_after]
    assert len(after) == READERS * READS_EACH_SIDE
    assert not any(after), reads  # nothing taken back is shown by a read that began after it was saved
    assert before.count(True) >= READERS * READS_EACH_SIDE, reads  # it was shown before: the test can fail
