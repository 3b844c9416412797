"""The procedure engine: creating cases and moving them through their declared procedure.

`fire` is the one way a case changes state. It checks, in this order, that the case's version is
the one the user saw (optimistic locking), that the transition exists from the current state,
that the user's role may fire it, that a required reason is given and that every guard holds;
then, in one transaction, it moves the case, keeps the clocks, runs the entry actions, and writes
the history and the audit trail. A refusal raises a ValidationError with a Dutch message and
changes nothing.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.models import AuditAction, Entity
from chancery.procedures import registry
from chancery.procedures.engine import APPLICANT, Procedure, Transition
from chancery.procedures.events import CASE_TRANSITIONED
from chancery.procedures.models import Case, CaseCounter, CaseTransition, Party
from chancery.procedures.permissions import may_take_step
from chancery.procedures.services import clocks
from chancery.procedures.services.parties import require_representation
from chancery.procedures.signals import case_transitioned

CASE_AUDIT_FIELDS = ("state", "version", "due_on")


class TransitionRefused(ValidationError):
    """A transition that may not be fired now, by this user, or on this version of the case."""


def next_reference(procedure: Procedure, year: int) -> str:
    """`<PROC>-<YEAR>-<SEQ>`: the next number of the procedure's yearly counter, under a row lock
    so that two simultaneous submissions never share one."""
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(procedure=procedure.code, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{procedure.code}-{year}-{counter.last:04d}"


def may_fire(user, case: Case, transition: Transition) -> bool:
    """The role rule: the case's own applicant for `applicant`, else the user's role. (`fire` also
    asks that the user may see the case: a civil servant of another department may not act.)"""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if APPLICANT in transition.roles and case.applicant_user_id == user.pk:
        return True
    return may_take_step(user, transition)


def available_transitions(user, case: Case) -> list[Transition]:
    """The transitions this user may fire from the case's current state (guards not yet checked)."""
    return [t for t in case.definition.transitions_from(case.state) if may_fire(user, case, t)]


def guard_failures(case: Case, transition: Transition) -> list[str]:
    return [message for guard in transition.guards if (message := guard.check(case))]


def four_eyes_failure(user, case: Case, transition: Transition) -> str | None:
    """Why `user` may not take `transition` as the second person (`Transition.not_by_actor_of`): they
    took the latest of those steps on this case themselves. None when nothing keeps them."""
    if not transition.not_by_actor_of:
        return None
    latest = case.history.filter(name__in=transition.not_by_actor_of).order_by("-at", "-pk").first()
    if latest is None or latest.actor_id != user.pk:
        return None
    earlier = case.definition.transition(latest.name, latest.source)
    return _("“%(transition)s” needs a second person: you took “%(earlier)s” on this case yourself.") % {
        "transition": transition.label,
        "earlier": earlier.label if earlier else latest.name,
    }


def why_not(user, case: Case, transition: Transition) -> list[str]:
    """What keeps `user` from taking `transition` now (shown beside the step on the case page)."""
    failure = four_eyes_failure(user, case, transition)
    return [*([failure] if failure else []), *guard_failures(case, transition)]


@transaction.atomic
def create_case(
    actor,
    procedure: Procedure | str,
    *,
    title: str,
    applicant: Party,
    applicant_user=None,
    data: dict | None = None,
    access_level: str | None = None,
    now: datetime.datetime | None = None,
    source: str | None = None,
) -> Case:
    """A new case in the procedure's initial state, with its reference number."""
    procedure = registry.get(procedure) if isinstance(procedure, str) else procedure
    now = now or timezone.now()
    if not title.strip():
        raise ValidationError({"title": _("Give the case a subject.")}, code="title")
    team = Entity.objects.filter(code=procedure.team).first() if procedure.team else None
    case = Case.objects.create(
        reference=next_reference(procedure, timezone.localtime(now).year),
        procedure=procedure.code,
        state=procedure.initial,
        title=title.strip(),
        applicant=applicant,
        applicant_user=applicant_user,
        team=team,
        data=data or {},
        access_level=access_level or procedure.access_level,
        created_at=now,
    )
    # A clock may run from the initial state on (a claim whose term starts on receipt).
    today = timezone.localtime(now).date()
    clocks.move(case, case.state, today)
    clocks.refresh(case, today)
    if case.due_on:
        case.save(update_fields=["due_on"])
    audit.record(
        actor,
        AuditAction.CREATE,
        case,
        after={"reference": case.reference, "procedure": case.procedure, "state": case.state},
        source=source,
    )
    return case


