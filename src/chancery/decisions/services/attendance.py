"""Who attended a meeting: its chair, its secretary, the members present and those excused.

The minutes record attendance. Unless the secretariat says otherwise, the Minister-President (the
member first in protocol order on the day) chairs, every member of the Government in office on
the day is present, and the secretary is the one of the previous meeting: that is how nearly
every meeting goes, so the secretariat only records the exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction, Mandatee, Person
from chancery.decisions.models import Meeting, MeetingState


@dataclass(frozen=True)
class Attendance:
    chair: Mandatee | None
    secretary: Person | None
    present: list[Mandatee]
    excused: list[Mandatee]
    recorded: bool  # False while everything is still the default


def attendance_members(meeting: Meeting):
    """The members of the Government in office on the day of the meeting, in protocol order."""
    return Mandatee.objects.active_on(timezone.localtime(meeting.starts_at).date()).select_related("person")


def default_secretary(meeting: Meeting) -> Person | None:
    earlier = (
        Meeting.objects.filter(starts_at__lt=meeting.starts_at, secretary__isnull=False)
        .select_related("secretary")
        .order_by("-starts_at")
        .first()
    )
    return earlier.secretary if earlier else None


def attendance(meeting: Meeting) -> Attendance:
    members = list(attendance_members(meeting))
    excused_ids = set(meeting.excused.values_list("pk", flat=True))
    present = [member for member in members if member.pk not in excused_ids]
    chair = meeting.chair or next(iter(present), None)
    return Attendance(
        chair=chair,
        secretary=meeting.secretary or default_secretary(meeting),
        present=present,
        excused=[member for member in members if member.pk in excused_ids],
        recorded=bool(meeting.chair_id or meeting.secretary_id or excused_ids),
    )


def _snapshot(meeting: Meeting) -> dict:
    return {
        "chair": meeting.chair_id,
        "secretary": meeting.secretary_id,
        "excused": sorted(meeting.excused.values_list("pk", flat=True)),
    }


class StaleAttendance(ValidationError):
    """The attendance changed since the editor loaded it."""

    def __init__(self):
        super().__init__(
            _("Someone else changed the attendance in the meantime. Reload it and make your change again."),
            code="conflict",
        )


@transaction.atomic
def record_attendance(
    actor,
    meeting: Meeting,
    *,
    chair: Mandatee | None,
    secretary: Person | None,
    excused,
    reason: str = "",
    expected_revision: int | None = None,
) -> Attendance:
    """Record the chair, the secretary and the excused members. On a closed meeting this is a
    correction of the minutes and needs its reason. `expected_revision` is the meeting's revision
    the editor saw (the form always sends it; None only for a module acting on its own): a stale
    one is refused, so nobody silently undoes an attendance they never saw."""
    require(actor, "decisions.keep_minutes")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if expected_revision is not None and meeting.revision != expected_revision:
        raise StaleAttendance()
    if meeting.state == MeetingState.CLOSED and not reason.strip():
        raise ValidationError(
            {"reason": _("The meeting is closed: give the reason for the correction.")}, code="reason"
        )
    members = {member.pk for member in attendance_members(meeting)}
    excused = list(excused)
    if any(member.pk not in members for member in excused):
        raise ValidationError({"excused": _("Only members in office on the day can be excused.")}, code="member")
    if chair is not None:
        if chair.pk not in members:
            raise ValidationError({"chair": _("The chair must be a member in office on the day.")}, code="member")
        if chair in excused:
            raise ValidationError({"chair": _("The chair cannot be excused.")}, code="chair")
    before = _snapshot(meeting)
    meeting.chair = chair
    meeting.secretary = secretary
    meeting.revision += 1
    meeting.save(update_fields=["chair", "secretary", "revision"])
    meeting.excused.set(excused)
    audit.record(actor, AuditAction.UPDATE, meeting, before=before, after=_snapshot(meeting), reason=reason.strip())
    return attendance(meeting)
