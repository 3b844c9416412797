"""Documents on agenda items (services/documents.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.decisions import services
from chancery.decisions.forms import AttachForm
from chancery.decisions.models import AgendaItem
from chancery.decisions.views.common import back_to, refusal


@login_required
@require_POST
def item_attach(request, pk):
    item = get_object_or_404(AgendaItem.objects.visible_to(request.user).select_related("agenda__meeting"), pk=pk)
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return back_to(item)
    try:
        link = services.attach_document(
            request.user,
            item,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
    except ValidationError as exc:
        refusal(request, exc)
    else:
        messages.success(request, _("Document %(reference)s has been added.") % {"reference": link.reference})
    return back_to(item)
