"""Dossiers and their procedure steps; the phase of a dossier, derived, never typed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.models import AccessLevel, AuditAction, Mandatee, Role
from chancery.decisions.models import (
    AgendaItem,
    DecisionResult,
    Dossier,
    ItemKind,
    Meeting,
    ProcedureStep,
    StepKind,
)
from chancery.decisions.services.agendas import add_item, current_draft

DOSSIER_ROLES = (Role.SECRETARIAT, Role.ADMIN, Role.MINISTER, Role.CABINET)


def _may_prepare(actor) -> None:
    if not (actor.is_authenticated and actor.is_active and actor.role in DOSSIER_ROLES):
        raise PermissionDenied(_("Only the secretariat, ministers and their cabinets prepare dossiers."))


@transaction.atomic
def create_dossier(actor, *, title: str, short_title: str, access_level: str = AccessLevel.PUBLIC) -> Dossier:
    _may_prepare(actor)
    if not title.strip() or not short_title.strip():
        raise ValidationError(_("A dossier needs a title and a short title."), code="title")
    dossier = Dossier.objects.create(
        title=title.strip(), short_title=short_title.strip(), access_level=access_level, created_by=actor
    )
    if actor.role not in (Role.SECRETARIAT, Role.ADMIN):
        dossier.named_users.add(actor)
    audit.record(
        actor, AuditAction.CREATE, dossier, after=audit.snapshot(dossier, ("title", "short_title", "access_level"))
    )
    return dossier


@transaction.atomic
def add_step(actor, dossier: Dossier, *, kind: str, title: str, mandatees: Iterable[Mandatee]) -> ProcedureStep:
    _may_prepare(actor)
    mandatees = list(mandatees)
    if not mandatees:
        raise ValidationError({"mandatees": _("A step needs at least one responsible minister.")}, code="mandatees")
    step = ProcedureStep.objects.create(
        dossier=dossier, kind=StepKind(kind), title=title.strip(), access_level=dossier.access_level
    )
    step.mandatees.set(mandatees)
    audit.record(actor, AuditAction.CREATE, step, after=audit.snapshot(step, ("kind", "title", "mandatees")))
    return step


def put_step_on_agenda(actor, step: ProcedureStep, meeting: Meeting, *, kind: str = ItemKind.NOTE) -> AgendaItem:
    """Agendering: the step becomes an item on the meeting's current draft agenda."""
    draft = current_draft(meeting)
    if draft is None:
        raise ValidationError(
            _("The agenda of %(meeting)s is final; choose another meeting.") % {"meeting": meeting}, code="final"
        )
    return add_item(
        actor,
        draft,
        expected_revision=None,
        kind=kind,
        title=step.title,
        short_title=f"{step.dossier.short_title}: {step.get_kind_display()}",
        mandatees=step.mandatees.all(),
        step=step,
        access_level=step.access_level,
    )


@dataclass(frozen=True)
class Phase:
    """Where a dossier stands, for one reader: built only from what that reader may see."""

    label: str
    step: ProcedureStep | None
    meeting: Meeting | None


def dossier_phase(dossier: Dossier, user) -> Phase:
    steps = list(ProcedureStep.objects.visible_to(user).filter(dossier=dossier).order_by("created_at", "pk"))
    if not steps:
        return Phase(_("In preparation"), None, None)
    step = steps[-1]
    items = (
        AgendaItem.objects.visible_to(user)
        .filter(step=step, carried_over=False)
        .select_related("agenda__meeting")
        .order_by("-agenda__meeting__starts_at", "-agenda__sequence")
    )
    for item in items:
        meeting = item.agenda.meeting
        decision = item.decision if item.agenda.is_final else None
        if decision is None:
            return Phase(
                _("%(step)s: on the agenda of %(meeting)s") % {"step": step.get_kind_display(), "meeting": meeting},
                step,
                meeting,
            )
        labels = {
            DecisionResult.APPROVED: _("%(step)s: approved on %(date)s"),
            DecisionResult.ACKNOWLEDGED: _("%(step)s: acknowledged on %(date)s"),
            DecisionResult.POSTPONED: _("%(step)s: postponed on %(date)s"),
            DecisionResult.WITHDRAWN: _("%(step)s: withdrawn on %(date)s"),
        }
        date = meeting.starts_at.date().strftime("%d-%m-%Y")
        return Phase(labels[decision.result] % {"step": step.get_kind_display(), "date": date}, step, meeting)
    return Phase(_("%(step)s: in preparation") % {"step": step.get_kind_display()}, step, None)
