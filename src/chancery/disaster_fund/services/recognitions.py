"""The recognition of a disaster (erkenning) as a Government decision.

The fund prepares it (phenomenon, period, municipalities of the time) from the event it
investigated; a minister's office submits it to the Government through the decision-making
module (decisions.services.submit: the secretariat puts it on the agenda, the Government decides,
the act is published in the Belgisch Staatsblad). Its publication opens the claim window:
`signals.on_publication_date_set` records the date from the publication of the decision
(decisions.Publication, step "published"), so there is one place the date is typed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.decisions import services as decisions
from chancery.decisions.models import Publication
from chancery.disaster_fund.events import RECOGNITION_PUBLISHED, RECOGNITION_REJECTED
from chancery.disaster_fund.models import (
    DisasterEvent,
    EventState,
    Municipality,
    Recognition,
    RecognitionState,
)
from chancery.disaster_fund.services.compensation import claim_deadline, late_claim_deadline
from chancery.disaster_fund.services.events import close_reports
from chancery.disaster_fund.services.municipalities import in_force_on

FIELDS = ("phenomenon", "period_start", "period_end", "state", "published_on", "numac")


@transaction.atomic
def prepare(
    actor,
    event: DisasterEvent,
    *,
    period_start: datetime.date,
    period_end: datetime.date,
    municipalities: Iterable[Municipality],
) -> Recognition:
    """The fund's proposal of a recognition, for the Government."""
    require(actor, "disaster_fund.handle")
    event = DisasterEvent.objects.select_for_update().get(pk=event.pk)
    municipalities = list(municipalities)
    errors = {}
    if event.state not in (EventState.REPORTED, EventState.UNDER_INVESTIGATION):
        errors["event"] = _("A recognition is prepared once, for an event under investigation.")
    if period_end < period_start:
        errors["period_end"] = _("The end lies before the start.")
    if not municipalities:
        errors["municipalities"] = _("Name at least one municipality.")
    else:
        existing = set(in_force_on(Municipality.objects.all(), period_start).values_list("pk", flat=True))
        gone = [m.name for m in municipalities if m.pk not in existing]
        if gone:
            errors["municipalities"] = _("Not a municipality at the time of the disaster: %(names)s.") % {
                "names": ", ".join(gone)
            }
    if errors:
        raise ValidationError(errors)
    recognition = Recognition.objects.create(
        event=event, phenomenon=event.phenomenon, period_start=period_start, period_end=period_end, prepared_by=actor
    )
    recognition.municipalities.set(municipalities)
    event.state = EventState.RECOGNITION_PROPOSED
    event.save(update_fields=["state"])
    audit.record(
        actor,
        AuditAction.CREATE,
        recognition,
        after={**audit.snapshot(recognition, FIELDS), "municipalities": sorted(m.nis_code for m in municipalities)},
    )
    return recognition


def title_of(recognition: Recognition) -> str:
    return _("Recognition as a disaster: %(phenomenon)s of %(start)s to %(end)s") % {
        "phenomenon": recognition.get_phenomenon_display().lower(),
        "start": recognition.period_start.strftime("%d-%m-%Y"),
        "end": recognition.period_end.strftime("%d-%m-%Y"),
    }


@transaction.atomic
def submit_to_government(actor, recognition: Recognition, meeting, *, mandatees, uploads=()) -> Recognition:
    """A minister's office submits the prepared recognition for a meeting of the Government."""
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    if recognition.state != RecognitionState.PREPARED:
        raise ValidationError(_("This recognition was already submitted."), code="state")
    names = ", ".join(recognition.municipalities.order_by("name").values_list("name", flat=True))
    submission = decisions.submit(
        actor,
        meeting,
        title=f"{title_of(recognition)} ({names})",
        short_title=title_of(recognition),
        mandatees=mandatees,
        kind="note",
        step_kind="final_approval",
        uploads=uploads,
    )
    recognition.submission, recognition.state = submission, RecognitionState.SUBMITTED
    recognition.save(update_fields=["submission", "state"])
    audit.record(actor, AuditAction.STATE_CHANGE, recognition, after={"state": recognition.state})
    return recognition


