"""The register's pages: public (`/regelgeving/`: list and search, a regulation by its number or its
ELI, the regulatory burden, a calculation) and the back office (`/app/regelgeving/`: entering
regulations, draft regulations and their ex-ante calculations). Thin: services decide, the access
registry says who sees what, and what a reader may not see is 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import negotiation
from chancery.core.authz import may, require
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status, page_number
from chancery.regulation import linkeddata
from chancery.regulation.forms import CalculationForm, DraftForm, InForceForm, RegulationForm, SearchForm
from chancery.regulation.models import BurdenCalculation, DraftRegulation, Regulation, Transposition
from chancery.regulation.services import burden, register


def _visible(user):
    return Regulation.objects.visible_to(user).select_related("policy_domain")


def index(request):
    """The register: search by words of the title, kind and policy domain."""
    form = SearchForm(request.GET or None)
    regulations = _visible(request.user)
    keep = ""
    if form.is_valid():
        data = form.cleaned_data
        for word in data["q"].split():
            regulations = regulations.filter(title__icontains=word)
        if data["soort"]:
            regulations = regulations.filter(kind=data["soort"])
        if data["domein"]:
            regulations = regulations.filter(policy_domain=data["domein"])
        params = request.GET.copy()
        params.pop("pagina", None)
        keep = f"{params.urlencode()}&" if params else ""
    page = Paginator(regulations.order_by("-date", "title"), 25).get_page(page_number(request))
    return render(
        request, "regulation/index.html", {"form": form, "page": page, "keep": keep}, status=form_status(form)
    )


def detail(request, pk):
    regulation = get_object_or_404(_visible(request.user).select_related("dossier", "amends"), pk=pk)
    return _detail(request, regulation)


def by_eli(request, eli):
    """The ELI permalink: `/regelgeving/eli/decreet/2013/03/22/2013035240/` shows the regulation
    whose ELI ends so."""
    regulation = (
        _visible(request.user).select_related("dossier", "amends").filter(eli__endswith=f"/eli/{eli.strip('/')}")
    ).first()
    if regulation is None:
        raise Http404(_("No regulation in the register has this ELI."))
    return _detail(request, regulation)


def _detail(request, regulation: Regulation):
    in_force = InForceForm(request.GET or None)
    day = in_force.cleaned_data["op"] if in_force.is_valid() and in_force.cleaned_data["op"] else None
    day = day or timezone.localdate()
    transpositions = (
        Transposition.objects.visible_to(request.user)
        .filter(regulation=regulation)
        .select_related("eu_act")
        .prefetch_related("gold_plating")
    )
    versions = regulation.versions.visible_to(request.user).order_by("valid_from")
    wanted = negotiation.wanted_format(request)
    if wanted:
        graph = linkeddata.regulation_graph(regulation, request, versions=versions, transpositions=transpositions)
        return negotiation.response(graph, wanted)
    calculation = register.current_calculation(regulation, request.user)
    dossier_url = None
    if regulation.dossier_id:
        dossier = regulation.dossier
        if may(request.user, "decisions.read_back_office"):
            dossier_url = dossier.get_absolute_url()
        elif dossier.is_public:
            dossier_url = reverse("portal:dossier", args=[dossier.uuid])
    page = render(
        request,
        "regulation/detail.html",
        {
            "regulation": regulation,
            "in_force_form": in_force,
            "day": day,
            "version": regulation.version_on(day),
            "versions": versions,
            "amended_by": _visible(request.user).filter(amends=regulation),
            "transpositions": transpositions,
            "calculation": calculation,
            "figures": register.figures(calculation).figures if calculation else None,
            "dossier_url": dossier_url,
        },
        status=form_status(in_force),
    )
    return negotiation.with_alternates(request, page)


def burden_overview(request):
    """The regulatory burden of the register: totals per policy domain and per year."""
    regulations = list(_visible(request.user))
    totals = register.totals(regulations, request.user)
    names = {r.pk: r for r in regulations}
    return render(
        request,
        "regulation/burden.html",
        {
            "totals": totals,
            "per_regulation": sorted(
                ((names[pk], figures) for pk, figures in totals.per_regulation.items()),
                key=lambda pair: -pair[1].administrative_burden,
            ),
            "per_domain": sorted(totals.per_domain.items()),
            "per_year": sorted(totals.per_year.items()),
        },
    )


def calculation(request, pk):
    calculation = get_object_or_404(
        register.with_figures(BurdenCalculation.objects.visible_to(request.user)).select_related(
            "regulation", "draft__amends"
        ),
        pk=pk,
    )
    result = register.figures(calculation)
    return render(
        request,
        "regulation/calculation.html",
        {
            "calculation": calculation,
            "result": result,
            "delta": register.delta(calculation, request.user),
            "regulation_visible": calculation.regulation_id
            and _visible(request.user).filter(pk=calculation.regulation_id).exists(),
        },
    )


# --- Back office ---------------------------------------------------------------------------


def _back_office(request) -> None:
    require(request.user, "regulation.read_back_office")


@login_required
@once
def office(request):
    """Draft regulations the user may see, with their ex-ante calculation; a dossier to mark as a
    draft; a regulation to enter by hand."""
    _back_office(request)
    draft_form = DraftForm(request.POST if "draft-dossier" in request.POST else None, user=request.user, prefix="draft")
    may_keep = may(request.user, "regulation.keep_register")
    regulation_form = (
        RegulationForm(request.POST if "regulation-title" in request.POST else None, prefix="regulation")
        if may_keep
        else None
    )
    if request.method == "POST":
        if draft_form.is_bound:
            data = draft_form.cleaned_data if draft_form.is_valid() else {}
            done = call_service(
                request,
                lambda: register.start_draft(request.user, data.pop("dossier"), **data),
                form=draft_form,
                success=_("The dossier now prepares a regulation: attach its ex-ante burden calculation."),
                then=lambda draft: reverse("regulation_office:draft", args=[draft.pk]),
            )
        elif regulation_form is not None and regulation_form.is_bound:
            done = call_service(
                request,
                lambda: register.register_regulation(request.user, **regulation_form.cleaned_data),
                form=regulation_form,
                success=_("The regulation has been entered in the register."),
            )
        else:
            raise PermissionDenied(_("Only the administration keeps the register of regulations."))
        if done:
            return done
    drafts = (
        DraftRegulation.objects.visible_to(request.user)
        .select_related("dossier", "amends")
        .prefetch_related(
            Prefetch(
                "calculations",
                queryset=BurdenCalculation.objects.filter(kind=BurdenCalculation.Kind.EX_ANTE),
                to_attr="ex_ante",
            )
        )
        .order_by("-created_at")
    )
    status = max(form_status(draft_form), form_status(regulation_form))
    return render(
        request,
        "regulation/office.html",
        {"drafts": drafts, "draft_form": draft_form, "regulation_form": regulation_form},
        status=status,
    )


@login_required
@once
def draft(request, pk):
    """A draft regulation: its ex-ante calculations with their delta, and the form for a new one."""
    _back_office(request)
    draft = get_object_or_404(
        DraftRegulation.objects.visible_to(request.user).select_related("dossier", "amends"), pk=pk
    )
    form = None
    if may(request.user, "regulation.prepare_draft", draft.dossier):
        form = CalculationForm(request.POST or None, prefix="calculation")
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(
                _("Only the administration prepares draft regulations and their burden calculations.")
            )
        data = form.cleaned_data if form.is_valid() else {}
        done = call_service(
            request,
            lambda: register.record_calculation(
                request.user,
                title=data["title"],
                reference_date=data["reference_date"],
                obligations=burden.parse_json(data["calculation"], tariffs_on=data["reference_date"]),
                draft=draft,
            ),
            form=form,
            field="calculation",
            success=_("The ex-ante calculation has been attached to the draft."),
        )
        if done:
            return done
    calculations = register.with_figures(draft.calculations.visible_to(request.user)).order_by("-pk")
    rows = [(c, register.delta(c, request.user)) for c in calculations]
    return render(
        request, "regulation/draft.html", {"draft": draft, "rows": rows, "form": form}, status=form_status(form)
    )
