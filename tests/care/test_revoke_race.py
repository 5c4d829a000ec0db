"""Checklist item 77, a therapist's read racing a revoke: while Theo reloads Alice's page in 99 browsers, Alice
stops his access on her own page. Every read of his that started after her stop was saved is refused (404); a read
already under way may still answer with what it read a moment before. How the race is run: tests/races.py."""

import pytest
from django.test import Client

from tests.care.conftest import grant
from tests.races import as_installed, read_while_revoking

READS_EACH_SIDE = 1
READERS = 99  # Theo's browsers: with Alice's, 100 threads (checklist item 77)


@pytest.mark.django_db(transaction=True)
def test_no_read_that_starts_after_a_grant_is_stopped_shows_anything(alice, alice_client, theo, theo_totp, tmp_path):
    made = grant(alice, theo_totp)
    readers = []
    for _ in range(READERS):
        theo_client = Client()
        theo_client.force_login(theo)

        def shown(client=theo_client) -> bool:
            response = client.get(f"/clinician/client/{alice.pk}/")
            assert response.status_code in (200, 404), response.status_code
            return response.status_code == 200

        readers.append(shown)

    def revoke():
        assert alice_client.post(f"/account/therapist/{made.pk}/stop/").status_code == 302

    with as_installed(tmp_path):
        reads = read_while_revoking(readers, revoke, reads_each_side=READS_EACH_SIDE)

    after = [shown for started_after, shown in reads if started_after]
    before = [shown for started_after, shown in reads if not started_after]
    assert len(after) == READERS * READS_EACH_SIDE
    assert not any(after), reads
    assert before.count(True) >= READERS * READS_EACH_SIDE, reads  # he read it before: the test can fail
