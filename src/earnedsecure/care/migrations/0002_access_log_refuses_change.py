"""On PostgreSQL the database itself refuses to change or remove an access-log row (checklist item 60).

UPDATE is refused at once. DELETE is checked at commit (a deferred constraint trigger): it stands only when the
person the row is about no longer exists, that is when their own account deletion removes their whole chain in
the same transaction. SQLite has no such triggers here; the model refuses update and delete on every database.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION care_log_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'care_accesslogentry is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER care_log_no_update BEFORE UPDATE ON care_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION care_log_refuse_update();

CREATE FUNCTION care_log_refuse_delete() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM accounts_user WHERE id = OLD.owner_id) THEN
        RAISE EXCEPTION 'care_accesslogentry is append-only';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER care_log_no_delete AFTER DELETE ON care_accesslogentry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION care_log_refuse_delete();
"""

DROP = """
DROP TRIGGER IF EXISTS care_log_no_delete ON care_accesslogentry;
DROP TRIGGER IF EXISTS care_log_no_update ON care_accesslogentry;
DROP FUNCTION IF EXISTS care_log_refuse_delete();
DROP FUNCTION IF EXISTS care_log_refuse_update();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("care", "0001_therapists_grants_log_homework")]

    operations = [migrations.RunPython(forward, backward)]
