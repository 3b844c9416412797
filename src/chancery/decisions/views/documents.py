"""Documents on agenda items (services/documents.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.once import once
from chancery.core.views_kit import call_service
from chancery.decisions import services
from chancery.decisions.forms import AttachForm
from chancery.decisions.models import AgendaItem
from chancery.decisions.views.common import agenda_url


@login_required
@require_POST
@once
def item_attach(request, pk):
    item = get_object_or_404(AgendaItem.objects.visible_to(request.user).select_related("agenda__meeting"), pk=pk)
    form = AttachForm(request.POST, request.FILES)
    return call_service(
        request,
        lambda: services.attach_document(
            request.user,
            item,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        ),
        form=form,
        success=lambda link: _("Document %(reference)s has been added.") % {"reference": link.reference},
        back=agenda_url(item.agenda),
    )