@transaction.atomic
def fire(
    case: Case,
    transition: str,
    user,
    reason: str = "",
    expected_version: int | None = None,
    *,
    now: datetime.datetime | None = None,
    source: str | None = None,
) -> Case:
    """Fire `transition` on `case` as `user`. Returns the changed case (also updated in place)."""
    now = now or timezone.now()
    locked = Case.objects.select_for_update().get(pk=case.pk)
    procedure = locked.definition
    if expected_version is not None and int(expected_version) != locked.version:
        raise TransitionRefused(
            _("Someone else changed this case in the meantime (it is now “%(state)s”). Reload the page and try again."),
            code="stale",
            params={"state": procedure.state(locked.state).label},
        )
    step = procedure.transition(transition, locked.state)
    if step is None:
        known = any(t.name == transition for t in procedure.transitions)
        raise TransitionRefused(
            _("“%(transition)s” is not possible while the case is “%(state)s”.")
            if known
            else _("The procedure has no step “%(transition)s”."),
            code="state",
            params={"transition": transition, "state": procedure.state(locked.state).label},
        )
    if not may_fire(user, locked, step) or not locked.is_visible_to(user):
        raise TransitionRefused(
            _("Your role may not perform “%(transition)s” on this case."),
            code="role",
            params={"transition": step.label},
        )
    four_eyes = four_eyes_failure(user, locked, step)
    if four_eyes:
        raise TransitionRefused(four_eyes, code="four_eyes")
    if APPLICANT in step.roles and locked.applicant_user_id == user.pk:
        # The applicant acts for the party of the file: for an organisation, only while they
        # represent it (a representative who left the company no longer withdraws its files).
        require_representation(user, locked.applicant)
    reason = (reason or "").strip()
    if step.reason_required and not reason:
        raise TransitionRefused({"reason": _("Give a reason for “%(transition)s”.") % {"transition": step.label}})
    failures = guard_failures(locked, step)
    if failures:
        raise TransitionRefused([ValidationError(message, code="guard") for message in failures])

    before = audit.snapshot(locked, CASE_AUDIT_FIELDS)
    locked.state = step.target
    locked.version += 1
    if step.source == procedure.initial and locked.submitted_at is None:
        locked.submitted_at = now
    if procedure.state(step.target).closed and locked.closed_at is None:
        locked.closed_at = now
    today = timezone.localtime(now).date()
    clocks.move(locked, step.target, today)
    for action in step.on_enter:
        action.run(locked, step, user)
    clocks.refresh(locked, today)
    locked.save()
    history = CaseTransition.objects.create(
        case=locked,
        name=step.name,
        source=step.source,
        target=step.target,
        actor=user,
        at=now,
        reason=reason,
        reason_to_applicant=step.reason_to_applicant,
    )
    audit.record(
        user,
        AuditAction.STATE_CHANGE,
        locked,
        before=before,
        after={**audit.snapshot(locked, CASE_AUDIT_FIELDS), "transition": step.name},
        reason=reason,
        source=source,
    )
    case_transitioned.send(sender=Case, case=locked, step=history, actor=user)
    events.emit(
        CASE_TRANSITIONED.code,
        locked,
        # The link only: the subscriber reads the case through the API with its own eyes (an
        # applicant sees the public label of an internal step, never the step itself).
        {"case": events.api_link("api:case-detail", locked.pk), "reference": locked.reference},
    )
    for name in ("state", "version", "submitted_at", "closed_at", "due_on", "within_term", "data", "team_id"):
        setattr(case, name, getattr(locked, name))
    return locked
