"""The access log the person sees: one row per read, no content, append-only, tamper-evident (item 60)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from earnedsecure.care import services
from earnedsecure.care.models import AccessLogEntry, Category
from earnedsecure.core.logs import request_id_new
from tests.care.conftest import grant
from tests.care.data import DIARY_WORDS, history


def test_every_read_writes_exactly_one_row(alice, theo_totp, theo_client):
    grant(alice, theo_totp, categories=[Category.CHECK_INS, Category.ACTIVATION])
    for path, action in (
        ("/clinician/", "caseload"),
        (f"/clinician/client/{alice.pk}/", "report"),
        (f"/clinician/client/{alice.pk}/report.pdf", "pdf"),
        (f"/clinician/client/{alice.pk}/check-ins.fhir.json", "fhir"),
        (f"/clinician/client/{alice.pk}/activation/", "report"),
    ):
        before = AccessLogEntry.objects.count()
        response = theo_client.get(path)
        assert response.status_code == 200
        assert AccessLogEntry.objects.count() == before + 1, path
        row = AccessLogEntry.objects.order_by("-pk").first()
        assert (row.owner_id, row.actor_id, row.action) == (alice.pk, theo_totp.user_id, action)
        assert row.request_id == response["X-Request-ID"], path
    assert AccessLogEntry.objects.order_by("-pk").first().categories == "activation"
    assert AccessLogEntry.objects.get(action="fhir").categories == "check_ins"
    assert AccessLogEntry.objects.get(action="caseload").categories == "check_ins,activation"


def test_each_row_holds_the_id_of_the_request_that_read(alice, theo_totp, theo_client):
    """The id the answer carried is the row's: one request, one id; two requests, two ids."""
    grant(alice, theo_totp)
    first = theo_client.get(f"/clinician/client/{alice.pk}/")
    second = theo_client.get(f"/clinician/client/{alice.pk}/")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert ids[0] != ids[1] and all(len(id_) == 32 for id_ in ids)
    assert list(AccessLogEntry.objects.order_by("pk").values_list("request_id", flat=True)) == ids
    assert services.access_log_verify() == []


