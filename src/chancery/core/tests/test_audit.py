"""The audit trail is append-only, in the application and in the database."""

import uuid

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


def test_database_refuses_raw_delete(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")
def test_the_application_role_cannot_rewrite_the_trail_even_without_the_trigger(entry):
    """The deployment: migrations run as the tables' owner, the application connects as a role with
    only `chancery grant-app-role`'s grants. That role adds entries and reads them, but may not
    UPDATE, DELETE or TRUNCATE the trail, nor drop the trigger: the refusal here is the database's
    permission check, not the trigger (which TRUNCATE would pass)."""
    from chancery.core.database_roles import grants

    role = f"chancery_app_{uuid.uuid4().hex[:10]}"  # roles are cluster-wide: one of its own
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")  # rolled back with the test's transaction
        for statement in grants(connection, role):
            cursor.execute(statement)

    def as_app(sql, params=()):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {role}")
            cursor.execute(sql, params)
            cursor.execute("RESET ROLE")  # a released savepoint would keep SET LOCAL until the test ends

    as_app(
        "INSERT INTO core_auditentry (at, actor_id, actor_label, action, content_type_id, object_id,"
        " object_label, before, after, reason, source) SELECT now(), actor_id, actor_label, action,"
        " content_type_id, object_id, object_label, before, after, 'door de app', source"
        " FROM core_auditentry WHERE id = %s",
        [entry.pk],
    )
    assert AuditEntry.objects.filter(reason="door de app").exists()
    as_app("UPDATE core_document SET title = title")  # the other tables: read and written as before
    for statement in (
        "UPDATE core_auditentry SET reason = 'herschreven'",
        "DELETE FROM core_auditentry",
        "TRUNCATE core_auditentry",
        "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only",
    ):
        with pytest.raises(DatabaseError, match="permission denied|must be owner"):
            as_app(statement)
    assert AuditEntry.objects.filter(pk=entry.pk, reason="").exists()


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
