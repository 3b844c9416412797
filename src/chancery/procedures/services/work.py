"""What happens to a case besides transitions: handlers, notes, documents, the applicant's
submission and answers. Each use case checks who may do it, works in one transaction and writes
the audit trail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit, pending
from chancery.core import services as core_services
from chancery.core.authz import may, require
from chancery.core.models import AuditAction, Document, DocumentKind, User
from chancery.core.permissions import in_administration
from chancery.procedures import registry
from chancery.procedures.engine import Procedure
from chancery.procedures.models import ApplicationDraft, Case, CaseDocument, CaseNote
from chancery.procedures.services import drafts
from chancery.procedures.services.cases import create_case, fire
from chancery.procedures.services.parties import acting_party, require_representation


def _require_visible(actor, case: Case) -> None:
    if not case.is_visible_to(actor):
        raise PermissionDenied(_("You may not see this case."))


def _require_handler_side(actor, case: Case) -> None:
    _require_visible(actor, case)
    require(actor, "procedures.handle_cases")


def is_applicant_of(user, case: Case) -> bool:
    return bool(user.is_authenticated and case.applicant_user_id == user.pk)


# --- handlers ---------------------------------------------------------------------------------


@transaction.atomic
def assign(actor, case: Case, handlers: list[User], *, reason: str = "", source: str | None = None) -> Case:
    """Set the case's handlers (people of the administration who may see it)."""
    _require_handler_side(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    for handler in handlers:
        if not in_administration(handler):
            raise ValidationError(_("%(name)s is not part of the administration.") % {"name": handler.display_name})
    before = audit.snapshot(case, ("handlers", "team"))
    case.handlers.set(handlers)
    if case.team_id is None and handlers and handlers[0].entity_id:
        case.team_id = handlers[0].entity_id
        case.save(update_fields=["team"])
    after = audit.snapshot(case, ("handlers", "team"))
    if before != after:
        audit.record(actor, AuditAction.UPDATE, case, before=before, after=after, reason=reason, source=source)
    return case


def take(actor, case: Case) -> Case:
    """The handler takes the case on (added to its handlers)."""
    return assign(
        actor, case, [*case.handlers.all(), actor] if actor not in case.handlers.all() else list(case.handlers.all())
    )


# --- notes ------------------------------------------------------------------------------------


@transaction.atomic
def add_note(actor, case: Case, text: str, *, internal: bool = True, source: str | None = None) -> CaseNote:
    """An internal assessment or a message to (or from) the applicant. The applicant's own notes are
    never internal; only the administration writes internal ones."""
    _require_visible(actor, case)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write something first.")})
    if not may(actor, "procedures.handle_cases"):
        if not is_applicant_of(actor, case):
            raise PermissionDenied(_("You may not write on this case."))
        require_representation(actor, case.applicant)
        internal = False
    note = CaseNote.objects.create(case=case, author=actor, text=text, internal=internal)
    audit.record(actor, AuditAction.CREATE, note, after={"case": case.reference, "internal": internal}, source=source)
    return note


# --- documents --------------------------------------------------------------------------------


@transaction.atomic
def add_document(
    actor, case: Case, *, upload, kind: str, title: str = "", internal: bool = False, source: str | None = None
) -> CaseDocument:
    """A document on the case, stored in the core document store (inspected, versioned, audited).

    The applicant may add documents to their own open case, never internal ones. The document is
    named on its author and, unless internal, on the applicant, so the core pages follow the same
    rule; the case pages check the case's visibility and the internal flag."""
    _require_visible(actor, case)
    procedure = case.definition
    doc_type = procedure.document_type(kind)
    if doc_type is None:
        raise ValidationError({"kind": _("This procedure has no document type “%(kind)s”.") % {"kind": kind}})
    if not may(actor, "procedures.handle_cases"):
        if not is_applicant_of(actor, case):
            raise PermissionDenied(_("You may not add documents to this case."))
        require_representation(actor, case.applicant)
        internal = False
    if not case.is_open:
        raise ValidationError(_("The case is closed; it takes no new documents."))
    named = [actor]
    if not internal and case.applicant_user_id and case.applicant_user_id != actor.pk:
        named.append(case.applicant_user)
    document = Document.objects.create(
        title=(title or "").strip() or f"{doc_type.label} — {case.reference}",
        kind=DocumentKind.ANNEX,
        access_level=case.access_level,
        owner_entity=case.team,
        created_by=actor,
    )
    document.named_users.set(named)
    audit.record(
        actor,
        AuditAction.CREATE,
        document,
        after=audit.snapshot(document, core_services.DOCUMENT_AUDIT_FIELDS),
        source=source,
    )
    core_services.add_derived_version(actor, document, upload, reason=case.reference, source=source)
    link = CaseDocument.objects.create(case=case, document=document, kind=kind, internal=internal, added_by=actor)
    audit.record(
        actor,
        AuditAction.UPDATE,
        case,
        after={"document": document.pk, "kind": kind, "internal": internal},
        reason=_("Document added"),
        source=source,
    )
    return link


def documents_for(user, case: Case):
    """The case's documents this user may see: all for the administration, the non-internal ones
    for the applicant."""
    links = case.documents.select_related("document", "added_by").order_by("added_at", "pk")
    if not may(user, "procedures.handle_cases"):
        links = links.filter(internal=False)
    return links


def notes_for(user, case: Case):
    notes = case.notes.select_related("author").order_by("created_at", "pk")
    if not may(user, "procedures.handle_cases"):
        notes = notes.filter(internal=False)
    return notes


# --- the applicant's side ---------------------------------------------------------------------


@transaction.atomic
def apply(
    user,
    procedure: Procedure | str,
    *,
    party: dict,
    title: str,
    data: dict,
    documents: list[tuple[str, object, str]],
    draft: ApplicationDraft | None = None,
    source: str | None = None,
) -> Case:
    """The applicant's web form: create the case, attach the documents, submit it. All or nothing:
    a refused document or guard leaves no case behind. An organisation is filed for only by a user
    who represents it (`parties.acting_party`). Files kept across a form shown again
    (`core.pending`) become the case's documents and are no longer kept; a `draft` the application
    was resumed from goes in the same transaction."""
    procedure = registry.get(procedure) if isinstance(procedure, str) else procedure
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Log in to submit an application."))
    applicant = acting_party(user, party)
    case = create_case(user, procedure, title=title, applicant=applicant, applicant_user=user, data=data, source=source)
    for kind, upload, doc_title in documents:
        if upload is not None:
            add_document(user, case, upload=upload, kind=kind, title=doc_title, source=source)
    fire(case, procedure.submit_transition, user, source=source)
    pending.discard([getattr(upload, "chancery_pending", None) for _kind, upload, _title in documents])
    if draft is not None:
        drafts.submitted(user, draft, source=source)
    return case


@transaction.atomic
def answer_request(
    user,
    case: Case,
    *,
    message: str,
    upload=None,
    kind: str = "",
    expected_version: int | None = None,
    now=None,
    source: str | None = None,
) -> Case:
    """The applicant answers a request for more information: a message (and a document), then the
    procedure's answer transition, which resumes the clock."""
    procedure = case.definition
    if not procedure.answer_transition:
        raise ValidationError(_("This procedure takes no answers."))
    if not is_applicant_of(user, case):
        raise PermissionDenied(_("Only the applicant answers a request."))
    add_note(user, case, message, internal=False, source=source)
    if upload is not None:
        add_document(user, case, upload=upload, kind=kind or procedure.document_types[-1].code, source=source)
    return fire(case, procedure.answer_transition, user, expected_version=expected_version, now=now, source=source)
