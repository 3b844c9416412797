from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from chancery.decisions import services as decision_services
from chancery.decisions.models import Dossier
from chancery.portal import queries


def decisions(request):
    page = Paginator(queries.meetings_with_decisions(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "portal/decisions.html", {"page": page})


def meeting(request, uuid):
    # A meeting of which nothing is released does not exist for this reader (embargo).
    meeting = get_object_or_404(queries.meetings_with_decisions(request.user), uuid=uuid)
    items = list(queries.meeting_items(meeting, request.user))
    if not items:
        raise Http404(_("Nothing of this meeting has been released."))
    return render(request, "portal/meeting.html", {"meeting": meeting, "items": items})


def dossier(request, uuid):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), uuid=uuid)
    history = decision_services.dossier_histories([dossier], request.user)[dossier.pk]
    return render(
        request,
        "portal/dossier.html",
        {"dossier": dossier, "history": history, "phase": decision_services.phase_of(history)},
    )
