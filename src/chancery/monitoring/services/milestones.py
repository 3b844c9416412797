"""Milestones: their status and evidence. Done needs the day it was done; dropped needs a reason."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.monitoring.charts import Point
from chancery.monitoring.models import Milestone, MilestoneStatus

MILESTONES_DENIED = gettext_lazy("You may not change the milestones of this initiative.")


class StaleMilestone(ValidationError):
    """The milestone changed since the editor loaded it."""

    def __init__(self):
        super().__init__(
            _("Someone else changed this milestone in the meantime. Reload it and make your change again."),
            code="conflict",
        )


@transaction.atomic
def set_status(
    actor,
    milestone: Milestone,
    status: str,
    *,
    done_on: datetime.date | None = None,
    reason: str = "",
    expected_revision: int | None = None,
) -> Milestone:
    """Set a milestone's status. `expected_revision` is the revision the editor saw (the form always
    sends it; None only for a module acting on its own): a stale one is refused, so a status set
    on a page loaded earlier never silently undoes another (a "done" reset to "in progress")."""
    require(actor, "monitoring.edit_initiative", milestone.initiative, MILESTONES_DENIED)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if expected_revision is not None and milestone.revision != expected_revision:
        raise StaleMilestone()
    status = MilestoneStatus(status)
    if status == MilestoneStatus.DONE:
        done_on = done_on or timezone.localdate()
        if done_on > timezone.localdate():
            raise ValidationError({"done_on": _("A milestone cannot be done in the future.")}, code="future")
    if status == MilestoneStatus.DROPPED and not reason.strip():
        raise ValidationError({"reason": _("Say why the milestone is dropped.")}, code="reason")
    before = audit.snapshot(milestone, ("status", "done_on", "drop_reason"))
    milestone.status = status
    milestone.done_on = done_on if status == MilestoneStatus.DONE else None
    milestone.drop_reason = reason.strip() if status == MilestoneStatus.DROPPED else ""
    milestone.revision += 1
    milestone.save(update_fields=["status", "done_on", "drop_reason", "revision"])
    audit.record(
        actor, AuditAction.UPDATE, milestone, before=before,
        after=audit.snapshot(milestone, ("status", "done_on", "drop_reason")),
    )  # fmt: skip
    return milestone


@transaction.atomic
def add_milestone(actor, initiative, *, title: str, due: datetime.date, evidence_url: str = "") -> Milestone:
    require(actor, "monitoring.edit_initiative", initiative, MILESTONES_DENIED)
    if not title.strip():
        raise ValidationError({"title": _("Give the milestone a title.")}, code="title")
    milestone = Milestone.objects.create(initiative=initiative, title=title.strip(), due=due, evidence_url=evidence_url)
    audit.record(actor, AuditAction.CREATE, milestone, after=audit.snapshot(milestone, ("title", "due", "status")))
    return milestone


def burn_down(milestones, start: datetime.date, end: datetime.date) -> tuple[list, list]:
    """Milestones still to do at the first of each month: as it went (not yet done) and as planned
    (not yet due). Dropped milestones do not count."""
    counted = [m for m in milestones if m.status != MilestoneStatus.DROPPED]
    actual, planned = [], []
    day = start.replace(day=1)
    today = timezone.localdate()
    while day <= end:
        label = day.strftime("%m/%Y")
        planned.append(Point(day, Decimal(sum(1 for m in counted if m.due >= day)), label))
        if day <= today:
            remaining = sum(1 for m in counted if m.done_on is None or m.done_on >= day)
            actual.append(Point(day, Decimal(remaining), label))
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return actual, planned
