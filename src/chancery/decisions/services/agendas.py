"""Use cases of decision-making: meetings, agenda versions and their items.

Each function checks permission, changes the data in one transaction, writes the audit trail
and refuses clearly what the rules do not allow. Agenda edits carry the revision the editor saw
(`expected_revision`); an edit against an older revision is refused as a conflict, so two
secretaries working on one agenda never silently overwrite each other.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AccessLevel, AuditAction, Mandatee
from chancery.decisions.events import AGENDA_APPROVED
from chancery.decisions.models import (
    Agenda,
    AgendaItem,
    AgendaStatus,
    FormalCheck,
    ItemDocument,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingState,
    ProcedureStep,
    letter_for,
)

ITEM_AUDIT_FIELDS = ("kind", "number", "title", "short_title", "mandatees", "formal_check", "access_level", "step")
# What makes an item "changed" between two versions (its number is "moved", not "changed").
COMPARED_FIELDS = ("kind", "title", "short_title", "formal_check", "access_level")


class AgendaConflict(ValidationError):
    """The agenda changed since the editor loaded it."""

    def __init__(self):
        super().__init__(
            _("Someone else changed this agenda in the meantime. Reload it and make your change again."),
            code="conflict",
        )


# --- Meetings ---------------------------------------------------------------------------------


def create_meeting(
    actor, *, starts_at: datetime.datetime, kind: str = MeetingKind.REGULAR, place: str | None = None
) -> Meeting:
    """A new meeting, numbered next in its year, with its first draft agenda (A)."""
    require(actor, "decisions.manage_agendas")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    year = timezone.localtime(starts_at).year
    for _attempt in range(5):
        try:
            with transaction.atomic():
                number = (Meeting.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1
                meeting = Meeting.objects.create(
                    kind=kind, year=year, number=number, starts_at=starts_at, **({"place": place} if place else {})
                )
                agenda = Agenda.objects.create(meeting=meeting, sequence=1, letter=letter_for(1))
                audit.record(actor, AuditAction.CREATE, meeting, after=_meeting_snapshot(meeting))
                audit.record(
                    actor, AuditAction.CREATE, agenda, after={"letter": agenda.letter, "status": agenda.status}
                )
                return meeting
        except IntegrityError:
            continue  # another secretary took this number at the same moment: take the next one
    raise ValidationError(_("The meeting could not be numbered; try again."), code="numbering")


def _meeting_snapshot(meeting: Meeting) -> dict:
    return audit.snapshot(meeting, ("kind", "year", "number", "starts_at", "place", "state"))


def current_draft(meeting: Meeting) -> Agenda | None:
    return meeting.agendas.filter(status=AgendaStatus.DRAFT).first()


# --- Editing a draft --------------------------------------------------------------------------


def _lock_draft(agenda: Agenda, expected_revision: int | None) -> Agenda:
    locked = Agenda.objects.select_for_update().select_related("meeting").get(pk=agenda.pk)
    if locked.meeting.state != MeetingState.PLANNED:
        raise ValidationError(_("This meeting's agenda is final; it can no longer be changed."), code="meeting_state")
    if locked.status != AgendaStatus.DRAFT:
        raise ValidationError(
            _("Agenda %(letter)s is approved and can no longer be changed.") % {"letter": locked.letter},
            code="agenda_approved",
        )
    if expected_revision is not None and locked.revision != expected_revision:
        raise AgendaConflict()
    return locked


def _touch(agenda: Agenda) -> None:
    agenda.revision += 1
    Agenda.objects.filter(pk=agenda.pk).update(revision=agenda.revision)


def _renumber(agenda: Agenda, kind: str, ordered: list[AgendaItem] | None = None) -> None:
    items = ordered if ordered is not None else list(agenda.current_items().filter(kind=kind))
    for position, item in enumerate(items, start=1):
        if item.number != position:
            item.number = position
            item.save(update_fields=["number"])


@transaction.atomic
def add_item(
    actor,
    agenda: Agenda,
    *,
    expected_revision: int | None,
    title: str,
    short_title: str,
    mandatees: Iterable[Mandatee],
    kind: str = ItemKind.NOTE,
    step: ProcedureStep | None = None,
    postponed_from: AgendaItem | None = None,
    # Public by default, as decisions of the Government are: the council sees the item at once,
    # everyone else from its release. Confidential items are marked so when they are put on.
    access_level: str = AccessLevel.PUBLIC,
) -> AgendaItem:
    require(actor, "decisions.manage_agendas")
    agenda = _lock_draft(agenda, expected_revision)
    mandatees = list(mandatees)
    if not mandatees:
        raise ValidationError({"mandatees": _("An item needs at least one submitting minister.")}, code="mandatees")
    if not title.strip() or not short_title.strip():
        raise ValidationError(_("An item needs a title and a short title."), code="title")
    last = agenda.current_items().filter(kind=kind).aggregate(n=Max("number"))["n"] or 0
    item = AgendaItem.objects.create(
        agenda=agenda,
        kind=kind,
        number=last + 1,
        title=title.strip(),
        short_title=short_title.strip(),
        step=step,
        postponed_from=postponed_from,
        access_level=access_level,
    )
    item.mandatees.set(mandatees)
    if access_level == AccessLevel.CONFIDENTIAL:
        item.concerned_mandatees.set(mandatees)  # the submitters' cabinets see their confidential item
    _touch(agenda)
    audit.record(actor, AuditAction.CREATE, item, after=audit.snapshot(item, ITEM_AUDIT_FIELDS))
    return item


@transaction.atomic
def set_formal_check(actor, item: AgendaItem, check: str, *, expected_revision: int | None) -> AgendaItem:
    require(actor, "decisions.manage_agendas")
    agenda = _lock_draft(item.agenda, expected_revision)
    item = AgendaItem.objects.get(pk=item.pk)
    before = {"formal_check": item.formal_check}
    item.formal_check = FormalCheck(check)
    item.save(update_fields=["formal_check"])
    _touch(agenda)
    audit.record(actor, AuditAction.UPDATE, item, before=before, after={"formal_check": item.formal_check})
    return item


@dataclass
class FormalSweep:
    """What "all formally in order" did: how many unchecked items it marked in order, and the items
    it left alone because someone marked them not in order (they stay so, and are carried over when
    the agenda is approved: the secretariat must hear of them, not find them missing later)."""

    marked: int
    not_in_order: list[AgendaItem] = field(default_factory=list)


@transaction.atomic
def approve_all_formally(actor, agenda: Agenda, *, expected_revision: int | None) -> FormalSweep:
    """ "Alles formeel goedkeuren": every item not yet checked becomes formally in order; an item
    marked not in order is a finding, never overruled by the sweep, and is reported back."""
    require(actor, "decisions.manage_agendas")
    agenda = _lock_draft(agenda, expected_revision)
    changed = 0
    for item in agenda.current_items().filter(formal_check=FormalCheck.NOT_YET):
        item.formal_check = FormalCheck.OK
        item.save(update_fields=["formal_check"])
        audit.record(actor, AuditAction.UPDATE, item, before={"formal_check": "not_yet"}, after={"formal_check": "ok"})
        changed += 1
    _touch(agenda)
    return FormalSweep(changed, list(agenda.current_items().filter(formal_check=FormalCheck.NOT_OK)))


@transaction.atomic
def move_item(actor, item: AgendaItem, *, to_number: int, expected_revision: int | None) -> AgendaItem:
    """Put an item at another position among the items of its kind; the others shift."""
    require(actor, "decisions.manage_agendas")
    agenda = _lock_draft(item.agenda, expected_revision)
    siblings = list(agenda.current_items().filter(kind=item.kind))
    moving = next(s for s in siblings if s.pk == item.pk)
    if not 1 <= to_number <= len(siblings):
        raise ValidationError(
            _("Position %(number)d does not exist; choose 1 to %(last)d.")
            % {"number": to_number, "last": len(siblings)},
            code="position",
        )
    before = {"number": moving.number}
    siblings.remove(moving)
    siblings.insert(to_number - 1, moving)
    _renumber(agenda, item.kind, siblings)
    _touch(agenda)
    audit.record(actor, AuditAction.UPDATE, moving, before=before, after={"number": moving.number})
    return moving


# --- Approval ---------------------------------------------------------------------------------


def _copy_item(item: AgendaItem, agenda: Agenda, number: int) -> AgendaItem:
    copy = AgendaItem.objects.create(
        agenda=agenda,
        lineage=item.lineage,
        previous=item,
        kind=item.kind,
        number=number,
        title=item.title,
        short_title=item.short_title,
        step=item.step,
        document_number=item.document_number,
        formal_check=item.formal_check,
        access_level=item.access_level,
        release_state=item.release_state,
    )
    copy.mandatees.set(item.mandatees.all())
    copy.concerned_mandatees.set(item.concerned_mandatees.all())
    copy.named_users.set(item.named_users.all())
    for link in item.item_documents.all():
        ItemDocument.objects.create(
            item=copy, document_id=link.document_id, position=link.position, reference=link.reference
        )
    return copy


@transaction.atomic
def approve_agenda(actor, agenda: Agenda, *, expected_revision: int | None, close: bool = False) -> Agenda | None:
    """Approve a draft: it is frozen without the items not formally in order, which carry over (with
    their history) to the next letter, started at once. With `close`, this is the final agenda: no
    next letter, the meeting's agenda is approved, and the items not in order leave the meeting.

    Returns the new draft, or None when the agenda was final."""
    require(actor, "decisions.approve_agenda")
    Meeting.objects.select_for_update().get(pk=agenda.meeting_id)
    agenda = _lock_draft(agenda, expected_revision)
    items = list(agenda.current_items().prefetch_related("mandatees"))  # in the draft's order
    in_order = [i for i in items if i.formal_check == FormalCheck.OK]
    not_in_order = [i for i in items if i.formal_check != FormalCheck.OK]
    if not in_order:
        raise ValidationError(
            _("Agenda %(letter)s has no item that is formally in order; there is nothing to approve.")
            % {"letter": agenda.letter},
            code="empty_agenda",
        )
    for item in not_in_order:
        item.carried_over = True
        item.save(update_fields=["carried_over"])
    for kind in ItemKind.values:
        _renumber(agenda, kind, [i for i in in_order if i.kind == kind])

    agenda.status = AgendaStatus.APPROVED
    agenda.approved_at = timezone.now()
    agenda.approved_by = actor
    agenda.is_final = close
    agenda.revision += 1
    agenda.save(update_fields=["status", "approved_at", "approved_by", "is_final", "revision"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        agenda,
        before={"status": AgendaStatus.DRAFT},
        after={
            "status": AgendaStatus.APPROVED,
            "final": close,
            "items": [f"{i.get_kind_display()} {i.number}: {i.short_title}" for i in in_order],
            "carried_over": [i.short_title for i in not_in_order],
        },
    )
    events.emit(
        AGENDA_APPROVED.code,
        agenda,
        {"meeting": events.api_link("api:meeting-detail", agenda.meeting_id), "letter": agenda.letter, "final": close},
    )
    meeting = agenda.meeting
    if close:
        before = _meeting_snapshot(meeting)
        meeting.state = MeetingState.AGENDA_APPROVED
        meeting.save(update_fields=["state"])
        audit.record(actor, AuditAction.STATE_CHANGE, meeting, before=before, after=_meeting_snapshot(meeting))
        return None

    draft = Agenda.objects.create(
        meeting=meeting, sequence=agenda.sequence + 1, letter=letter_for(agenda.sequence + 1), previous=agenda
    )
    # The new letter starts as the old draft stood, carried-over items in their old places.
    for kind in ItemKind.values:
        for number, item in enumerate((i for i in items if i.kind == kind), start=1):
            _copy_item(item, draft, number)
    audit.record(actor, AuditAction.CREATE, draft, after={"letter": draft.letter, "status": draft.status})
    return draft


# --- Comparing versions -----------------------------------------------------------------------


@dataclass
class ItemChange:
    before: AgendaItem
    after: AgendaItem
    fields: list[str] = field(default_factory=list)


@dataclass
class AgendaComparison:
    older: Agenda
    newer: Agenda
    added: list[AgendaItem]
    removed: list[AgendaItem]
    moved: list[ItemChange]
    changed: list[ItemChange]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed)


def _mandatee_ids(item: AgendaItem) -> list[int]:
    return sorted(m.pk for m in item.mandatees.all())


def compare_agendas(first: Agenda, second: Agenda) -> AgendaComparison:
    """What changed from one version to another (in either order): items added, removed, moved
    to another position, and changed (title, kind, ministers, formal check, level)."""
    older, newer = sorted((first, second), key=lambda a: (a.meeting_id, a.sequence))
    old = {i.lineage: i for i in older.current_items().prefetch_related("mandatees")}
    new = {i.lineage: i for i in newer.current_items().prefetch_related("mandatees")}
    moved, changed = [], []
    for lineage in old.keys() & new.keys():
        a, b = old[lineage], new[lineage]
        if (a.kind, a.number) != (b.kind, b.number):
            moved.append(ItemChange(a, b, ["number"]))
        fields = [name for name in COMPARED_FIELDS if getattr(a, name) != getattr(b, name)]
        if _mandatee_ids(a) != _mandatee_ids(b):
            fields.append("mandatees")
        if fields:
            changed.append(ItemChange(a, b, fields))

    def order(item):
        return (item.kind_order, item.number)

    return AgendaComparison(
        older=older,
        newer=newer,
        added=sorted((new[k] for k in new.keys() - old.keys()), key=order),
        removed=sorted((old[k] for k in old.keys() - new.keys()), key=order),
        moved=sorted(moved, key=lambda c: order(c.after)),
        changed=sorted(changed, key=lambda c: order(c.after)),
    )
