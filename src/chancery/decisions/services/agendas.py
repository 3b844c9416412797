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
from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
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
    Decision,
    DecisionResult,
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
    # The final agenda: what is not in order leaves the meeting for the next regular meeting's draft,
    # or waits for a meeting (items_awaiting_meeting); it is never dropped (issue 14).
    to_meeting = next_regular_meeting(agenda.meeting) if close and not_in_order else None
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
        if to_meeting is not None:
            for item in not_in_order:
                put_on_later_meeting(actor, item, to_meeting, MoveReason.NOT_IN_ORDER)
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


# --- Moving an item to a later meeting ----------------------------------------------------------


class MoveReason:
    """Why an item leaves its meeting for a later one (A2): it was not formally in order when the
    final agenda was approved, or the Government postponed it, or its minister withdrew it."""

    NOT_IN_ORDER = "not_in_order"
    POSTPONED = DecisionResult.POSTPONED.value
    WITHDRAWN = DecisionResult.WITHDRAWN.value


MOVABLE_RESULTS = (DecisionResult.POSTPONED, DecisionResult.WITHDRAWN)


def move_reason(item: AgendaItem) -> str | None:
    """Why this item may go to a later meeting, or None when it may not: it left a final agenda not
    formally in order, or its decision (in force) is postponed or withdrawn."""
    if not item.agenda.is_final:
        return None
    if item.carried_over:
        return MoveReason.NOT_IN_ORDER
    decision = item.decisions.order_by("-version").first()
    if decision is not None and decision.result in MOVABLE_RESULTS:
        return decision.result
    return None


