"""The database itself refuses to change the crisis logbook, as it does the audit trail (core
migrations 0002 and 0008): a correction is a new entry, never an UPDATE.

PostgreSQL: a row trigger refuses UPDATE and DELETE (TRUNCATE is the table owner's, which the
application's role is not: `chancery grant-app-role` revokes it with UPDATE and DELETE, the table
being registered as append-only in CrisisConfig.ready()). SQLite: triggers refuse UPDATE and DELETE
(the tests empty the table first after a transactional test: `core.testing.purge_audit_trail`
drops and remakes every `*_no_delete` trigger)."""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION chancery_crisis_logbook_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The crisis logbook is append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER crisis_logentry_append_only
    BEFORE UPDATE OR DELETE ON crisis_logentry
    FOR EACH ROW EXECUTE FUNCTION chancery_crisis_logbook_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS crisis_logentry_append_only ON crisis_logentry;
DROP FUNCTION IF EXISTS chancery_crisis_logbook_append_only();
"""
SQLITE_FORWARD = (
    """CREATE TRIGGER IF NOT EXISTS crisis_logentry_no_update BEFORE UPDATE ON crisis_logentry
BEGIN SELECT RAISE(ABORT, 'The crisis logbook is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER IF NOT EXISTS crisis_logentry_no_delete BEFORE DELETE ON crisis_logentry
BEGIN SELECT RAISE(ABORT, 'The crisis logbook is append-only: DELETE refused'); END;""",
)
SQLITE_BACKWARD = (
    "DROP TRIGGER IF EXISTS crisis_logentry_no_update;",
    "DROP TRIGGER IF EXISTS crisis_logentry_no_delete;",
)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("crisis", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
