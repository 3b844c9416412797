"""Dossiers: the list, a dossier's steps and phase, its themes (services/dossiers.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from chancery.core.authz import may
from chancery.core.views_kit import call_service, form_status, page_number
from chancery.decisions import services
from chancery.decisions.forms import ThemesForm
from chancery.decisions.models import Dossier
from chancery.decisions.views.common import internal


@login_required
def dossier_list(request):
    internal(request)
    dossiers = Dossier.objects.visible_to(request.user).order_by("short_title")
    query = request.GET.get("q", "").strip()
    if query:
        dossiers = dossiers.filter(Q(title__icontains=query) | Q(short_title__icontains=query))
    page = Paginator(dossiers, 25).get_page(page_number(request))
    histories = services.dossier_histories(page.object_list, request.user)
    rows = [(dossier, services.phase_of(histories[dossier.pk])) for dossier in page.object_list]
    return render(request, "decisions/dossier_list.html", {"page": page, "rows": rows, "query": query})


@login_required
def dossier_detail(request, uuid):
    internal(request)
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), uuid=uuid)
    history = services.dossier_histories([dossier], request.user)[dossier.pk]
    may_classify = may(request.user, "decisions.prepare_dossiers")
    initial = {"themes": dossier.themes.all(), "revision": dossier.revision}
    form = ThemesForm(request.POST or None, initial=initial) if may_classify else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the secretariat, ministers and their cabinets prepare dossiers."))
        done = call_service(
            request,
            lambda: services.set_themes(
                request.user, dossier, form.cleaned_data["themes"], expected_revision=form.cleaned_data["revision"]
            ),
            form=form,
            success=_("The themes have been saved."),
            then=dossier,
        )
        if done:
            return done
    return render(
        request,
        "decisions/dossier_detail.html",
        {
            "dossier": dossier,
            "history": history,
            "phase": services.phase_of(history),
            "themes": dossier.themes.all(),
            "themes_form": form,
        },
        status=form_status(form),
    )
