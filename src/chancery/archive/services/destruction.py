"""Destruction lists (vernietigingslijsten): proposed by the system, approved by an archivist who
did not ask for the list (four eyes), carried out.

- `propose`: every record of every retention series (core.retention_registry) that is closed and
  past its retention, except public history (kept permanently), anything under a legal hold and
  anything already on a list not yet carried out.
- `strike`: an archivist takes an item off a proposed list, with the reason.
- `approve`: another archivist than the one who asked for the list. The engine's four-eyes rule
  (`Transition.not_by_actor_of`) is for steps of a file; a list is not a file, so the rule is here.
- `carry_out`: each item is checked again (a hold placed since, a period changed, a record that
  became public history, one that no longer exists) and destroyed by its series, in a savepoint of
  its own: a row that still holds it (an issued licence holds its file) keeps it, with the reason
  on the item. What was destroyed is in the audit trail by type, identifier, dates, list and
  approver: never its content. A stored file is removed from storage after the commit, and only
  when no row refers to it any more (the storage is content-addressed: one blob may be shared).
"""

from __future__ import annotations

import datetime
import uuid

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.archive.events import DESTRUCTION_APPROVED, DESTRUCTION_CARRIED_OUT, DESTRUCTION_PROPOSED
from chancery.archive.models import DestructionItem, DestructionList, ItemState, ListState
from chancery.archive.services.holds import under_hold
from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.core.retention_registry import all_series, series


def _pending_keys() -> set[tuple[int, str]]:
    """Records on a list not carried out yet: not proposed twice."""
    rows = DestructionItem.objects.filter(
        destruction_list__state__in=[ListState.PROPOSED, ListState.APPROVED], state=ItemState.PROPOSED
    ).values_list("content_type_id", "object_id")
    return set(rows)


def due_records(today: datetime.date):
    """(series, record) for every record past its retention, not held, not on an open list."""
    pending = _pending_keys()
    for one in all_series():
        content_type = ContentType.objects.get_for_model(apps.get_model(one.model))
        for record in one.records_due(today):
            if (content_type.pk, str(record.pk)) in pending or under_hold(record):
                continue
            yield one, content_type, record


def propose(actor, today: datetime.date | None = None) -> DestructionList:
    require(actor, "archive.propose_destruction")
    today = today or timezone.localdate()
    with transaction.atomic():
        items = [
            DestructionItem(
                series=one.key,
                content_type=content_type,
                object_id=str(record.pk),
                identifier=one.identifier(record),
                closed_on=one.closed_on(record),
                expires_on=one.expires_on(record),
            )  # fmt: skip
            for one, content_type, record in due_records(today)
        ]
        if not items:
            raise ValidationError(_("Nothing is past its retention period: there is no destruction list to propose."))
        destruction_list = DestructionList.objects.create(
            number=f"new-{uuid.uuid4().hex[:12]}", as_of=today, proposed_by=actor
        )
        destruction_list.number = f"VL-{today.year}-{destruction_list.pk:04d}"
        destruction_list.save(update_fields=["number"])
        for item in items:
            item.destruction_list = destruction_list
        DestructionItem.objects.bulk_create(items)
        audit.record(
            actor, AuditAction.CREATE, destruction_list,
            after={"number": destruction_list.number, "as_of": today.isoformat(), "items": len(items)},
        )  # fmt: skip
        events.emit(
            DESTRUCTION_PROPOSED.code, destruction_list, {"number": destruction_list.number, "items": len(items)}
        )
    return destruction_list


def _locked(destruction_list: DestructionList, state: str, refusal: str) -> DestructionList:
    locked = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if locked.state != state:
        raise ValidationError(refusal)
    return locked


def strike(actor, item: DestructionItem, reason: str) -> DestructionItem:
    """Take an item off a proposed list: it is kept (and proposed again on a later list, unless a
    legal hold is placed on it)."""
    require(actor, "archive.approve_destruction")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the record is struck off the list."))
    with transaction.atomic():
        _locked(item.destruction_list, ListState.PROPOSED, _("Only a proposed list can still be changed."))
        item = DestructionItem.objects.select_for_update().get(pk=item.pk)
        if item.state != ItemState.PROPOSED:
            raise ValidationError(_("This record is not on the list any more."))
        item.state, item.struck_by, item.note = ItemState.STRUCK, actor, reason[:300]
        item.save(update_fields=["state", "struck_by", "note"])
        audit.record(actor, AuditAction.UPDATE, item, after={"state": item.state}, reason=reason)
    return item


