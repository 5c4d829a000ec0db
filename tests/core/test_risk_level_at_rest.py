"""The risk level the diary and the coach store on each entry (hazard log H15) is never on disk in the clear:
a level reveals risk as surely as the words do, so it is encrypted with the person's own key like the PHQ-9
item-9 answer. Raw columns as the database returns them, and the bytes of a real SQLite file."""

from django.db import connection

from earnedsecure.coach import services as coach
from earnedsecure.core import crypto
from earnedsecure.diary import services as diary

from .test_data_at_rest import run_script

URGENT = "I have the pills ready and I am going to take them all tonight."
TABLES = ("diary_activation", "coach_thoughtrecord", "coach_messagedraft")


def raw_levels() -> list[tuple[int, str]]:
    found = []
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT owner_id, risk_level FROM {table}")  # noqa: S608
            found += cursor.fetchall()
    return found


def key_id(stored: str) -> str:
    return stored.removeprefix(crypto.PERSON_PREFIX).partition(":")[0]


def test_the_stored_level_is_ciphertext_under_the_persons_own_key(alice, bob):
    diary.activation_create(owner=alice, trigger="unavailable", intensity=8, thought=URGENT)
    coach.thought_record_create(owner=alice, automatic_thought=URGENT, intensity_before=9)
    coach.message_draft_create(owner=alice, draft=URGENT)
    coach.message_draft_create(owner=bob, draft="See you at six.")
    stored = raw_levels()
    assert len(stored) == 4
    for _, value in stored:
        assert "urgent" not in value and "none" not in value and "concern" not in value
        assert value.startswith(crypto.PERSON_PREFIX)
    assert sorted(crypto.decrypt(value) for _, value in stored) == ['"none"', '"urgent"', '"urgent"', '"urgent"']
    # Alice's levels are under her key, Bob's under his: deleting her account (her key) leaves hers unreadable.
    alices = {key_id(value) for owner, value in stored if owner == alice.pk}
    bobs = {key_id(value) for owner, value in stored if owner == bob.pk}
    assert len(alices) == 1 and len(bobs) == 1 and alices != bobs


def test_no_level_is_in_the_database_files(tmp_path):
    found = run_script(
        tmp_path,
        f"""
        import json
        from pathlib import Path
        from django.conf import settings
        from earnedsecure.accounts.models import User
        from earnedsecure.coach import services as coach
        from earnedsecure.diary import services as diary
        alice = User.objects.create_user(username="alice", email="alice@example.org", password="x" * 20)
        a = diary.activation_create(owner=alice, trigger="unavailable", intensity=8, thought={URGENT!r})
        t = coach.thought_record_create(owner=alice, automatic_thought={URGENT!r}, intensity_before=9)
        m = coach.message_draft_create(owner=alice, draft={URGENT!r})
        database = Path(settings.DATABASES["default"]["NAME"])
        wal = Path(f"{{database}}-wal")
        data = database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        print(json.dumps({{
            "levels": [a.risk_level, t.risk_level, m.risk_level],
            "hits": data.count(b"urgent"),
        }}))
        """,
    )
    assert found["levels"] == ["urgent", "urgent", "urgent"]
    assert found["hits"] == 0
