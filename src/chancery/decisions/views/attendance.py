"""Who attended a meeting (services/attendance.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from chancery.core.views_kit import call_service, form_status
from chancery.decisions import services
from chancery.decisions.forms import AttendanceForm
from chancery.decisions.views.common import meeting_for_edit, stage_url


@login_required
def meeting_attendance(request, uuid):
    """Record who chaired, who kept the minutes and which members were excused."""
    meeting = meeting_for_edit(request, uuid)
    members = services.attendance_members(meeting)
    current = services.attendance(meeting)
    form = AttendanceForm(
        request.POST or None,
        members=members,
        initial={
            "chair": current.chair,
            "secretary": current.secretary,
            "excused": current.excused,
            "revision": meeting.revision,
        },
    )

    def record():
        data = form.cleaned_data
        return services.record_attendance(
            request.user,
            meeting,
            chair=data["chair"],
            secretary=data["secretary"],
            excused=data["excused"],
            reason=data["reason"],
            expected_revision=data["revision"],
        )

    done = call_service(
        request,
        record,
        form=form,
        success=_("The attendance has been recorded."),
        then=lambda _attendance: stage_url(meeting, "after" if meeting.is_closed else "meeting", "attendance"),
    )
    if done:
        return done
    return render(
        request,
        "decisions/form.html",
        {"form": form, "title": _("Attendance at %(meeting)s") % {"meeting": meeting}},
        status=form_status(form),
    )
