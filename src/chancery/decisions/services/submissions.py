"""Cabinet submissions (indieningen): a cabinet proposes an item for a meeting with its documents;
the secretariat checks it, sends it back with remarks, or accepts it onto the draft agenda."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core import services as core_services
from chancery.core.authz import require
from chancery.core.models import AccessLevel, AuditAction, Mandatee
from chancery.decisions.models import (
    AgendaItem,
    ItemDocument,
    Meeting,
    MeetingState,
    Submission,
    SubmissionState,
)
from chancery.decisions.permissions import submits_for_own_minister
from chancery.decisions.services.agendas import add_item, current_draft
from chancery.decisions.services.documents import PREFIXES, next_number, reference_for
from chancery.decisions.services.dossiers import add_step, create_dossier

SUBMISSION_FIELDS = ("kind", "title", "short_title", "mandatees", "step_kind", "item_access_level", "state", "remarks")


def _check_submitter(actor, mandatees: list[Mandatee]) -> None:
    require(actor, "decisions.submit")
    if submits_for_own_minister(actor):
        mine = set(Mandatee.objects.represented_by(actor).values_list("pk", flat=True))
        if not mine & {m.pk for m in mandatees}:
            raise ValidationError(
                {"mandatees": _("Your own minister must be among the submitting ministers.")}, code="mandatees"
            )


@transaction.atomic
def submit(
    actor,
    meeting: Meeting,
    *,
    title: str,
    short_title: str,
    mandatees: Iterable[Mandatee],
    kind: str = "note",
    step_kind: str = "principle_approval",
    item_access_level: str = AccessLevel.PUBLIC,
    uploads: Iterable = (),
) -> Submission:
    mandatees = list(mandatees)
    _check_submitter(actor, mandatees)
    if not mandatees:
        raise ValidationError({"mandatees": _("An item needs at least one submitting minister.")}, code="mandatees")
    if meeting.state != MeetingState.PLANNED or current_draft(meeting) is None:
        raise ValidationError(
            _("The agenda of %(meeting)s is final; choose another meeting.") % {"meeting": meeting}, code="final"
        )
    submission = Submission.objects.create(
        meeting=meeting,
        kind=kind,
        title=title.strip(),
        short_title=short_title.strip(),
        step_kind=step_kind,
        item_access_level=item_access_level,
        submitted_by=actor,
        # The submission itself stays between the submitting cabinets and the secretariat.
        access_level=AccessLevel.CONFIDENTIAL,
    )
    submission.mandatees.set(mandatees)
    submission.concerned_mandatees.set(mandatees)
    submission.named_users.add(actor)
    for upload in uploads:
        _add_document(actor, submission, upload)
    audit.record(actor, AuditAction.CREATE, submission, after=audit.snapshot(submission, SUBMISSION_FIELDS))
    return submission


def _add_document(actor, submission: Submission, upload) -> None:
    document = core_services.create_document(
        actor,
        title=upload.name.rsplit(".", 1)[0],
        kind="note" if submission.kind == "note" else "announcement",
        upload=upload,
        access_level=AccessLevel.CONFIDENTIAL,
        concerned_mandatees=submission.mandatees.all(),
    )
    submission.documents.add(document)


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("meeting").get(pk=submission.pk)


@transaction.atomic
def send_back(actor, submission: Submission, *, remarks: str) -> Submission:
    require(actor, "decisions.handle_submissions")
    if not remarks.strip():
        raise ValidationError({"remarks": _("Tell the cabinet what to change.")}, code="remarks")
    submission = _lock(submission)
    if submission.state not in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED):
        raise ValidationError(_("Only a submission waiting for the secretariat can be sent back."), code="state")
    before = {"state": submission.state}
    submission.state, submission.remarks = SubmissionState.SENT_BACK, remarks.strip()
    submission.save(update_fields=["state", "remarks"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        submission,
        before=before,
        after={"state": submission.state},
        reason=remarks.strip(),
    )
    return submission


@transaction.atomic
def resubmit(actor, submission: Submission, *, title: str, short_title: str, uploads: Iterable = ()) -> Submission:
    submission = _lock(submission)
    _check_submitter(actor, list(submission.mandatees.all()))
    if submission.state != SubmissionState.SENT_BACK:
        raise ValidationError(_("Only a submission that was sent back can be submitted again."), code="state")
    before = audit.snapshot(submission, SUBMISSION_FIELDS)
    submission.title, submission.short_title = title.strip(), short_title.strip()
    submission.state = SubmissionState.RESUBMITTED
    submission.save(update_fields=["title", "short_title", "state"])
    for upload in uploads:
        _add_document(actor, submission, upload)
    audit.record(
        actor, AuditAction.UPDATE, submission, before=before, after=audit.snapshot(submission, SUBMISSION_FIELDS)
    )
    return submission


@transaction.atomic
def accept(actor, submission: Submission) -> AgendaItem:
    """Onto the draft agenda: a dossier and step are made when the submission had none, the
    documents go along with their house numbers."""
    require(actor, "decisions.handle_submissions")
    submission = _lock(submission)
    if submission.state not in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED):
        raise ValidationError(_("Only a submission waiting for the secretariat can be accepted."), code="state")
    draft = current_draft(submission.meeting)
    if draft is None or submission.meeting.state != MeetingState.PLANNED:
        raise ValidationError(
            _("The agenda of %(meeting)s is final; choose another meeting.") % {"meeting": submission.meeting},
            code="final",
        )
    mandatees = list(submission.mandatees.all())
    step = submission.step
    if step is None:
        dossier = create_dossier(
            actor, title=submission.title, short_title=submission.short_title, access_level=submission.item_access_level
        )
        step = add_step(actor, dossier, kind=submission.step_kind, title=submission.title, mandatees=mandatees)
    item = add_item(
        actor,
        draft,
        expected_revision=None,
        kind=submission.kind,
        title=submission.title,
        short_title=submission.short_title,
        mandatees=mandatees,
        step=step,
        access_level=submission.item_access_level,
    )
    documents = list(submission.documents.order_by("pk"))
    if documents:
        year = timezone.localtime(submission.meeting.starts_at).year
        item.document_number = next_number(year, PREFIXES[item.kind])
        item.save(update_fields=["document_number"])
        start = item.item_documents.aggregate(n=Max("position"))["n"] or 0
        for offset, document in enumerate(documents, start=1):
            # The documents now follow the item's level (the submission was confidential).
            document.access_level = submission.item_access_level
            document.save(update_fields=["access_level"])
            ItemDocument.objects.create(
                item=item, document=document, position=start + offset, reference=reference_for(item, start + offset)
            )
    before = {"state": submission.state}
    submission.state, submission.item, submission.step = SubmissionState.ACCEPTED, item, step
    submission.save(update_fields=["state", "item", "step"])
    audit.record(
        actor, AuditAction.STATE_CHANGE, submission, before=before, after={"state": submission.state, "item": item.pk}
    )
    return item