def next_regular_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting an item not in order at approve-and-close goes to: the next ministerial council
    still preparing its agenda. Special meetings and electronic procedures are called for their own
    items; the secretariat moves an item there by hand."""
    return (
        Meeting.objects.filter(kind=MeetingKind.REGULAR, state=MeetingState.PLANNED, starts_at__gt=meeting.starts_at)
        .order_by("starts_at")
        .first()
    )


def _latest_result():
    return Subquery(Decision.objects.filter(item=OuterRef("pk")).order_by("-version").values("result")[:1])


def items_awaiting_meeting():
    """Items that left a final agenda for a later meeting not chosen yet: not formally in order at
    approve-and-close (no regular meeting was planned), or postponed without a new meeting. Read
    them through `.visible_to()`."""
    return (
        AgendaItem.objects.filter(agenda__is_final=True, postponed_to__isnull=True)
        .annotate(latest_result=_latest_result())
        .filter(Q(carried_over=True) | Q(carried_over=False, latest_result=DecisionResult.POSTPONED))
    )


def withdrawn_items():
    """Items withdrawn at a meeting and not put on a later one (their minister may bring them back)."""
    return (
        AgendaItem.objects.filter(agenda__is_final=True, carried_over=False, postponed_to__isnull=True)
        .annotate(latest_result=_latest_result())
        .filter(latest_result=DecisionResult.WITHDRAWN)
    )


def moved_out(agenda: Agenda) -> list[tuple[AgendaItem, AgendaItem | None]]:
    """The items carried out of an approved version, each with the copy it became on another
    meeting (None when it waits for a meeting, or went to the next letter of the same meeting)."""
    result = []
    for item in agenda.items.filter(carried_over=True).order_by("kind_order", "number"):
        moved = item.postponed_to.select_related("agenda__meeting").first()
        result.append((item, moved))
    return result


def put_on_later_meeting(actor, item: AgendaItem, meeting: Meeting, reason: str) -> AgendaItem:
    """Put `item` on the draft agenda of a later `meeting` as a new item that keeps its history
    (`postponed_from`, the procedure step, its documents with their numbers). In the caller's
    transaction."""
    source_meeting = item.agenda.meeting
    if meeting.starts_at <= source_meeting.starts_at:
        raise ValidationError({"meeting": _("An item can only be moved to a later meeting.")}, code="move_earlier")
    already = item.postponed_to.select_related("agenda__meeting").first()
    if already is not None:
        raise ValidationError(
            _("This item was already moved to %(meeting)s.") % {"meeting": already.agenda.meeting},
            code="moved",
        )
    draft = current_draft(meeting)
    if draft is None:
        raise ValidationError(
            {"meeting": _("The agenda of %(meeting)s is final; choose another meeting.") % {"meeting": meeting}},
            code="move_final",
        )
    draft = _lock_draft(draft, None)
    last = draft.current_items().filter(kind=item.kind).aggregate(n=Max("number"))["n"] or 0
    moved = AgendaItem.objects.create(
        agenda=draft,
        kind=item.kind,
        number=last + 1,
        title=item.title,
        short_title=item.short_title,
        step=item.step,
        document_number=item.document_number,
        # Not in order stays so until someone checks it again; a decided item is checked anew.
        formal_check=item.formal_check if reason == MoveReason.NOT_IN_ORDER else FormalCheck.NOT_YET,
        access_level=item.access_level,
        postponed_from=item,
    )
    moved.mandatees.set(item.mandatees.all())
    moved.concerned_mandatees.set(item.concerned_mandatees.all())
    moved.named_users.set(item.named_users.all())
    for link in item.item_documents.all():
        ItemDocument.objects.create(
            item=moved, document_id=link.document_id, position=link.position, reference=link.reference
        )
    _touch(draft)
    audit.record(
        actor,
        AuditAction.UPDATE,
        item,
        after={"moved_to": str(meeting), "agenda": draft.letter, "reason": reason},
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        moved,
        after={**audit.snapshot(moved, ITEM_AUDIT_FIELDS), "moved_from": str(source_meeting), "reason": reason},
    )
    return moved


@transaction.atomic
def move_to_meeting(actor, item: AgendaItem, meeting: Meeting) -> AgendaItem:
    """Put an item that left a final agenda (not in order, postponed or withdrawn) on the draft of
    a later meeting, with its history."""
    require(actor, "decisions.manage_agendas")
    item = AgendaItem.objects.select_for_update().select_related("agenda__meeting").get(pk=item.pk)
    reason = move_reason(item)
    if reason is None:
        raise ValidationError(
            _(
                "Only an item that left a final agenda (not formally in order, postponed or withdrawn) "
                "can be moved to another meeting."
            ),
            code="not_movable",
        )
    return put_on_later_meeting(actor, item, meeting, reason)


# --- Comparing versions -----------------------------------------------------------------------


@dataclass
class ItemChange:
    before: AgendaItem
    after: AgendaItem
    fields: list[str] = field(default_factory=list)


@dataclass
class ItemLeft:
    """An item carried out of the newer version: to its next letter, to another meeting (`moved_to`,
    the copy there) or waiting for a meeting (`awaiting`)."""

    item: AgendaItem
    next_letter: str | None = None
    moved_to: AgendaItem | None = None

    @property
    def awaiting(self) -> bool:
        return self.next_letter is None and self.moved_to is None


@dataclass
class AgendaComparison:
    older: Agenda
    newer: Agenda
    added: list[AgendaItem]
    removed: list[AgendaItem]
    moved: list[ItemChange]
    changed: list[ItemChange]
    left: list[ItemLeft] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed or self.left)


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

    # Items carried out of the newer version leave it visibly, with where they went.
    carried = list(
        newer.items.filter(carried_over=True)
        .exclude(lineage__in=new.keys())
        .prefetch_related(Prefetch("postponed_to", AgendaItem.objects.select_related("agenda__meeting")))
        .order_by("kind_order", "number")
    )
    next_letter = Agenda.objects.filter(previous=newer).values_list("letter", flat=True).first() if carried else None
    left = [
        ItemLeft(item, next_letter=next_letter, moved_to=next(iter(item.postponed_to.all()), None)) for item in carried
    ]
    gone = {entry.item.lineage for entry in left}
    return AgendaComparison(
        older=older,
        newer=newer,
        added=sorted((new[k] for k in new.keys() - old.keys()), key=order),
        removed=sorted((old[k] for k in old.keys() - new.keys() - gone), key=order),
        left=left,
        moved=sorted(moved, key=lambda c: order(c.after)),
        changed=sorted(changed, key=lambda c: order(c.after)),
    )
