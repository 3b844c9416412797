"""Who reads the crisis register's models (the access registry, core.visibility).

Confidential by default: a crisis is read by the crisis coordinators (`crisis.coordinate`) and by
the people named on it (its `members`), nobody else, in lists, pages, exports and counts alike;
everything of a crisis follows it. A business-continuity plan is read by the coordinators and by
the people of the organisation unit whose plan it is."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.permissions import in_administration
from chancery.crisis.models import (
    Contact,
    ContinuityPlan,
    Crisis,
    CrisisMember,
    Finding,
    Lesson,
    LogEntry,
    SituationReport,
    Task,
)


def crises(user) -> visibility.Rule:
    if may(user, "crisis.coordinate"):
        return visibility.EVERYTHING
    if not in_administration(user):
        return visibility.NOTHING
    return ((visibility.Condition("members", [user.pk]),),)


def continuity_plans(user) -> visibility.Rule:
    if may(user, "crisis.coordinate"):
        return visibility.EVERYTHING
    if not in_administration(user) or user.entity_id is None:
        return visibility.NOTHING
    return ((visibility.Condition("entity", [user.entity_id]),),)


def register() -> None:
    visibility.register(Crisis, crises)
    for model in (CrisisMember, LogEntry, Task, Contact, SituationReport, Lesson, Finding):
        visibility.register(model, visibility.follows("crisis"))
    visibility.register(ContinuityPlan, continuity_plans)
