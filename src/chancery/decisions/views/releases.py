"""The release panel of a meeting (services/releases.py): one confirmation plans and confirms what
is released and when; "release now" brings a confirmed release forward. Planning and confirming
separately (the two steps of before) still answer, for addresses and scripts that use them. The
preview of what the public will see is the portal's (portal.views.release_preview)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.views_kit import call_service
from chancery.decisions import services
from chancery.decisions.forms import ReleasePlanForm, ReleaseScheduleForm
from chancery.decisions.models import Release
from chancery.decisions.views.common import meeting_for_edit, require_manager, stage_url


def _panel(meeting) -> str:
    return stage_url(meeting, "after", "release")


@login_required
@require_POST
def release_schedule(request, uuid):
    meeting = meeting_for_edit(request, uuid)
    form = ReleaseScheduleForm(request.POST)

    def scheduled(releases) -> str:
        return _("Release confirmed: %(what)s. Nothing is public before its moment.") % {
            "what": "; ".join(
                f"{release.get_scope_display()} {date_format(timezone.localtime(release.planned_at), 'j F Y H:i')}"
                for release in releases
            )
        }

    return call_service(
        request,
        lambda: services.schedule_release(
            request.user, meeting, form.moments(), expected_revisions=form.cleaned_data["revisions"]
        ),
        form=form,
        success=scheduled,
        back=_panel(meeting),
        invalid=_("Give a valid moment for the release."),
    )


@login_required
@require_POST
def release_plan(request, uuid):
    meeting = meeting_for_edit(request, uuid)
    form = ReleasePlanForm(request.POST)
    return call_service(
        request,
        lambda: services.plan_release(
            request.user, meeting, form.cleaned_data["scope"], form.cleaned_data["planned_at"]
        ),
        form=form,
        success=lambda release: _("Release planned: %(release)s.") % {"release": release},
        back=_panel(meeting),
        invalid=_("Give a valid moment for the release."),
    )


def _release_for_edit(request, pk) -> Release:
    require_manager(request)
    return get_object_or_404(Release.objects.select_related("meeting"), pk=pk)


@login_required
@require_POST
def release_confirm(request, pk):
    release = _release_for_edit(request, pk)
    return call_service(
        request,
        lambda: services.confirm_release(request.user, release),
        success=_("The release is confirmed and will happen at the planned moment."),
        back=_panel(release.meeting),
    )


@login_required
@require_POST
def release_now(request, pk):
    release = _release_for_edit(request, pk)
    return call_service(
        request,
        lambda: services.release_now(request.user, release),
        success=lambda done: _("Released: %(count)d items made public.") % {"count": done.released_count},
        back=_panel(release.meeting),
    )
