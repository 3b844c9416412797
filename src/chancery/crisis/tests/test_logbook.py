"""The logbook is append-only, in the application and in the database; a correction is a new entry
that points to the one it corrects."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from chancery.core.database_roles import APPEND_ONLY, grants
from chancery.crisis import services
from chancery.crisis.models import LogbookIsAppendOnly, LogEntry


@pytest.fixture
def entry(crisis, org):
    return services.add_entry(org.users["civil_servant"], crisis, "Stroom uitgevallen in blok B.")


def test_entries_are_numbered_and_a_correction_points_to_the_entry(crisis, entry, org):
    # Opening the crisis wrote entry 1; the civil servant's is 2.
    assert [e.number for e in LogEntry.objects.filter(crisis=crisis)] == [1, 2]
    correction = services.correct_entry(org.users["civil_servant"], entry, "Het gaat om blok C.")
    assert correction.number == 3 and correction.corrects == entry
    assert correction.occurred_at == entry.occurred_at
    entry.refresh_from_db()
    assert entry.text == "Stroom uitgevallen in blok B."  # the corrected entry stays as it was
    page = services.crisis_page(org.users["civil_servant"], crisis.pk)
    assert [c.number for c in next(e for e in page.entries if e.pk == entry.pk).corrected_by] == [3]


def test_a_level_change_writes_its_own_entry(crisis, org):
    services.set_level(org.users["civil_servant"], crisis, "flemish", "Meerdere gebouwen getroffen.")
    last = LogEntry.objects.filter(crisis=crisis).order_by("-number").first()
    assert "Departementale crisiscel → Vlaamse coördinatie" in last.text and "Meerdere gebouwen" in last.text
    with pytest.raises(ValidationError, match="Zeg waarom"):
        services.set_level(org.users["civil_servant"], crisis, "department", " ")


def test_orm_cannot_change_or_remove_entries(entry):
    with pytest.raises(LogbookIsAppendOnly):
        LogEntry.objects.filter(pk=entry.pk).update(text="herschreven")
    with pytest.raises(LogbookIsAppendOnly):
        LogEntry.objects.all().delete()
    with pytest.raises(LogbookIsAppendOnly):
        LogEntry.objects.bulk_update([entry], ["text"])
    entry.text = "herschreven"
    with pytest.raises(LogbookIsAppendOnly):
        entry.save()
    with pytest.raises(LogbookIsAppendOnly):
        entry.delete()
    assert LogEntry.objects.get(pk=entry.pk).text == "Stroom uitgevallen in blok B."


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_raw_update(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE crisis_logentry SET text = %s WHERE id = %s", ["herschreven", entry.pk])
    assert LogEntry.objects.get(pk=entry.pk).text == "Stroom uitgevallen in blok B."


def test_database_refuses_raw_delete(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM crisis_logentry WHERE id = %s", [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_logbook_is_append_only_for_the_application_role():
    assert "crisis_logentry" in APPEND_ONLY
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON "crisis_logentry" FROM "app"' in grants(connection, "app")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")
def test_the_application_role_cannot_rewrite_the_logbook_even_without_the_trigger(entry):
    role = f"chancery_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")  # rolled back with the test's transaction
        for statement in grants(connection, role):
            cursor.execute(statement)
    for statement in (
        "UPDATE crisis_logentry SET text = 'x'",
        "DELETE FROM crisis_logentry",
        "TRUNCATE crisis_logentry",
    ):
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as c:
            c.execute(f"SET LOCAL ROLE {role}")
            c.execute(statement)
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_bad_entries_are_refused_and_nothing_is_stored(crisis, org):
    before = LogEntry.objects.count()
    with pytest.raises(ValidationError, match="mag niet leeg zijn"):
        services.add_entry(org.users["civil_servant"], crisis, "   ")
    with pytest.raises(ValidationError, match="wat er gebeurde"):
        services.add_entry(
            org.users["civil_servant"], crisis, "Later", occurred_at=timezone.now() + datetime.timedelta(hours=1)
        )
    assert LogEntry.objects.count() == before


def test_only_the_cell_writes_in_the_logbook(crisis, org):
    for name in ("minister_concerned", "cabinet_concerned", "expert"):
        with pytest.raises(PermissionDenied):
            services.add_entry(org.users[name], crisis, "Niet van mij")
    services.add_entry(org.users["admin"], crisis, "Coördinator")  # coordinators work in every crisis
