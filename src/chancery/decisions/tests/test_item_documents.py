"""Documents on items: house numbering, visibility with the item, edits closed after approval."""

import pytest
from django.core.exceptions import PermissionDenied

from chancery.core import services as core_services
from chancery.core.models import AccessLevel, Document
from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import ItemDocument


def test_documents_get_the_house_number_and_keep_it_in_every_version(secretariat, meeting, add, org):
    note = add(meeting, "Oostgrens")
    announcement = add(meeting, "Verslag Europese Raad", kind="announcement")
    first = services.attach_document(org.users["cabinet_concerned"], note, title="Nota", upload=pdf_upload())
    second = services.attach_document(
        secretariat, note, title="Bijlage", kind="annex", upload=pdf_upload("b.pdf", "bijlage")
    )
    third = services.attach_document(secretariat, announcement, title="Verslag", upload=pdf_upload("c.pdf", "verslag"))
    assert first.reference == "VR 2026 0412 DOC.0001/1"
    assert second.reference == "VR 2026 0412 DOC.0001/2"
    assert third.reference == "VR 2026 0412 MED.0001/1"
    other = add(meeting, "Tweede nota")
    assert services.attach_document(
        secretariat, other, title="Nota 2", upload=pdf_upload("d.pdf", "d")
    ).reference.endswith("DOC.0002/1")
    assert services.display_name(first) == "VR 2026 0412 DOC.0001/1 Nota - Nota"

    services.approve_all_formally(secretariat, services.current_draft(meeting), expected_revision=None)
    draft_b = services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None)
    copy = draft_b.current_items().get(lineage=note.lineage)
    assert [link.reference for link in copy.item_documents.all()] == [first.reference, second.reference]
    # A new version after approval: only the secretariat; the name says BIS.
    document = first.document
    with pytest.raises(PermissionDenied):
        core_services.add_version(org.users["cabinet_concerned"], document, pdf_upload("v2.pdf", "tweede"))
    core_services.add_version(secretariat, document, pdf_upload("v2.pdf", "tweede"))
    assert services.display_name(ItemDocument.objects.get(pk=first.pk)).endswith("Nota BIS")


def test_only_the_submitting_cabinet_or_the_secretariat_attaches(meeting, add, org):
    note = add(meeting, "Oostgrens", minister="a")
    with pytest.raises(PermissionDenied):
        services.attach_document(org.users["cabinet_other"], note, title="Nota", upload=pdf_upload())
    assert not Document.objects.exists()


def test_documents_on_a_confidential_item_are_confidential_for_its_ministers(meeting, add, org, secretariat):
    secret = add(meeting, "Geheim", access_level=AccessLevel.CONFIDENTIAL)
    link = services.attach_document(secretariat, secret, title="Geheime nota", upload=pdf_upload())
    assert link.document.access_level == AccessLevel.CONFIDENTIAL
    assert link.document.is_visible_to(org.users["cabinet_concerned"])
    assert not link.document.is_visible_to(org.users["cabinet_other"])


def test_version_suffixes():
    assert [services.version_suffix(n) for n in (1, 2, 3, 4, 11)] == ["", "BIS", "TER", "QUATER", "v11"]


def test_a_closed_meeting_takes_no_new_documents(meeting, add, secretariat):
    from chancery.decisions.models import DecisionResult

    add(meeting, "Oostgrens")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    item = services.final_items(meeting).get()
    services.record_decision(secretariat, item, result=DecisionResult.APPROVED)
    services.close_meeting(secretariat, meeting)
    item = services.final_items(meeting).select_related("agenda__meeting").get()
    assert services.attachable_items(secretariat, [item]) == set()
    with pytest.raises(PermissionDenied):
        services.attach_document(secretariat, item, title="Te laat", upload=pdf_upload())
    assert not ItemDocument.objects.filter(item=item).exists()
