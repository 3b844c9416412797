"""What comes of a meeting: decisions and their corrections, press summaries, closing, the
minutes (services/outcomes.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.decisions import services
from chancery.decisions.forms import DecisionForm, PressSummaryForm
from chancery.decisions.views.common import back_to, item_for_edit, meeting_for_edit, perform, refusal


@login_required
@require_POST
def item_decide(request, pk):
    """Record the decision on an item, or (when one exists) a correction with its reason."""
    item = item_for_edit(request, pk)
    form = DecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a result."))
        return back_to(item)
    data = form.cleaned_data
    try:
        if item.decisions.exists():
            services.correct_decision(
                request.user,
                item,
                result=data["result"],
                text=data["text"],
                motivation=data["motivation"],
                reason=data["reason"],
            )
            messages.success(request, _("The correction has been recorded."))
        else:
            services.record_decision(
                request.user,
                item,
                result=data["result"],
                text=data["text"],
                motivation=data["motivation"],
                upload=data.get("document"),
            )
            messages.success(request, _("The decision has been recorded."))
    except ValidationError as exc:
        refusal(request, exc)
    return back_to(item)


@login_required
@require_POST
def item_press_summary(request, pk):
    item = item_for_edit(request, pk)
    form = PressSummaryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the press summary."))
        return back_to(item)
    perform(
        request,
        lambda: services.set_press_summary(request.user, item, form.cleaned_data["text"]),
        _("The press summary has been saved."),
    )
    return back_to(item)


@login_required
@require_POST
def meeting_close(request, uuid):
    meeting = meeting_for_edit(request, uuid)
    perform(request, lambda: services.close_meeting(request.user, meeting), _("The meeting is closed."))
    return redirect(meeting)


@login_required
@require_POST
def meeting_minutes(request, uuid):
    meeting = meeting_for_edit(request, uuid)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the file with the minutes."))
        return redirect(meeting)
    perform(
        request,
        lambda: services.attach_minutes(request.user, meeting, upload, reason=request.POST.get("reason", "")),
        _("The minutes have been stored."),
    )
    return redirect(meeting)
