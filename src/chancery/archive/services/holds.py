"""Legal holds: a file or document under a hold is never proposed for destruction nor destroyed."""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.archive.events import LEGAL_HOLD_LIFTED, LEGAL_HOLD_PLACED
from chancery.archive.models import LegalHold
from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction, Document
from chancery.procedures.models import Case


def resolve(identifier: str) -> models.Model:
    """A file by its reference or a document by its UUID, whatever its level (an archivist holds
    what they may not read: the hold names it, it shows nothing of it)."""
    identifier = (identifier or "").strip()
    if not identifier:
        raise ValidationError(_("Give the reference of a file or the identifier (UUID) of a document."))
    case = Case.objects.filter(reference=identifier).first()
    if case is not None:
        return case
    try:
        key = uuid.UUID(identifier)
    except ValueError:
        key = None
    document = Document.objects.filter(uuid=key).first() if key else None
    if document is None:
        raise ValidationError(_("There is no file or document “%(identifier)s”.") % {"identifier": identifier[:100]})
    return document


def identifier_of(record: models.Model) -> str:
    return record.reference if isinstance(record, Case) else str(record.uuid)


def active_holds():
    return LegalHold.objects.filter(lifted_at__isnull=True)


def under_hold(record: models.Model) -> bool:
    """Whether a hold applies: on the record itself or, for a file, on one of its documents."""
    holds = active_holds()
    if holds.filter(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)).exists():
        return True
    if isinstance(record, Case):
        documents = Document.objects.filter(case_links__case=record).values_list("pk", flat=True)
        return holds.filter(
            content_type=ContentType.objects.get_for_model(Document), object_id__in=[str(pk) for pk in documents]
        ).exists()
    return False


def place(actor, identifier: str, reason: str) -> LegalHold:
    require(actor, "archive.place_legal_hold")
    record = resolve(identifier)
    if not (reason or "").strip():
        raise ValidationError(_("Say why the legal hold is placed."))
    content_type = ContentType.objects.get_for_model(record)
    with transaction.atomic():
        if active_holds().filter(content_type=content_type, object_id=str(record.pk)).exists():
            raise ValidationError(_("A legal hold already applies to “%(identifier)s”.") % {"identifier": identifier})
        hold = LegalHold.objects.create(
            content_type=content_type, object_id=str(record.pk), identifier=identifier_of(record),
            reason=reason.strip(), placed_by=actor,
        )  # fmt: skip
        audit.record(actor, AuditAction.CREATE, hold, after=audit.snapshot(hold, ["identifier", "reason"]))
        events.emit(LEGAL_HOLD_PLACED.code, hold, {"identifier": hold.identifier})
    return hold


def lift(actor, hold: LegalHold, reason: str) -> LegalHold:
    require(actor, "archive.lift_legal_hold")
    if not (reason or "").strip():
        raise ValidationError(_("Say why the legal hold is lifted."))
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at is not None:
            raise ValidationError(_("This legal hold was lifted already."))
        hold.lifted_at, hold.lifted_by = timezone.now(), actor
        hold.save(update_fields=["lifted_at", "lifted_by"])
        audit.record(actor, AuditAction.UPDATE, hold, after={"lifted_at": audit.jsonable(hold.lifted_at)},
                     reason=reason.strip())  # fmt: skip
        events.emit(LEGAL_HOLD_LIFTED.code, hold, {"identifier": hold.identifier})
    return hold
