"""Council meetings and Flanders' seat: the rotation (rules.flemish_turn) says when Flanders
speaks for Belgium; the meeting records which Flemish minister was to attend and whether the
seat was taken. `attendance` sums it per minister."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction, Mandatee
from chancery.eu_files import rules
from chancery.eu_files.models import CouncilMeeting, EuAct

FIELDS = ("formation", "held_on", "flemish_turn", "minister", "seat_taken", "acts")


@transaction.atomic
def record_meeting(
    actor,
    *,
    formation: str,
    held_on: datetime.date,
    minister: Mandatee | None = None,
    seat_taken: bool | None = None,
    acts: Iterable[EuAct] = (),
    notes: str = "",
) -> CouncilMeeting:
    require(actor, "eu_files.keep")
    errors = {}
    if formation not in rules.BY_CODE:
        errors["formation"] = _("Choose a Council formation.")
    elif CouncilMeeting.objects.filter(formation=formation, held_on=held_on).exists():
        errors["held_on"] = _("This Council meeting is already recorded.")
    turn = formation in rules.BY_CODE and rules.flemish_turn(formation, held_on)
    if seat_taken is not None and not turn:
        errors["seat_taken"] = _("Flanders had no seat at this meeting in the rotation.")
    if seat_taken and minister is None:
        errors["minister"] = _("Name the Flemish minister who took the seat.")
    if minister is not None and not Mandatee.objects.active_on(held_on).filter(pk=minister.pk).exists():
        errors["minister"] = _("This minister was not in office on that day.")
    if errors:
        raise ValidationError(errors)
    meeting = CouncilMeeting.objects.create(
        formation=formation, held_on=held_on, flemish_turn=turn, minister=minister, seat_taken=seat_taken,
        notes=notes, created_by=actor,
    )  # fmt: skip
    meeting.acts.set(acts)
    audit.record(actor, AuditAction.CREATE, meeting, after=audit.snapshot(meeting, FIELDS))
    return meeting


def attendance(reader) -> list[dict]:
    """Per Flemish minister: Council meetings in Flanders' turn assigned to them, seats taken,
    seats left empty and not yet recorded."""
    rows: dict[int | None, dict] = {}
    meetings = CouncilMeeting.objects.visible_to(reader).filter(flemish_turn=True).select_related("minister__person")
    for meeting in meetings:
        row = rows.setdefault(meeting.minister_id, {"minister": meeting.minister, "turns": 0, "taken": 0,
                                                    "empty": 0, "unknown": 0})  # fmt: skip
        row["turns"] += 1
        key = {True: "taken", False: "empty", None: "unknown"}[meeting.seat_taken]
        row[key] += 1
    return sorted(rows.values(), key=lambda r: (r["minister"] is None, str(r["minister"] or "")))
