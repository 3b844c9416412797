"""Cabinet submissions: submitted by a cabinet, sent back with remarks, resubmitted, accepted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chancery.core.models import AccessLevel, AuditEntry, Document
from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import Submission, SubmissionState


def test_a_cabinet_submits_and_the_secretariat_accepts_it_onto_the_draft(org, meeting, secretariat):
    cabinet = org.users["cabinet_concerned"]
    submission = services.submit(
        cabinet, meeting, title="Oproep 2027 Oostgrensprogramma", short_title="Oostgrens 2027",
        mandatees=[org.mandatees["a"]], uploads=[pdf_upload("nota-oostgrens.pdf", "Voorstel van beslissing")],
    )  # fmt: skip
    # Only the submitting cabinet, its minister and the secretariat see it.
    assert submission.is_visible_to(org.users["minister_concerned"])
    assert not submission.is_visible_to(org.users["cabinet_other"])
    document = submission.documents.get()
    assert not document.is_visible_to(org.users["cabinet_other"])

    with pytest.raises(ValidationError):
        services.send_back(secretariat, submission, remarks=" ")
    services.send_back(secretariat, submission, remarks="Advies van de Inspectie van Financiën ontbreekt.")
    with pytest.raises(ValidationError):
        services.accept(secretariat, submission)  # not waiting for the secretariat now
    services.resubmit(
        cabinet, submission, title="Oproep 2027 Oostgrensprogramma", short_title="Oostgrens 2027",
        uploads=[pdf_upload("advies-if.pdf", "Advies Inspectie van Financiën")],
    )  # fmt: skip
    item = services.accept(secretariat, submission)

    submission.refresh_from_db()
    assert submission.state == SubmissionState.ACCEPTED and submission.item == item
    assert item.agenda == services.current_draft(meeting) and item.step.dossier.short_title == "Oostgrens 2027"
    assert [link.reference for link in item.item_documents.order_by("position")] == [
        "VR 2026 0412 DOC.0001/1",
        "VR 2026 0412 DOC.0001/2",
    ]
    # Accepted, the documents follow the item's level: the whole council sees them now.
    assert Document.objects.get(pk=document.pk).access_level == AccessLevel.PUBLIC
    assert Document.objects.get(pk=document.pk).is_visible_to(org.users["cabinet_other"])
    states = [e.after.get("state") for e in AuditEntry.objects.for_object(submission).order_by("pk")]
    assert states == ["submitted", "sent_back", "resubmitted", "accepted"]


def test_a_cabinet_submits_only_for_its_own_minister_and_never_to_a_final_agenda(org, meeting, secretariat, add):
    with pytest.raises(ValidationError):
        services.submit(org.users["cabinet_other"], meeting, title="x", short_title="x", mandatees=[org.mandatees["a"]])
    with pytest.raises(PermissionDenied):
        services.submit(org.users["civil_servant"], meeting, title="x", short_title="x", mandatees=[org.mandatees["a"]])
    add(meeting, "Iets")
    services.approve_all_formally(secretariat, services.current_draft(meeting), expected_revision=None)
    services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None, close=True)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="definitief"):
        services.submit(
            org.users["cabinet_concerned"], meeting, title="x", short_title="x", mandatees=[org.mandatees["a"]]
        )
    assert not Submission.objects.exists()
