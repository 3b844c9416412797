"""SQLite refuses DELETE on the audit table as well (0002 refused UPDATE only, because the test
runner empties tables with DELETE; the tests now empty the audit table themselves first, see
`core.testing.purge_audit_trail`). PostgreSQL's trigger (0002) already refuses both."""

from django.db import migrations

SQLITE_FORWARD = """
CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: DELETE refused'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS core_auditentry_no_delete;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_shared_cache_table")]
    operations = [migrations.RunPython(forward, backward)]