def record_publication(publication: Publication) -> Recognition | None:
    """The decision recognising a disaster was published: the claim window opens on that day.
    Called in the publication's transaction (signals); None when the publication is not of a
    recognition."""
    if not publication.published_on:
        return None
    recognition = (
        Recognition.objects.select_for_update()
        .filter(submission__item=publication.decision_item, state=RecognitionState.SUBMITTED)
        .first()
    )
    if recognition is None:
        return None
    recognition.state = RecognitionState.PUBLISHED
    recognition.published_on, recognition.numac = publication.published_on, publication.numac
    recognition.save(update_fields=["state", "published_on", "numac"])
    DisasterEvent.objects.filter(pk=recognition.event_id).update(state=EventState.RECOGNISED)
    audit.record(
        publication.created_by,
        AuditAction.STATE_CHANGE,
        recognition,
        after={"state": recognition.state, "published_on": recognition.published_on.isoformat()},
    )
    events.emit(
        RECOGNITION_PUBLISHED.code,
        recognition,
        {
            "phenomenon": recognition.phenomenon,
            "published_on": recognition.published_on.isoformat(),
            "claim_deadline": claim_deadline(recognition.published_on).isoformat(),
            "late_claim_deadline": late_claim_deadline(recognition.published_on).isoformat(),
            "municipalities": sorted(recognition.municipalities.values_list("nis_code", flat=True)),
        },
    )
    return recognition


@transaction.atomic
def record_rejection(actor, recognition: Recognition, *, reason: str, decided_on: datetime.date | None = None):
    """The Government decided not to recognise the disaster (the submitted recognition was not
    adopted): the recognition is closed, the event is not recognised with the Government's reason
    as its findings, and every damage report of the event is closed with that reason, which the
    reporters read on their counter page. No claim window opens. Refused, nothing stored: without
    a reason, or for a recognition not (or no longer) before the Government."""
    require(actor, "disaster_fund.handle")
    recognition = Recognition.objects.select_for_update().select_related("event").get(pk=recognition.pk)
    decided_on = decided_on or timezone.localdate()
    errors = {}
    if recognition.state != RecognitionState.SUBMITTED:
        errors["recognition"] = _("Only a recognition submitted to the Government can be recorded as not adopted.")
    if not reason.strip():
        errors["reason"] = _("Give the Government's reason: the reporters read it.")
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("The Government's decision cannot lie in the future.")
    if errors:
        raise ValidationError(errors)
    reason = reason.strip()
    recognition.state, recognition.rejected_on = RecognitionState.REJECTED, decided_on
    recognition.save(update_fields=["state", "rejected_on"])
    event = recognition.event
    before = {"state": event.state}
    event.state, event.findings = EventState.NOT_RECOGNISED, reason
    event.save(update_fields=["state", "findings"])
    audit.record(actor, AuditAction.STATE_CHANGE, recognition, after={"state": recognition.state}, reason=reason)
    audit.record(actor, AuditAction.STATE_CHANGE, event, before=before, after={"state": event.state}, reason=reason)
    closed = close_reports(actor, event, reason, decided_on)
    events.emit(
        RECOGNITION_REJECTED.code,
        recognition,
        {"phenomenon": recognition.phenomenon, "rejected_on": decided_on.isoformat(), "reports_closed": closed},
    )
    return recognition


def open_for_claims(on: datetime.date):
    """Published recognitions whose claim window or late-claim term has not ended on `on`."""
    published = Recognition.objects.filter(state=RecognitionState.PUBLISHED, published_on__lte=on)
    return [r for r in published.order_by("-published_on") if on <= late_claim_deadline(r.published_on)]