def test_a_refused_read_writes_nothing(alice, theo_totp, theo_client):
    grant(alice, theo_totp, categories=[Category.CHECK_INS])
    assert theo_client.get(f"/clinician/client/{alice.pk}/activation/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_it_holds_no_content(alice, theo_totp, theo_client):
    history(alice)
    grant(alice, theo_totp)
    theo_client.get(f"/clinician/client/{alice.pk}/")
    row = AccessLogEntry.objects.get()
    assert DIARY_WORDS not in str(vars(row))
    assert row.at.utcoffset().total_seconds() == 0


def test_the_person_sees_who_looked_at_what(alice, alice_client, theo_totp, theo_client):
    grant(alice, theo_totp, categories=[Category.PATHWAY])
    theo_client.get(f"/clinician/client/{alice.pk}/")
    page = alice_client.get("/account/therapist/").content.decode()
    assert "Theo Hart: opened the report" in page and "Pathway stage" in page


def test_a_stranger_sees_nothing_of_it(alice, charlie_client, theo_totp, theo_client):
    grant(alice, theo_totp)
    theo_client.get(f"/clinician/client/{alice.pk}/")
    assert "Theo Hart" not in charlie_client.get("/account/therapist/").content.decode()


def test_the_model_refuses_update_and_delete(alice, therapist):
    services.access_log_append(
        therapist=therapist, reads={alice.pk: ["pathway"]}, action="report", now=timezone.now(), request_id=""
    )
    row = AccessLogEntry.objects.get()
    for attempt in (
        lambda: AccessLogEntry.objects.filter(pk=row.pk).update(action="pdf"),
        lambda: AccessLogEntry.objects.filter(pk=row.pk).delete(),
        row.delete,
        row.save,
    ):
        with pytest.raises(PermissionError):
            attempt()


def tamper(sql: str, params: list) -> None:
    """Change the log behind the app's back, as someone who owns the database could (on PostgreSQL, with the
    table's triggers switched off first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending, or the table cannot be altered
            cursor.execute("ALTER TABLE care_accesslogentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE care_accesslogentry ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_verify_succeeds_then_fails_after_tampering(alice, charlie, therapist):
    now = timezone.now()
    for _ in range(3):
        services.access_log_append(
            therapist=therapist,
            reads={alice.pk: ["pathway"], charlie.pk: ["safety"]},
            action="report",
            now=now,
            request_id=request_id_new(),
        )
    call_command("care_verify_log")
    middle = AccessLogEntry.objects.filter(owner=alice).order_by("pk")[1]
    tamper("UPDATE care_accesslogentry SET action = 'caseload' WHERE id = %s", [middle.pk])
    with pytest.raises(CommandError, match=str(middle.pk)):
        call_command("care_verify_log")


def test_verify_fails_when_a_request_id_is_changed_added_or_removed(alice, therapist):
    """The request id is in the hash: a row without one (written before ids existed) still verifies, and
    changing any row's id, giving one to a row without, or taking one away, breaks that row."""
    for request_id in ("", request_id_new(), request_id_new()):
        services.access_log_append(
            therapist=therapist,
            reads={alice.pk: ["pathway"]},
            action="report",
            now=timezone.now(),
            request_id=request_id,
        )
    without, changed, removed = AccessLogEntry.objects.order_by("pk")
    assert services.access_log_verify() == []
    tamper("UPDATE care_accesslogentry SET request_id = %s WHERE id = %s", ["f" * 32, without.pk])
    tamper("UPDATE care_accesslogentry SET request_id = %s WHERE id = %s", ["0" * 32, changed.pk])
    tamper("UPDATE care_accesslogentry SET request_id = '' WHERE id = %s", [removed.pk])
    assert services.access_log_verify() == [without.pk, changed.pk, removed.pk]


def test_verify_finds_a_row_removed_from_the_middle(alice, therapist):
    for _ in range(3):
        services.access_log_append(
            therapist=therapist, reads={alice.pk: ["pathway"]}, action="report", now=timezone.now(), request_id=""
        )
    _, middle, last = AccessLogEntry.objects.order_by("pk")
    tamper("DELETE FROM care_accesslogentry WHERE id = %s", [middle.pk])
    assert services.access_log_verify() == [last.pk]


def test_chains_do_not_fork(alice, therapist):
    from django.db import IntegrityError

    services.access_log_append(
        therapist=therapist, reads={alice.pk: ["pathway"]}, action="report", now=timezone.now(), request_id=""
    )
    row = AccessLogEntry.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessLogEntry.objects.bulk_create(
            [
                AccessLogEntry(
                    owner=alice,
                    actor_id=1,
                    actor_name="x",
                    categories="pathway",
                    action="report",
                    at=timezone.now(),
                    previous_hash=row.previous_hash,
                    row_hash="f" * 64,
                )
            ]
        )


def test_account_deletion_removes_the_persons_whole_chain(alice, charlie, therapist):
    from earnedsecure.accounts.services import account_delete

    services.access_log_append(
        therapist=therapist,
        reads={alice.pk: ["pathway"], charlie.pk: ["pathway"]},
        action="report",
        now=timezone.now(),
        request_id="",
    )
    account_delete(user=alice)
    if connection.vendor == "postgresql":  # the delete trigger is checked at commit: check it now
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert list(AccessLogEntry.objects.values_list("owner_id", flat=True)) == [charlie.pk]
    assert services.access_log_verify() == []


def test_the_database_itself_refuses_on_postgresql(alice, therapist):
    """On PostgreSQL the trigger refuses an UPDATE at once and a DELETE at commit (while the person exists).
    SQLite has no deferred triggers: there a change behind the app's back is caught by the verify command."""
    services.access_log_append(
        therapist=therapist, reads={alice.pk: ["pathway"]}, action="report", now=timezone.now(), request_id=""
    )
    row = AccessLogEntry.objects.get()
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE care_accesslogentry SET action = 'pdf' WHERE id = %s", [row.pk])
        assert services.access_log_verify() == [row.pk]
        return
    from django.db import DatabaseError

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE care_accesslogentry SET action = 'pdf' WHERE id = %s", [row.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM care_accesslogentry WHERE id = %s", [row.pk])
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_persons_log_outlives_the_therapists_account(alice, theo, theo_totp, theo_client):
    from earnedsecure.accounts.services import account_delete

    grant(alice, theo_totp)
    theo_client.get(f"/clinician/client/{alice.pk}/")
    account_delete(user=theo)
    row = AccessLogEntry.objects.get(owner=alice)
    assert row.actor_name == "Theo Hart"
    assert services.access_log_verify() == []
