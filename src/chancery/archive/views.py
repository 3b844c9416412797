"""The archive's pages (/app/archief/): the retention periods with their sources, the destruction
lists, the legal holds, and the export of closed files to an archive package. Thin: the rules are
in services."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.archive.forms import ExportForm, HoldForm, ReasonForm
from chancery.archive.models import DestructionItem, DestructionList, ItemState, LegalHold
from chancery.archive.services import destruction, holds, packages
from chancery.core.authz import require
from chancery.core.retention_registry import all_series
from chancery.core.views_kit import call_service


def _series_rows():
    today = timezone.localdate()
    for one in all_series():
        yield {"series": one, "period": one.period_on(today)}


@login_required
def index(request):
    require(request.user, "archive.view")
    return render(request, "archive/index.html", {
        "series_rows": list(_series_rows()),
        "lists": DestructionList.objects.visible_to(request.user).select_related("proposed_by", "approved_by"),
        "holds": LegalHold.objects.visible_to(request.user).filter(lifted_at__isnull=True).select_related("placed_by"),
        "hold_form": HoldForm(), "export_form": ExportForm(), "reason_form": ReasonForm(),
        "nav_current": "archive:index",
    })  # fmt: skip


@require_POST
@login_required
def propose(request):
    back = reverse("archive:index")
    return call_service(
        request, lambda: destruction.propose(request.user),
        success=lambda made: _("Destruction list %(number)s proposed.") % {"number": made.number}, back=back,
        then=lambda made: made.get_absolute_url(),
    )  # fmt: skip


def _list(request, number: str) -> DestructionList:
    require(request.user, "archive.view")
    return get_object_or_404(DestructionList.objects.visible_to(request.user), number=number)


@login_required
def destruction_list(request, number: str):
    the_list = _list(request, number)
    items = the_list.items.select_related("content_type", "struck_by").order_by("series", "identifier")
    return render(request, "archive/list.html", {
        "the_list": the_list, "items": items, "reason_form": ReasonForm(),
        "destroyed": sum(1 for item in items if item.state == ItemState.DESTROYED),
        "nav_current": "archive:index",
    })  # fmt: skip


@require_POST
@login_required
def strike(request, number: str, pk: int):
    the_list = _list(request, number)
    item = get_object_or_404(DestructionItem.objects.visible_to(request.user), destruction_list=the_list, pk=pk)
    form = ReasonForm(request.POST)
    return call_service(
        request, lambda: destruction.strike(request.user, item, form.cleaned_data["reason"]), form=form,
        success=_("%(identifier)s is struck off the list.") % {"identifier": item.identifier},
        back=the_list.get_absolute_url(), invalid=_("Say why the record is struck off the list."),
    )  # fmt: skip


@require_POST
@login_required
def approve(request, number: str):
    the_list = _list(request, number)
    return call_service(
        request, lambda: destruction.approve(request.user, the_list),
        success=_("The destruction list is approved."), back=the_list.get_absolute_url(),
    )  # fmt: skip


@require_POST
@login_required
def carry_out(request, number: str):
    the_list = _list(request, number)
    return call_service(
        request, lambda: destruction.carry_out(request.user, the_list),
        success=_("The destruction list is carried out."), back=the_list.get_absolute_url(),
    )  # fmt: skip


@require_POST
@login_required
def place_hold(request):
    require(request.user, "archive.place_legal_hold")
    form = HoldForm(request.POST)
    return call_service(
        request, lambda: holds.place(request.user, form.cleaned_data["identifier"], form.cleaned_data["reason"]),
        form=form, success=_("The legal hold is placed."), back=reverse("archive:index"),
    )  # fmt: skip


@require_POST
@login_required
def lift_hold(request, pk: int):
    require(request.user, "archive.view")
    hold = get_object_or_404(LegalHold.objects.visible_to(request.user), pk=pk)
    form = ReasonForm(request.POST)
    return call_service(
        request, lambda: holds.lift(request.user, hold, form.cleaned_data["reason"]), form=form,
        success=_("The legal hold is lifted."), back=reverse("archive:index"),
        invalid=_("Say why the legal hold is lifted."),
    )  # fmt: skip


@require_POST
@login_required
def export(request):
    """The archive package of the files asked for, as a zip to download."""
    require(request.user, "archive.export")
    form = ExportForm(request.POST)
    back = reverse("archive:index")
    if not form.is_valid():
        messages.error(request, _("Name a file by its reference, or give filters such as procedure=CSG."))
        return redirect(back)
    folder = tempfile.TemporaryDirectory(prefix="chancery-export-")
    target = Path(folder.name) / "archiefpakket.zip"
    try:
        packages.export(request.user, packages.select(form.cleaned_data["spec"]), target)
    except ValidationError as exc:
        folder.cleanup()
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    stream = target.open("rb")
    folder.cleanup()  # the open file stays readable until the response closes it
    return FileResponse(stream, as_attachment=True, filename="archiefpakket.zip", content_type="application/zip")
