"""Dossiers and their procedure steps; the phase of a dossier, derived, never typed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AccessLevel, AuditAction, Mandatee
from chancery.core.permissions import grants_itself_everything
from chancery.decisions.models import (
    AgendaItem,
    Decision,
    DecisionResult,
    Dossier,
    ItemKind,
    Meeting,
    ProcedureStep,
    StepKind,
)
from chancery.decisions.services.agendas import add_item, current_draft


def _may_prepare(actor) -> None:
    require(actor, "decisions.prepare_dossiers")


@transaction.atomic
def create_dossier(actor, *, title: str, short_title: str, access_level: str = AccessLevel.PUBLIC) -> Dossier:
    _may_prepare(actor)
    if not title.strip() or not short_title.strip():
        raise ValidationError(_("A dossier needs a title and a short title."), code="title")
    dossier = Dossier.objects.create(
        title=title.strip(), short_title=short_title.strip(), access_level=access_level, created_by=actor
    )
    if not grants_itself_everything(actor):
        dossier.named_users.add(actor)
    audit.record(
        actor, AuditAction.CREATE, dossier, after=audit.snapshot(dossier, ("title", "short_title", "access_level"))
    )
    return dossier


class StaleDossier(ValidationError):
    """The dossier changed since the editor loaded it."""

    def __init__(self):
        super().__init__(
            _("Someone else changed this dossier in the meantime. Reload it and make your change again."),
            code="conflict",
        )


@transaction.atomic
def set_themes(actor, dossier: Dossier, themes: Iterable, *, expected_revision: int | None = None) -> Dossier:
    """The policy fields (themes) of a dossier; the public finds its released decisions under them.
    `expected_revision`: the revision the editor saw (the form always sends it); a stale one is
    refused, so a form loaded before another edit cannot silently drop that edit's themes."""
    _may_prepare(actor)
    if not Dossier.objects.visible_to(actor).filter(pk=dossier.pk).exists():
        raise PermissionDenied(_("You may not change this dossier."))
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if expected_revision is not None and locked.revision != expected_revision:
        raise StaleDossier()
    before = sorted(dossier.themes.values_list("slug", flat=True))
    dossier.themes.set(themes)
    after = sorted(dossier.themes.values_list("slug", flat=True))
    if before != after:
        dossier.revision = locked.revision + 1
        Dossier.objects.filter(pk=dossier.pk).update(revision=dossier.revision)
        audit.record(actor, AuditAction.UPDATE, dossier, before={"themes": before}, after={"themes": after})
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
    # The phase without its dates: "<step kind>:<state>", what search counts and filters on.
    key: str = "preparation"


@dataclass
class StepHistory:
    step: ProcedureStep
    items: list[AgendaItem]  # every time the step was on an agenda the reader may see, latest first


def dossier_histories(dossiers: Iterable[Dossier], user) -> dict[int, list[StepHistory]]:
    """Steps and their passages on agendas, for many dossiers in three queries."""
    dossier_ids = [d.pk for d in dossiers]
    steps = list(ProcedureStep.objects.visible_to(user).filter(dossier_id__in=dossier_ids).order_by("created_at", "pk"))
    items = (
        AgendaItem.objects.visible_to(user)
        .filter(step__in=steps, carried_over=False)
        .select_related("agenda__meeting")
        .prefetch_related("decisions")
        .order_by("-agenda__meeting__starts_at", "-agenda__sequence")
    )
    by_step: dict[int, list[AgendaItem]] = {}
    for item in items:
        # Of one meeting, only the latest agenda version counts.
        seen = by_step.setdefault(item.step_id, [])
        if not any(other.agenda.meeting_id == item.agenda.meeting_id for other in seen):
            seen.append(item)
    histories: dict[int, list[StepHistory]] = {pk: [] for pk in dossier_ids}
    for step in steps:
        histories[step.dossier_id].append(StepHistory(step, by_step.get(step.pk, [])))
    return histories


