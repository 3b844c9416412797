"""The Flemish position on an act: recorded by the administration in versions, approved by a
minister's office, or — where it needs a decision of the Government — submitted through
decision-making (decisions.services.submit, as the disaster fund's recognition) and approved by
the decision recorded on its item (signals.on_domain_event)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.decisions import services as decisions
from chancery.decisions.models import AgendaItem, Decision, DecisionResult
from chancery.decisions.services.outcomes import meeting_day
from chancery.eu_files.events import POSITION_APPROVED
from chancery.eu_files.models import EuAct, Position, PositionState

FIELDS = ("version", "interests", "text", "needs_government_decision", "state", "approved_on", "submission")


@transaction.atomic
def record_position(actor, act: EuAct, *, interests: str, text: str, needs_government_decision: bool) -> Position:
    """A new version of the position (the last one approved stays until this one is)."""
    require(actor, "eu_files.keep")
    act = EuAct.objects.select_for_update().get(pk=act.pk)
    errors = {}
    if not interests.strip():
        errors["interests"] = _("Name the Flemish interests concerned.")
    if not text.strip():
        errors["text"] = _("The position is required.")
    if errors:
        raise ValidationError(errors)
    version = (act.positions.aggregate(n=Max("version"))["n"] or 0) + 1
    position = Position.objects.create(
        eu_act=act, version=version, interests=interests.strip(), text=text.strip(),
        needs_government_decision=needs_government_decision, created_by=actor,
    )  # fmt: skip
    audit.record(actor, AuditAction.CREATE, position, after=audit.snapshot(position, FIELDS))
    return position


def _approved(actor, position: Position, day) -> Position:
    position.state, position.approved_on, position.approved_by = PositionState.APPROVED, day, actor
    position.save(update_fields=["state", "approved_on", "approved_by"])
    audit.record(actor, AuditAction.STATE_CHANGE, position, after={"state": position.state, "approved_on": str(day)})
    events.emit(
        POSITION_APPROVED.code,
        position,
        {"eu_act": position.eu_act.reference, "version": position.version, "approved_on": day.isoformat()},
    )
    return position


@transaction.atomic
def approve(actor, position: Position) -> Position:
    """A minister's office approves a position that needs no decision of the Government."""
    require(actor, "eu_files.approve_position")
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.needs_government_decision:
        raise ValidationError(_("This position needs a decision of the Government: submit it."), code="government")
    if position.state != PositionState.DRAFT:
        raise ValidationError(_("Only a draft position can be approved."), code="state")
    return _approved(actor, position, timezone.localdate())


@transaction.atomic
def submit_to_government(actor, position: Position, meeting, *, mandatees, uploads=()) -> Position:
    """A minister's office puts the position on the Government's agenda."""
    require(actor, "eu_files.approve_position")
    position = Position.objects.select_for_update().select_related("eu_act").get(pk=position.pk)
    if not position.needs_government_decision:
        raise ValidationError(_("This position needs no decision of the Government."), code="government")
    if position.state != PositionState.DRAFT:
        raise ValidationError(_("This position was already submitted."), code="state")
    act = position.eu_act
    short = _("Flemish position on %(reference)s") % {"reference": act.reference}
    position.submission = decisions.submit(
        actor, meeting, title=f"{short}: {act.title}"[:1000], short_title=short[:300], mandatees=mandatees,
        kind="note", step_kind="principle_approval", item_access_level="internal_government", uploads=uploads,
    )  # fmt: skip
    position.state = PositionState.SUBMITTED
    position.save(update_fields=["submission", "state"])
    audit.record(actor, AuditAction.STATE_CHANGE, position, after={"state": position.state})
    return position


def record_decision(decision: Decision) -> Position | None:
    """The Government decided on an item: if it is a submitted position's, the position is
    approved (dated the meeting's day) or not adopted (withdrawn); postponed leaves it submitted.
    Inside the decision's transaction, by its author."""
    item = AgendaItem.objects.select_related("agenda__meeting").get(pk=decision.item_id)
    if item.step_id is None:
        return None
    position = (
        Position.objects.select_for_update()
        .filter(submission__step_id=item.step_id, state__in=(PositionState.SUBMITTED, PositionState.APPROVED))
        .first()
    )
    if position is None:
        return None
    if decision.result == DecisionResult.APPROVED:
        if position.state != PositionState.APPROVED:
            return _approved(decision.decided_by, position, meeting_day(item.agenda.meeting))
    elif decision.result == DecisionResult.WITHDRAWN:
        position.state = PositionState.NOT_ADOPTED
        position.save(update_fields=["state"])
        audit.record(decision.decided_by, AuditAction.STATE_CHANGE, position, after={"state": position.state})
    return position


def current(act: EuAct, reader) -> Position | None:
    """The position in force: the latest approved version the reader may see."""
    return act.positions.visible_to(reader).filter(state=PositionState.APPROVED).order_by("-version").first()
