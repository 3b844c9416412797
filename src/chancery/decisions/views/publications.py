"""Publications in the Belgian Official Gazette (services/publications.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import require
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status, query
from chancery.decisions import services
from chancery.decisions.forms import PublicationStartForm, PublicationStepForm
from chancery.decisions.models import Publication, PublicationStep
from chancery.decisions.views.common import item_for_edit, stage_url


def _publications_manager(request) -> None:
    require(request.user, "decisions.handle_publications")


@login_required
def publication_list(request):
    _publications_manager(request)
    publications = Publication.objects.select_related("decision_item__agenda__meeting").prefetch_related("events")
    # ?stap=, ?laat=, ?dringend= (?step=, ?late=, ?urgent= before); ?stap=alle (all) shows every step.
    params = query(request, stap="step", laat="late", dringend="urgent")
    step = params.get("stap", "")
    if step == "all":
        step = "alle"
    late, urgent = bool(params.get("laat")), bool(params.get("dringend"))
    if step in PublicationStep.values:
        publications = publications.filter(step=step)
    elif step != "alle":
        publications = publications.exclude(step__in=[PublicationStep.PUBLISHED, PublicationStep.CANCELLED])
    if urgent:
        publications = publications.filter(urgent=True)
    today = timezone.localdate()
    rows = [(p, services.deadlines(p, list(p.events.all()))) for p in publications[:500]]
    rows = [(p, d, any(x.overdue(today) for x in d) and p.step != PublicationStep.CANCELLED) for p, d in rows]
    if late:
        rows = [row for row in rows if row[2]]
    return render(
        request,
        "decisions/publication_list.html",
        {"rows": rows, "steps": PublicationStep.choices, "step": step, "late": late, "urgent": urgent},
    )


@login_required
@require_POST
@once
def publication_start(request, pk):
    _publications_manager(request)
    item = item_for_edit(request, pk)
    form = PublicationStartForm(request.POST)
    return call_service(
        request,
        lambda: services.start_publication(request.user, item, **form.cleaned_data),
        form=form,
        success=lambda publication: _("Publication %(number)s has been started.") % {"number": publication.number},
        then=lambda publication: publication,  # the new publication's page
        back=stage_url(item.agenda.meeting, "after", f"decision-{item.pk}"),  # where its form is
        invalid=_("Check the publication request."),
    )


@login_required
def publication_detail(request, uuid):
    _publications_manager(request)
    publication = get_object_or_404(Publication.objects.select_related("decision_item__agenda__meeting"), uuid=uuid)
    allowed = services.NEXT_STEPS[PublicationStep(publication.step)]
    form = PublicationStepForm(request.POST or None, allowed=allowed, initial={"on": timezone.localdate()})
    done = call_service(
        request,
        lambda: services.record_step(request.user, publication, **form.cleaned_data),
        form=form,
        success=_("The step has been recorded."),
        then=publication,
    )
    if done:
        return done
    events = list(publication.events.select_related("recorded_by"))
    return render(
        request,
        "decisions/publication_detail.html",
        {
            "publication": publication,
            "events": events,
            "deadlines": services.deadlines(publication, events),
            "today": timezone.localdate(),
            "form": form if allowed else None,
        },
        status=form_status(form),
    )
