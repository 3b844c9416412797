"""Belgian coordination: DGE meetings for EU files, COORMULTI for multilateral ones, with who
attended and the outcome per act; a file without consensus escalates to the interministerial
conference (a meeting of forum IMC)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.eu_files.events import OUTCOME_ESCALATED
from chancery.eu_files.models import Attendee, CoordinationMeeting, CoordinationOutcome, EuAct


@transaction.atomic
def hold_meeting(actor, *, forum: str, held_on: datetime.date, subject: str, notes: str = "") -> CoordinationMeeting:
    require(actor, "eu_files.keep")
    errors = {}
    if forum not in CoordinationMeeting.Forum.values:
        errors["forum"] = _("Choose DGE, COORMULTI or the interministerial conference.")
    if not subject.strip():
        errors["subject"] = _("A subject is required.")
    if errors:
        raise ValidationError(errors)
    meeting = CoordinationMeeting.objects.create(
        forum=forum, held_on=held_on, subject=subject.strip(), notes=notes, created_by=actor
    )
    audit.record(actor, AuditAction.CREATE, meeting, after=audit.snapshot(meeting, ("forum", "held_on", "subject")))
    return meeting


@transaction.atomic
def add_attendee(actor, meeting: CoordinationMeeting, *, name: str, representing: str) -> Attendee:
    require(actor, "eu_files.keep")
    if not name.strip() or not representing.strip():
        raise ValidationError({"name": _("Name the attendee and whom they represent.")})
    try:
        with transaction.atomic():
            attendee = Attendee.objects.create(meeting=meeting, name=name.strip(), representing=representing.strip())
    except IntegrityError:
        raise ValidationError({"name": _("This attendee is already listed.")}) from None
    audit.record(actor, AuditAction.CREATE, attendee, after={"name": attendee.name, "representing": representing})
    return attendee


@transaction.atomic
def record_outcome(
    actor, meeting: CoordinationMeeting, act: EuAct, *, result: str, text: str = ""
) -> CoordinationOutcome:
    require(actor, "eu_files.keep")
    if result not in CoordinationOutcome.Result.values:
        raise ValidationError({"result": _("Choose an outcome.")})
    if CoordinationOutcome.objects.filter(meeting=meeting, eu_act=act).exists():
        raise ValidationError({"eu_act": _("This meeting already has an outcome on this act.")})
    outcome = CoordinationOutcome.objects.create(meeting=meeting, eu_act=act, result=result, text=text)
    audit.record(actor, AuditAction.CREATE, outcome, after=audit.snapshot(outcome, ("eu_act", "result", "text")))
    return outcome


@transaction.atomic
def escalate(actor, outcome: CoordinationOutcome, conference: CoordinationMeeting) -> CoordinationOutcome:
    """Put an act on which the coordination found no consensus before the interministerial
    conference; the conference records its own outcome on it."""
    require(actor, "eu_files.keep")
    outcome = CoordinationOutcome.objects.select_for_update().select_related("meeting").get(pk=outcome.pk)
    if outcome.result != CoordinationOutcome.Result.NO_CONSENSUS:
        raise ValidationError(_("Only an act without consensus is escalated."), code="consensus")
    if outcome.escalated_to_id:
        raise ValidationError(_("This act was already escalated."), code="escalated")
    if conference.forum != CoordinationMeeting.Forum.IMC:
        raise ValidationError(_("Escalate to a meeting of the interministerial conference."), code="forum")
    if conference.held_on < outcome.meeting.held_on:
        raise ValidationError(_("The conference cannot be held before the coordination meeting."), code="date")
    outcome.escalated_to = conference
    outcome.save(update_fields=["escalated_to"])
    audit.record(actor, AuditAction.STATE_CHANGE, outcome, after={"escalated_to": conference.pk})
    events.emit(
        OUTCOME_ESCALATED.code, outcome, {"eu_act": outcome.eu_act.reference, "conference": str(conference.held_on)}
    )
    return outcome
