"""A case's decision letters as PDF, one way for every procedure (licences and refusals, disaster
compensation, ...): rendered from a template (WeasyPrint, core.pdf), sealed with the organisation's
electronic seal (core.signing.seal, PAdES), stored in the core document store and put on the case
as a non-internal `decision_letter`, so the applicant downloads it from their counter."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from chancery.core import audit, signing
from chancery.core import services as core_services
from chancery.core.models import AuditAction, Document, DocumentKind
from chancery.core.pdf import html_to_pdf
from chancery.procedures.models import CaseDocument

DECISION_LETTER = "decision_letter"


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, context))


def attach_to_case(actor, case, *, pdf: bytes, filename: str, title: str) -> Document:
    """The PDF as a document of the case, named on the decision's author and the applicant. (The
    engine's add_document refuses closed cases; a decision is exactly what closes one.)"""
    document = Document.objects.create(
        title=title, kind=DocumentKind.DECISION, access_level=case.access_level, owner_entity=case.team,
        created_by=actor,
    )  # fmt: skip
    document.named_users.set([u for u in (actor, case.applicant_user) if u is not None])
    audit.record(
        actor, AuditAction.CREATE, document, after=audit.snapshot(document, core_services.DOCUMENT_AUDIT_FIELDS)
    )
    sealed = signing.seal(pdf, reason=_("Decision %(reference)s") % {"reference": case.reference})
    upload = SimpleUploadedFile(filename, sealed, content_type="application/pdf")
    core_services.add_derived_version(actor, document, upload, reason=case.reference)
    CaseDocument.objects.create(case=case, document=document, kind=DECISION_LETTER, internal=False, added_by=actor)
    return document
