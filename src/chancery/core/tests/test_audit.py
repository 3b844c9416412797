"""The audit trail is append-only, in the application and in the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from chancery.core import audit, services
from chancery.core.authz import may
from chancery.core.models import AuditAction, AuditEntry
from chancery.core.models.audit import AuditTrailIsAppendOnly
from chancery.core.testing import pdf_upload


@pytest.fixture
def entry(org):
    services.create_document(org.users["secretariat"], title="Nota", upload=pdf_upload())
    return AuditEntry.objects.order_by("pk").first()


def test_orm_cannot_change_or_remove_entries(entry):
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="herschreven")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.bulk_update([entry], ["reason"])
    entry.reason = "herschreven"
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_raw_update(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["herschreven", entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_database_refuses_raw_delete_on_postgresql(entry):
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"):
            _raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.filter(pk=entry.pk).exists()
    else:
        # SQLite: the test runner resets tables with DELETE, so only the application layer
        # guards deletes there (see migration 0002); prove that the trigger is what we think.
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditentry'")
            assert [row[0] for row in cursor.fetchall()] == ["core_auditentry_no_update"]


def test_trail_of_an_object_lists_its_entries_newest_first(org):
    secretariat = org.users["secretariat"]
    document = services.create_document(secretariat, title="Nota", upload=pdf_upload())
    services.change_document(secretariat, document, reason="titel", title="Nota (herzien)")
    trail = list(audit.trail_for(document))
    assert [e.action for e in trail] == [AuditAction.UPDATE, AuditAction.CREATE]
    assert trail[0].before == {**trail[0].after, "title": "Nota"}


def test_who_may_read_a_trail(org):
    secretariat = org.users["secretariat"]
    document = services.create_document(
        secretariat,
        title="Nota",
        upload=pdf_upload(),
        access_level="confidential",
        concerned_mandatees=[org.mandatees["a"]],
    )
    assert may(secretariat, "core.read_audit_trail", document)
    assert may(org.users["minister_concerned"], "core.read_audit_trail", document)
    assert not may(org.users["minister_other"], "core.read_audit_trail", document)
    assert not may(org.users["expert"], "core.read_audit_trail", document)
