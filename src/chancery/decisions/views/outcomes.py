"""What comes of a meeting: decisions and their corrections, press summaries, closing, the
minutes (services/outcomes.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.views_kit import call_service
from chancery.decisions import services
from chancery.decisions.forms import DecisionForm, MinutesForm, PressSummaryForm
from chancery.decisions.views.common import decisions_url, item_for_edit, meeting_for_edit


@login_required
@require_POST
def item_decide(request, pk):
    """Record the decision on an item, or (when one exists) a correction with its reason."""
    item = item_for_edit(request, pk)
    form = DecisionForm(request.POST, request.FILES)
    correcting = item.decisions.exists()

    def decide():
        data = form.cleaned_data
        if correcting:
            return services.correct_decision(
                request.user,
                item,
                result=data["result"],
                text=data["text"],
                motivation=data["motivation"],
                reason=data["reason"],
                expected_revision=data["revision"],
            )
        return services.record_decision(
            request.user,
            item,
            result=data["result"],
            text=data["text"],
            motivation=data["motivation"],
            upload=data.get("document"),
        )

    return call_service(
        request,
        decide,
        form=form,
        success=_("The correction has been recorded.") if correcting else _("The decision has been recorded."),
        back=decisions_url(item, f"decision-{item.pk}"),
        invalid=_("Choose a result."),
    )


@login_required
@require_POST
def item_press_summary(request, pk):
    item = item_for_edit(request, pk)
    form = PressSummaryForm(request.POST)
    return call_service(
        request,
        lambda: services.set_press_summary(
            request.user, item, form.cleaned_data["text"], expected_revision=form.cleaned_data["revision"]
        ),
        form=form,
        success=_("The press summary has been saved."),
        back=decisions_url(item, f"decision-{item.pk}"),
        invalid=_("Write the press summary."),
    )


@login_required
@require_POST
def meeting_close(request, uuid):
    meeting = meeting_for_edit(request, uuid)
    return call_service(
        request,
        lambda: services.close_meeting(request.user, meeting),
        success=_("The meeting is closed."),
        back=meeting,
    )


@login_required
@require_POST
def meeting_minutes(request, uuid):
    meeting = meeting_for_edit(request, uuid)
    # The form inspects the file (DocumentFileField) before the service's transaction begins.
    form = MinutesForm(request.POST, request.FILES)
    return call_service(
        request,
        lambda: services.attach_minutes(
            request.user,
            meeting,
            form.cleaned_data["file"],
            reason=form.cleaned_data["reason"],
            expected_revision=form.cleaned_data["revision"],
        ),
        form=form,
        success=_("The minutes have been stored."),
        back=meeting,
    )