def approve(actor, destruction_list: DestructionList) -> DestructionList:
    require(actor, "archive.approve_destruction")
    with transaction.atomic():
        locked = _locked(destruction_list, ListState.PROPOSED, _("Only a proposed list can be approved."))
        if locked.proposed_by_id == actor.pk:
            raise ValidationError(_("Four eyes: another archivist than the one who proposed the list must approve it."))
        if not locked.items.filter(state=ItemState.PROPOSED).exists():
            raise ValidationError(_("Every record was struck off: there is nothing to approve."))
        locked.state, locked.approved_by, locked.approved_at = ListState.APPROVED, actor, timezone.now()
        locked.save(update_fields=["state", "approved_by", "approved_at"])
        audit.record(actor, AuditAction.STATE_CHANGE, locked, after={"state": locked.state})
        events.emit(DESTRUCTION_APPROVED.code, locked, {"number": locked.number})
    return locked


def _document_file_fields() -> list[tuple[type[models.Model], str]]:
    """Every file field that stores in the documents' storage (versions, renditions, kept uploads …)."""
    store = storages["documents"]
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is store:
                found.append((model, field.name))
    return found


def still_referenced(name: str) -> bool:
    return any(model._base_manager.filter(**{field: name}).exists() for model, field in _document_file_fields())


def remove_unreferenced(names: list[str]) -> list[str]:
    """Remove the stored files no row refers to any more; the names removed."""
    store = storages["documents"]
    removed = []
    for name in sorted(set(names)):
        if name and not still_referenced(name) and store.exists(name):
            store.delete(name)
            removed.append(name)
    return removed


def _why_kept(one, record, today: datetime.date) -> str:
    if under_hold(record):
        return _("A legal hold applies.")
    if one.public_history(record):
        return _("Public history: kept permanently.")
    if not one.due(record, today):
        return _("Its retention period has not ended.")
    return ""


def _holders(exc: ProtectedError | RestrictedError) -> str:
    names = sorted({str(obj._meta.verbose_name) for obj in exc.protected_objects if hasattr(obj, "_meta")})
    return _("Still held by: %(holders)s.") % {"holders": ", ".join(names)}


def carry_out(actor, destruction_list: DestructionList, today: datetime.date | None = None) -> DestructionList:
    require(actor, "archive.carry_out_destruction")
    today = today or timezone.localdate()
    names: list[str] = []
    with transaction.atomic():
        locked = _locked(destruction_list, ListState.APPROVED, _("Only an approved list can be carried out."))
        approver = locked.approved_by
        for item in locked.items.filter(state=ItemState.PROPOSED).select_related("content_type"):
            one = series(item.series)
            record = item.content_type.model_class()._base_manager.filter(pk=item.object_id).first()
            note = _("It no longer exists.") if record is None else _why_kept(one, record, today)
            if not note:
                try:
                    with transaction.atomic():
                        names += one.destroy(record)
                except (ProtectedError, RestrictedError) as exc:
                    note = _holders(exc)
            if note:
                item.state, item.note = ItemState.KEPT, note[:300]
                item.save(update_fields=["state", "note"])
                continue
            item.state, item.destroyed_at = ItemState.DESTROYED, timezone.now()
            item.save(update_fields=["state", "destroyed_at"])
            # What was destroyed, without its content: type, identifier, dates, list and approver.
            audit.record(
                actor, AuditAction.DELETE, item,
                before={
                    "type": item.content_type.model_class()._meta.label, "series": item.series,
                    "identifier": item.identifier, "closed_on": item.closed_on.isoformat(),
                    "expires_on": item.expires_on.isoformat(), "list": locked.number,
                    "approved_by": approver.username if approver else "",
                },
                reason=_("Destroyed under destruction list %(number)s.") % {"number": locked.number},
            )  # fmt: skip
        locked.state, locked.carried_out_by, locked.carried_out_at = ListState.CARRIED_OUT, actor, timezone.now()
        locked.save(update_fields=["state", "carried_out_by", "carried_out_at"])
        destroyed = locked.items.filter(state=ItemState.DESTROYED).count()
        audit.record(actor, AuditAction.STATE_CHANGE, locked, after={"state": locked.state, "destroyed": destroyed})
        events.emit(DESTRUCTION_CARRIED_OUT.code, locked, {"number": locked.number, "destroyed": destroyed})
        transaction.on_commit(lambda: remove_unreferenced(names))
    return locked
