"""Destruction lists: proposed by the system, approved with four eyes, carried out; legal holds;
the audit trail records what was destroyed without its content; a stored file another row still
uses stays in storage."""

import dataclasses
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.utils import translation

from chancery.archive.models import DestructionItem, ItemState, ListState
from chancery.archive.services import destruction, holds
from chancery.archive.testing import add_document, closed_case
from chancery.core.models import AuditAction, AuditEntry, Document, DocumentVersion
from chancery.core.services import create_document
from chancery.core.testing import pdf_upload
from chancery.procedures.models import Case

CLOSED = datetime.date(2010, 6, 1)
TODAY = datetime.date(2025, 1, 1)


@pytest.fixture
def old_file(org):
    case = closed_case("CSG-2010-0001", CLOSED)
    document = add_document(case, org.users["secretariat"], title="Zeer geheime uitvoerdetails")
    return case, document


def _approved(archivists):
    proposer, approver = archivists
    the_list = destruction.propose(proposer, TODAY)
    return destruction.approve(approver, the_list)


def test_the_whole_way_destroys_the_file_and_its_documents(
    org, archivists, old_file, django_capture_on_commit_callbacks
):
    case, document = old_file
    name = document.latest_version.file.name
    proposer, approver = archivists
    the_list = destruction.propose(proposer, TODAY)
    assert the_list.state == ListState.PROPOSED and the_list.number.startswith("VL-2025-")
    item = the_list.items.get()
    assert (item.identifier, item.closed_on, item.expires_on) == ("CSG-2010-0001", CLOSED, datetime.date(2020, 6, 1))
    destruction.approve(approver, the_list)
    with pytest.raises(ValidationError):  # a second list holds nothing new
        destruction.propose(proposer, TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        destruction.carry_out(approver, the_list, TODAY)
    item.refresh_from_db()
    assert item.state == ItemState.DESTROYED
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not DocumentVersion.objects.filter(file=name).exists()
    assert not storages["documents"].exists(name)


def test_destruction_is_audited_without_the_destroyed_content(org, archivists, old_file):
    the_list = _approved(archivists)
    destruction.carry_out(archivists[1], the_list, TODAY)
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_label="CSG-2010-0001")
    assert entry.before == {
        "type": "procedures.Case", "series": "procedures.CSG", "identifier": "CSG-2010-0001",
        "closed_on": "2010-06-01", "expires_on": "2020-06-01", "list": the_list.number,
        "approved_by": "t-archivaris-2",
    }  # fmt: skip
    assert the_list.number in entry.reason
    written = " ".join(
        f"{e.object_label} {e.before} {e.after} {e.reason}"
        for e in AuditEntry.objects.filter(at__gte=the_list.proposed_at)
    )
    assert "Geheim onderwerp" not in written and "Zeer geheime" not in written and "Firma" not in written


def test_four_eyes_the_proposer_does_not_approve(org, archivists, old_file):
    proposer, _other = archivists
    the_list = destruction.propose(proposer, TODAY)
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        destruction.approve(proposer, the_list)
    assert "vier-ogen" in refused.value.messages[0].lower() or "vier ogen" in refused.value.messages[0].lower()
    the_list.refresh_from_db()
    assert the_list.state == ListState.PROPOSED


def test_only_archivists_propose_approve_and_carry_out(org, archivists, old_file):
    for role in ("secretariat", "admin", "civil_servant", "applicant"):
        with pytest.raises(PermissionDenied):
            destruction.propose(org.users[role], TODAY)
    the_list = destruction.propose(archivists[0], TODAY)
    with pytest.raises(PermissionDenied):
        destruction.approve(org.users["secretariat"], the_list)
    with pytest.raises(ValidationError):  # not approved yet
        destruction.carry_out(archivists[1], the_list, TODAY)


def test_a_legal_hold_keeps_a_file_off_the_list(org, archivists, old_file):
    case, _document = old_file
    holds.place(org.users["secretariat"], case.reference, "Lopende rechtszaak bij de Raad van State")
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        destruction.propose(archivists[0], TODAY)
    assert "bewaartermijn" in refused.value.messages[0]


def test_a_hold_on_one_of_its_documents_keeps_the_file(org, archivists, old_file):
    case, document = old_file
    holds.place(archivists[0], str(document.uuid), "Opgevraagd door het Rekenhof")
    assert holds.under_hold(case)
    with pytest.raises(ValidationError):
        destruction.propose(archivists[0], TODAY)