PHASE_LABELS = {
    DecisionResult.APPROVED: gettext_lazy("%(step)s: approved on %(date)s"),
    DecisionResult.ACKNOWLEDGED: gettext_lazy("%(step)s: acknowledged on %(date)s"),
    DecisionResult.POSTPONED: gettext_lazy("%(step)s: postponed on %(date)s"),
    DecisionResult.WITHDRAWN: gettext_lazy("%(step)s: withdrawn on %(date)s"),
}


def phase_of(history: list[StepHistory]) -> Phase:
    """The phase follows the last step: its latest passage on an agenda and the decision on it."""
    if not history:
        return Phase(_("In preparation"), None, None)
    last = history[-1]
    step_label = last.step.get_kind_display()
    if not last.items:
        return Phase(
            _("%(step)s: in preparation") % {"step": step_label}, last.step, None, f"{last.step.kind}:preparation"
        )
    item = last.items[0]
    meeting = item.agenda.meeting
    decision = item.decision if item.agenda.is_final else None
    if decision is None:
        return Phase(
            _("%(step)s: on the agenda of %(meeting)s") % {"step": step_label, "meeting": meeting},
            last.step,
            meeting,
            f"{last.step.kind}:agenda",
        )
    date = timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y")
    return Phase(
        str(PHASE_LABELS[decision.result]) % {"step": step_label, "date": date},
        last.step,
        meeting,
        f"{last.step.kind}:{decision.result}",
    )


def phase_keys(dossiers, user) -> dict[int, str]:
    """`phase_of(...).key` of each of `dossiers` (a queryset of dossiers the reader may see), read
    as plain values: search counts the phases of thousands of dossiers per query, and building
    their histories (steps, items, meetings, decisions as objects, then labels) takes seconds. The
    same rule as `dossier_histories` + `phase_of` (a test holds them together): the last step the
    reader may see; its latest passage (latest meeting, latest agenda version) on an agenda, not
    carried over, that the reader may see; the decision in force on it when that agenda is final."""
    last_step: dict[int, tuple[int, str]] = {}
    for dossier, step, kind in (
        ProcedureStep.objects.visible_to(user)
        .filter(dossier__in=dossiers)
        .order_by("created_at", "pk")
        .values_list("dossier_id", "pk", "kind")
    ):
        last_step[dossier] = (step, kind)
    steps = {step for step, _kind in last_step.values()}
    latest: dict[int, tuple[int, bool]] = {}
    for step, item, final in (
        AgendaItem.objects.visible_to(user)
        .filter(step__dossier__in=dossiers, carried_over=False)
        .order_by("-agenda__meeting__starts_at", "-agenda__sequence")
        .values_list("step_id", "pk", "agenda__is_final")
    ):
        if step in steps and step not in latest:
            latest[step] = (item, final)
    decided = {item for item, final in latest.values() if final}
    results: dict[int, tuple[int, str]] = {}
    for item, version, result in Decision.objects.filter(item__in=decided).values_list("item_id", "version", "result"):
        if item not in results or version > results[item][0]:
            results[item] = (version, result)
    keys = {pk: "preparation" for pk in dossiers.values_list("pk", flat=True)}
    for dossier, (step, kind) in last_step.items():
        if step not in latest:
            keys[dossier] = f"{kind}:preparation"
            continue
        item, _final = latest[step]
        keys[dossier] = f"{kind}:{results[item][1]}" if item in results else f"{kind}:agenda"
    return keys


PHASE_STATES = {
    "preparation": gettext_lazy("in preparation"),
    "agenda": gettext_lazy("on the agenda"),
    **{result.value: result.label for result in DecisionResult},
}


def phase_key_label(key: str) -> str:
    """The words for a phase key: "Principle approval: approved"."""
    if key == "preparation":
        return str(_("In preparation"))
    kind, _sep, state = key.partition(":")
    return f"{StepKind(kind).label}: {str(PHASE_STATES.get(state, state)).lower()}"


def dossier_phase(dossier: Dossier, user) -> Phase:
    return phase_of(dossier_histories([dossier], user)[dossier.pk])
