"""Who attended a meeting (services/attendance.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chancery.core.forms import add_service_errors
from chancery.decisions import services
from chancery.decisions.forms import AttendanceForm
from chancery.decisions.views.common import meeting_for_edit


@login_required
def meeting_attendance(request, uuid):
    """Record who chaired, who kept the minutes and which members were excused."""
    meeting = meeting_for_edit(request, uuid)
    members = services.attendance_members(meeting)
    current = services.attendance(meeting)
    form = AttendanceForm(
        request.POST or None,
        members=members,
        initial={"chair": current.chair, "secretary": current.secretary, "excused": current.excused},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_attendance(
                request.user,
                meeting,
                chair=data["chair"],
                secretary=data["secretary"],
                excused=data["excused"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The attendance has been recorded."))
            return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "decisions/form.html",
        {"form": form, "title": _("Attendance at %(meeting)s") % {"meeting": meeting}},
        status=400 if form.is_bound and form.errors else 200,
    )