def test_a_hold_placed_after_approval_stops_the_destruction(org, archivists, old_file):
    case, _document = old_file
    the_list = _approved(archivists)
    hold = holds.place(archivists[0], case.reference, "Klacht bij de ombudsman")
    destruction.carry_out(archivists[1], the_list, TODAY)
    item = the_list.items.get()
    assert item.state == ItemState.KEPT and "bewaarplicht" in item.note.lower()
    assert Case.objects.filter(pk=case.pk).exists()
    holds.lift(archivists[0], hold, "Klacht afgehandeld")
    assert destruction.propose(archivists[0], TODAY).items.count() == 1


def test_a_struck_item_is_kept_and_needs_a_reason(org, archivists, old_file):
    case, _document = old_file
    the_list = destruction.propose(archivists[0], TODAY)
    item = the_list.items.get()
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        destruction.strike(archivists[1], item, "  ")
    assert "waarom" in refused.value.messages[0].lower()
    destruction.strike(archivists[1], item, "Historisch belangrijk dossier")
    with pytest.raises(ValidationError):  # nothing left to approve
        destruction.approve(archivists[1], the_list)
    assert DestructionItem.objects.get(pk=item.pk).state == ItemState.STRUCK
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_stored_file_another_document_uses_stays_in_storage(
    org, archivists, old_file, django_capture_on_commit_callbacks
):
    case, document = old_file
    name = document.latest_version.file.name
    # The same bytes uploaded again for another document: one blob, two rows.
    keeper = create_document(
        org.users["secretariat"], title="Kopie", upload=pdf_upload(text=f"Inhoud van {case.reference}")
    )
    assert keeper.latest_version.file.name == name
    the_list = _approved(archivists)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        destruction.carry_out(archivists[1], the_list, TODAY)
    assert callbacks  # the removal ran, and kept the shared blob
    assert not Document.objects.filter(pk=document.pk).exists()
    assert storages["documents"].exists(name)
    assert destruction.remove_unreferenced([name]) == []


def test_public_history_and_documents_held_elsewhere_are_kept(org, archivists):
    secretariat = org.users["secretariat"]
    public = closed_case("CSG-2010-0002", CLOSED, access_level="public", released=True)
    add_document(public, secretariat)
    old = closed_case("CSG-2010-0003", CLOSED)
    shared = add_document(old, secretariat, title="Gedeeld stuk")
    newer = closed_case("CSG-2024-0001", datetime.date(2024, 1, 1))
    from chancery.procedures.models import CaseDocument

    CaseDocument.objects.create(case=newer, document=shared, kind="annex", added_by=secretariat)
    the_list = destruction.propose(archivists[0], TODAY)
    assert [i.identifier for i in the_list.items.all()] == ["CSG-2010-0003"]
    destruction.approve(archivists[1], the_list)
    destruction.carry_out(archivists[1], the_list, TODAY)
    assert not Case.objects.filter(pk=old.pk).exists()
    assert Document.objects.filter(pk=shared.pk).exists()  # the newer file still holds it
    assert Case.objects.filter(pk=public.pk).exists()


def test_a_free_document_past_its_period_is_proposed_but_a_decision_never(org, archivists):
    secretariat = org.users["secretariat"]
    note = create_document(secretariat, title="Losse nota", upload=pdf_upload(text="nota"), kind="note")
    decision = create_document(secretariat, title="Beslissing", upload=pdf_upload(text="besluit"), kind="decision")
    Document.objects.filter(pk__in=[note.pk, decision.pk]).update(
        updated_at=destruction.timezone.now().replace(year=2012)
    )
    the_list = destruction.propose(archivists[0], TODAY)
    assert [i.identifier for i in the_list.items.all()] == [str(note.uuid)]
    destruction.approve(archivists[1], the_list)
    destruction.carry_out(archivists[1], the_list, TODAY)
    assert not Document.objects.filter(pk=note.pk).exists() and Document.objects.filter(pk=decision.pk).exists()


def test_a_row_that_protects_the_file_keeps_it_with_the_reason(org, archivists, old_file, monkeypatch):
    case, _document = old_file
    the_list = _approved(archivists)
    from django.db.models.deletion import ProtectedError

    from chancery.core import retention_registry

    def refuse(record):
        raise ProtectedError("held", {case})

    csg = retention_registry.series("procedures.CSG")
    monkeypatch.setitem(retention_registry._series, csg.key, dataclasses.replace(csg, destroy=refuse))
    destruction.carry_out(archivists[1], the_list, TODAY)
    item = the_list.items.get()
    assert item.state == ItemState.KEPT and item.note
    assert Case.objects.filter(pk=case.pk).exists()
