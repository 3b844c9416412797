"""Publication of decided acts in the Belgian Official Gazette (Belgisch Staatsblad): the steps
(translation, proof, publication), their deadlines, and the files that are late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.calendar import add_working_days
from chancery.core.models import AuditAction
from chancery.decisions.events import PUBLICATION_DATE_SET
from chancery.decisions.models import (
    AgendaItem,
    DecisionResult,
    Publication,
    PublicationEvent,
    PublicationStep,
)
from chancery.decisions.services.documents import next_number
from chancery.decisions.services.outcomes import meeting_day
from chancery.decisions.signals import publication_date_set

S = PublicationStep
# Which step may follow which. A proof can be corrected and asked again; cancelling is always possible.
NEXT_STEPS = {
    S.STARTED: {S.TRANSLATION_REQUESTED, S.PROOF_REQUESTED, S.CANCELLED},
    S.TRANSLATION_REQUESTED: {S.TRANSLATION_RECEIVED, S.CANCELLED},
    S.TRANSLATION_RECEIVED: {S.PROOF_REQUESTED, S.CANCELLED},
    S.PROOF_REQUESTED: {S.PROOF_RECEIVED, S.CANCELLED},
    S.PROOF_RECEIVED: {S.PROOF_CORRECTED, S.PUBLICATION_REQUESTED, S.CANCELLED},
    S.PROOF_CORRECTED: {S.PROOF_REQUESTED, S.PUBLICATION_REQUESTED, S.CANCELLED},
    S.PUBLICATION_REQUESTED: {S.PUBLISHED, S.CANCELLED},
    S.PUBLISHED: set(),
    S.CANCELLED: set(),
}


def _term(name: str, urgent: bool) -> int:
    terms = settings.CHANCERY_PUBLICATION_TERMS[name]
    return terms["urgent" if urgent else "normal"]


def _not_before_meeting(item: AgendaItem, day: datetime.date, field: str) -> None:
    """No date of a publication lies before the meeting that took the decision (issue 14: a
    publication in the Gazette was accepted with a date before its meeting)."""
    held = meeting_day(item.agenda.meeting)
    if day < held:
        raise ValidationError(
            {
                field: _("%(day)s lies before the meeting of %(held)s that took the decision.")
                % {"day": formats.date_format(day, "j F Y"), "held": formats.date_format(held, "j F Y")}
            },
            code="before_meeting",
        )


@transaction.atomic
def start_publication(
    actor,
    item: AgendaItem,
    *,
    regulation_type: str,
    urgent: bool = False,
    target_date: datetime.date | None = None,
    on: datetime.date | None = None,
) -> Publication:
    """Start a publication file; `on` is the date of the request (today by default)."""
    require(actor, "decisions.handle_publications")
    decision = item.decision
    if decision is None or decision.result != DecisionResult.APPROVED:
        raise ValidationError(_("Only an approved decision can be published."), code="not_approved")
    if item.publications.exclude(step=S.CANCELLED).exists():
        raise ValidationError(_("A publication of this decision is already under way."), code="exists")
    today = timezone.localdate()
    if target_date is not None and target_date < today:
        raise ValidationError({"target_date": _("The desired publication date lies in the past.")}, code="past")
    started = min(on or today, today)
    _not_before_meeting(item, started, "on")
    if target_date is not None:
        _not_before_meeting(item, target_date, "target_date")
    number = f"PUB-{today.year}-{next_number(today.year, 'PUB'):04d}"
    publication = Publication.objects.create(
        number=number,
        decision_item=item,
        regulation_type=regulation_type,
        urgent=urgent,
        target_date=target_date,
        created_by=actor,
    )
    PublicationEvent.objects.create(publication=publication, step=S.STARTED, on=started, recorded_by=actor)
    audit.record(actor, AuditAction.CREATE, publication, after={"number": number, "urgent": urgent})
    return publication


@transaction.atomic
def record_step(
    actor,
    publication: Publication,
    step: str,
    *,
    on: datetime.date | None = None,
    note: str = "",
    planned_date: datetime.date | None = None,
    numac: str = "",
) -> Publication:
    require(actor, "decisions.handle_publications")
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    step = PublicationStep(step)
    on = on or timezone.localdate()
    if step not in NEXT_STEPS[PublicationStep(publication.step)]:
        raise ValidationError(
            _("“%(step)s” cannot follow “%(current)s”.")
            % {"step": step.label, "current": PublicationStep(publication.step).label},
            code="order",
        )
    last = publication.events.order_by("-on", "-pk").first()
    if last and on < last.on:
        raise ValidationError({"on": _("A step cannot happen before the previous one.")}, code="date_order")
    if on > timezone.localdate():
        raise ValidationError({"on": _("A step that happened cannot lie in the future.")}, code="future")
    item = publication.decision_item
    _not_before_meeting(item, on, "on")
    if planned_date is not None:
        _not_before_meeting(item, planned_date, "planned_date")
    if step == S.PUBLICATION_REQUESTED and planned_date is None:
        raise ValidationError({"planned_date": _("Give the planned publication date.")}, code="planned")
    if step == S.PUBLISHED and not numac.strip():
        raise ValidationError({"numac": _("Give the NUMAC number of the publication.")}, code="numac")
    before = {"step": publication.step}
    PublicationEvent.objects.create(publication=publication, step=step, on=on, note=note.strip(), recorded_by=actor)
    publication.step = step
    if planned_date:
        publication.planned_date = planned_date
    if step == S.PUBLISHED:
        publication.published_on, publication.numac = on, numac.strip()
    publication.save(update_fields=["step", "planned_date", "published_on", "numac"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        publication,
        before=before,
        after={"step": step, "on": on.isoformat()},
        reason=note,
    )
    if planned_date or step == S.PUBLISHED:
        publication_date_set.send(sender=Publication, publication=publication)
        events.emit(
            PUBLICATION_DATE_SET.code,
            publication,
            {
                "number": publication.number,
                "planned_date": publication.planned_date.isoformat() if publication.planned_date else None,
                "published_on": publication.published_on.isoformat() if publication.published_on else None,
            },
        )
    return publication


@dataclass(frozen=True)
class Deadline:
    label: str
    due: datetime.date
    done: datetime.date | None

    def overdue(self, today: datetime.date) -> bool:
        return self.done is None and today > self.due


DEADLINE_LABELS = {
    "translation": gettext_lazy("Translation back"),
    "proof": gettext_lazy("Proof back"),
    "publication": gettext_lazy("Published"),
}


def deadlines(publication: Publication, events: list[PublicationEvent] | None = None) -> list[Deadline]:
    """The deadlines of the steps under way: counted in working days from the request (terms
    in settings.CHANCERY_PUBLICATION_TERMS), the publication by its planned or desired date."""
    events = events if events is not None else list(publication.events.all())
    result = []

    def last(step):
        dated = [e.on for e in events if e.step == step]
        return max(dated) if dated else None

    asked, back = last(S.TRANSLATION_REQUESTED), last(S.TRANSLATION_RECEIVED)
    if asked:
        due = add_working_days(asked, _term("translation", publication.urgent))
        result.append(Deadline(str(DEADLINE_LABELS["translation"]), due, back if back and back >= asked else None))
    asked, back = last(S.PROOF_REQUESTED), last(S.PROOF_RECEIVED)
    if asked:
        due = add_working_days(asked, _term("proof", publication.urgent))
        result.append(Deadline(str(DEADLINE_LABELS["proof"]), due, back if back and back >= asked else None))
    target = publication.planned_date or publication.target_date
    if target and publication.step != S.CANCELLED:
        result.append(Deadline(str(DEADLINE_LABELS["publication"]), target, publication.published_on))
    return result


def is_overdue(publication: Publication, today: datetime.date | None = None, events=None) -> bool:
    today = today or timezone.localdate()
    return publication.step != S.CANCELLED and any(d.overdue(today) for d in deadlines(publication, events))
