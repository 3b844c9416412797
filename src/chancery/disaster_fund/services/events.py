"""Disaster events and damage reports (schademeldingen).

A victim reports the damage within 60 days of the event (rules.TERMS "damage_report"), one report
per person per phenomenon: a second report of the same person (national register or enterprise
number) for the same event is not stored again but counted on the first and linked to it
(`ReportOutcome.duplicate_of`). A report is no claim; it lets the fund test the event against the
criteria, then propose a recognition or close the event as not recognised."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.disaster_fund.models import DamageReport, DisasterEvent, EventState, Municipality
from chancery.disaster_fund.services.compensation import damage_report_deadline
from chancery.disaster_fund.services.municipalities import in_force_on

OPEN_FOR_REPORTS = (EventState.REPORTED, EventState.UNDER_INVESTIGATION)


@transaction.atomic
def record_event(actor, *, phenomenon: str, name: str, started_on: datetime.date, ended_on: datetime.date):
    require(actor, "disaster_fund.handle")
    if ended_on < started_on:
        raise ValidationError({"ended_on": _("The end lies before the start.")})
    event = DisasterEvent.objects.create(
        phenomenon=phenomenon, name=name.strip(), started_on=started_on, ended_on=ended_on, created_by=actor
    )
    event.full_clean()
    audit.record(actor, AuditAction.CREATE, event, after=audit.snapshot(event, ("phenomenon", "name", "state")))
    return event


@transaction.atomic
def set_state(actor, event: DisasterEvent, state: str, *, findings: str = "") -> DisasterEvent:
    """Under investigation, or closed as not recognised (the findings say why)."""
    require(actor, "disaster_fund.handle")
    event = DisasterEvent.objects.select_for_update().get(pk=event.pk)
    allowed = {
        EventState.REPORTED: {EventState.UNDER_INVESTIGATION, EventState.NOT_RECOGNISED},
        EventState.UNDER_INVESTIGATION: {EventState.NOT_RECOGNISED},
    }
    if state not in allowed.get(event.state, set()):
        raise ValidationError(_("This event cannot go to that state."), code="state")
    if state == EventState.NOT_RECOGNISED and not findings.strip():
        raise ValidationError({"findings": _("Say why the event is not recognised.")})
    before = {"state": event.state}
    event.state, event.findings = state, findings.strip() or event.findings
    event.save(update_fields=["state", "findings"])
    audit.record(actor, AuditAction.STATE_CHANGE, event, before=before, after={"state": state}, reason=findings)
    if state == EventState.NOT_RECOGNISED:
        close_reports(actor, event, findings.strip())
    return event


def close_reports(actor, event: DisasterEvent, reason: str, on: datetime.date | None = None) -> int:
    """The event is not recognised: its damage reports are closed with the reason, which each
    reporter reads on their counter page (a report is no claim: nothing else follows). Called in
    the caller's transaction; returns how many reports were closed."""
    on = on or timezone.localdate()
    closed = 0
    for report in DamageReport.objects.select_for_update().filter(event=event, closed_on__isnull=True):
        report.closed_on, report.closing_reason = on, reason
        report.save(update_fields=["closed_on", "closing_reason"])
        audit.record(actor, AuditAction.STATE_CHANGE, report, after={"closed_on": on.isoformat()}, reason=reason)
        closed += 1
    return closed


def normalised_id(value: str) -> str:
    return re.sub(r"\D", "", value or "")


@dataclass(frozen=True)
class ReportOutcome:
    report: DamageReport
    # The first report of the same person for the same event, when this one repeated it.
    duplicate: bool


def report_damage(
    actor,
    event: DisasterEvent,
    *,
    municipality: Municipality,
    reporter_kind: str,
    reporter_name: str,
    reporter_id: str,
    address: str,
    occurred_on: datetime.date,
    description: str,
    today: datetime.date | None = None,
) -> ReportOutcome:
    """A damage report at the counter. Refused (nothing stored) after 60 days from the event's end,
    for a municipality that did not exist then, or an event no longer open for reports; a repeat
    of the same person for the same event is linked to the first report, not stored again."""
    require(actor, "disaster_fund.report_damage")
    today = today or timezone.localdate()
    errors = {}
    identifier = normalised_id(reporter_id)
    if len(identifier) not in (10, 11):
        errors["reporter_id"] = _("Give your national register number (11 digits) or enterprise number (10 digits).")
    if event.state not in OPEN_FOR_REPORTS:
        errors["event"] = _("Damage for this event can no longer be reported.")
    if not event.started_on <= occurred_on <= event.ended_on:
        errors["occurred_on"] = _("The date of the damage lies outside the event (%(start)s – %(end)s).") % {
            "start": event.started_on.isoformat(),
            "end": event.ended_on.isoformat(),
        }
    deadline = damage_report_deadline(event.ended_on)
    if today > deadline:
        errors["event"] = _("Damage is reported within 60 days of the event; the term ended on %(day)s.") % {
            "day": deadline.isoformat()
        }
    if not in_force_on(Municipality.objects.filter(pk=municipality.pk), event.started_on).exists():
        errors["municipality"] = _("%(name)s was not a municipality at the time of the event.") % {
            "name": municipality.name
        }
    for field, value in (("reporter_name", reporter_name), ("address", address), ("description", description)):
        if not value.strip():
            errors[field] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    existing = DamageReport.objects.filter(event=event, reporter_id=identifier).first()
    if existing is None:
        try:
            with transaction.atomic():
                report = DamageReport.objects.create(
                    event=event,
                    municipality=municipality,
                    reporter_kind=reporter_kind,
                    reporter_name=reporter_name.strip(),
                    reporter_id=identifier,
                    address=address.strip(),
                    occurred_on=occurred_on,
                    description=description.strip(),
                    reported_by=actor,
                )
                audit.record(
                    actor, AuditAction.CREATE, report, after={"event": event.pk, "municipality": municipality.pk}
                )
                return ReportOutcome(report, duplicate=False)
        except IntegrityError:  # the same person, at the same moment: the other report won
            existing = DamageReport.objects.get(event=event, reporter_id=identifier)
    with transaction.atomic():
        DamageReport.objects.filter(pk=existing.pk).update(duplicates=F("duplicates") + 1)
        existing.refresh_from_db()
        audit.record(actor, AuditAction.UPDATE, existing, after={"duplicates": existing.duplicates})
    return ReportOutcome(existing, duplicate=True)
