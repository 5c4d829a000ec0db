"""core 0004-0006: the wrapped keys leave the main database for the key store (core/keystore.py), and come back
when the migrations are undone. Run with Django's MigrationExecutor on rows made with the historical models."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from earnedsecure.core import crypto, keystore

BEFORE = [("core", "0003_seal_personal_rows")]


def migrate(core_targets):
    executor = MigrationExecutor(connection)
    targets = core_targets + [node for node in executor.loader.graph.leaf_nodes() if node[0] != "core"]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _columns() -> set[str]:
    with connection.cursor() as cursor:
        return {column.name for column in connection.introspection.get_table_description(cursor, "core_personkey")}


@pytest.mark.django_db(transaction=True)
def test_the_keys_move_to_the_key_store_and_their_words_still_read():
    latest = [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] == "core"]
    try:
        apps = migrate(BEFORE)
        User = apps.get_model("accounts", "User")
        PersonKey = apps.get_model("core", "PersonKey")
        people = {}
        for name in ("ann", "ben"):
            person_key = Fernet.generate_key()
            row = PersonKey.objects.create(
                owner=User.objects.create(username=name),
                key_id=f"{name}-key",
                wrapped_key=crypto._cipher().encrypt(person_key).decode("ascii"),
            )
            # What their rows hold: ciphertext under their key, tagged with its id.
            people[name] = (
                row.key_id,
                row.wrapped_key,
                f"person:{row.key_id}:" + Fernet(person_key).encrypt(b"x").decode(),
            )

        migrate(latest)
        assert "wrapped_key" not in _columns()
        crypto.person_keys_forget()
        for key_id, wrapped_key, stored in people.values():
            assert keystore.key_get(key_id) == wrapped_key
            assert crypto.decrypt(stored) == "x"

        PersonKey = migrate(BEFORE).get_model("core", "PersonKey")  # undone: the keys are copied back
        assert dict(PersonKey.objects.values_list("key_id", "wrapped_key")) == {
            key_id: wrapped_key for key_id, wrapped_key, _ in people.values()
        }
    finally:
        migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_an_installation_from_before_person_keys_upgrades_in_one_go(canary):
    # core 0003 seals master-key values under each person's key, made by today's code while the key column of
    # 0002 still exists; the later steps then take that column away.
    latest = [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] == "core"]
    try:
        apps = migrate([("core", "0001_safety_plan")])
        User = apps.get_model("accounts", "User")
        SafetyPlan = apps.get_model("core", "SafetyPlan")
        person = User.objects.create(username="early")
        with connection.cursor() as cursor:
            SafetyPlan.objects.create(owner=person)
            cursor.execute("UPDATE core_safetyplan SET warning_signs = %s", [crypto.encrypt(canary)])

        migrate(latest)
        crypto.person_keys_forget()
        with connection.cursor() as cursor:
            cursor.execute("SELECT warning_signs FROM core_safetyplan")
            (stored,) = cursor.fetchone()
        assert stored.startswith(crypto.PERSON_PREFIX)
        assert crypto.decrypt(stored) == canary
        assert "wrapped_key" not in _columns()
    finally:
        migrate(latest)
