"""The register's pages: public (`/regelgeving/`: list and search, a regulation by its number or its
ELI, the regulatory burden, a calculation) and the back office (`/app/regelgeving/`: entering
regulations, draft regulations and their ex-ante calculations). Thin: services decide, the access
registry says who sees what, and what a reader may not see is 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from chancery.core import negotiation, pending
from chancery.core.authz import may, require
from chancery.core.client import client_address
from chancery.core.models import Mandatee
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status, page_number
from chancery.decisions.models import Meeting, MeetingState
from chancery.regulation import forms as feedback_forms
from chancery.regulation import linkeddata
from chancery.regulation.forms import CalculationForm, DraftForm, InForceForm, RegulationForm, SearchForm
from chancery.regulation.models import (
    BurdenCalculation,
    DraftRegulation,
    FeedbackSignal,
    Regulation,
    SignalEvidence,
    SignalGroup,
    StateOfRegulation,
    StateOfRegulationVersion,
    Transposition,
)
from chancery.regulation.services import burden, feedback, register, state


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


# --- Feedback panel: public ----------------------------------------------------------------------


def _published_groups(user):
    return (
        SignalGroup.objects.visible_to(user)
        .filter(signals__state=FeedbackSignal.State.PUBLISHED)
        .distinct()
        .select_related("regulation")
        .prefetch_related(
            Prefetch(
                "signals",
                queryset=FeedbackSignal.objects.visible_to(user)
                .filter(state=FeedbackSignal.State.PUBLISHED)
                .order_by("submitted_at", "pk"),
                to_attr="published",
            )
        )
    )


def signals(request):
    """The feedback panel: the published signals grouped, with their status and answer."""
    page = Paginator(_published_groups(request.user).order_by("-created_at", "-pk"), 20).get_page(page_number(request))
    return render(request, "regulation/feedback/index.html", {"page": page})


def regulation_signals(request, pk):
    """A regulation's page of signals: the published ones grouped, with the answers."""
    regulation = get_object_or_404(_visible(request.user), pk=pk)
    groups = _published_groups(request.user).filter(regulation=regulation).order_by("-created_at", "-pk")
    return render(request, "regulation/feedback/regulation.html", {"regulation": regulation, "groups": groups})


@once
def report_signal(request):
    """The public form: a problem with a rule, the regulation picked (searching the register) or
    suggested from the text, evidence. Limited per address and hour; a robot's form is refused."""
    search = feedback_forms.SignalSearchForm(request.GET or None)
    regulations = _visible(request.user).order_by("title")
    found = None
    if search.is_valid() and search.cleaned_data["zoek"]:
        found = feedback.search(regulations, search.cleaned_data["zoek"])
    initial = {}
    if request.GET.get("regelgeving", "").isdigit():
        initial["regulation"] = int(request.GET["regelgeving"])
    form = feedback_forms.SignalForm(
        request.POST or None,
        request.FILES or None,
        regulations=found if found is not None and found.exists() else regulations,
        user=request.user,
        initial=initial,
    )
    if request.method == "POST":
        valid = form.is_valid()
        if valid and not feedback.allow_from(client_address(request)):
            form.add_error(
                None, _("Too many signals were sent from your connection in the last hour: try again later.")
            )
            return render(request, "regulation/feedback/form.html", {"form": form, "search": search}, status=429)
        data = form.cleaned_data if valid else {}

        def send():
            signal = feedback.submit(
                text=data["text"],
                theme=data["theme"],
                reporter_kind=data["reporter_kind"],
                regulation=data["regulation"],
                anonymous=data["anonymous"],
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                evidence=form.evidence(),
                user=request.user,
                candidates=regulations,
            )
            pending.discard(list(getattr(form, "kept", {}).values()))  # kept files, now the signal's evidence
            return signal

        done = call_service(
            request,
            send,
            form=form,
            success=lambda signal: (
                _(
                    "Thank you. Your signal %(reference)s has been received: it is published once moderated, "
                    "without personal data."
                )
                % {"reference": signal.reference}
            ),
            then=lambda signal: reverse("regulation:signals"),
        )
        if done:
            return done
        if request.user.is_authenticated:
            form.keep_files()
    return render(
        request,
        "regulation/feedback/form.html",
        {"form": form, "search": search, "found": found},
        status=form_status(form),
    )


# --- Feedback panel: moderation --------------------------------------------------------------


def _moderator(request) -> None:
    require(request.user, "regulation.moderate_feedback")


@login_required
def moderation(request):
    """Signals awaiting moderation, the groups and their answers, the signals moderated lately."""
    _moderator(request)
    signals_ = FeedbackSignal.objects.visible_to(request.user).select_related("regulation")
    return render(
        request,
        "regulation/feedback/moderation.html",
        {
            "waiting": signals_.filter(state=FeedbackSignal.State.RECEIVED).order_by("submitted_at", "pk"),
            "moderated": signals_.exclude(state=FeedbackSignal.State.RECEIVED).order_by("-moderated_at", "-pk")[:50],
            "groups": SignalGroup.objects.visible_to(request.user)
            .select_related("regulation")
            .annotate(n=Count("signals"))
            .order_by("status", "-created_at"),
        },
    )


@login_required
@once
def signal(request, pk):
    """A signal as sent, with what the masking found, its evidence, similar groups, and the forms
    to publish it or refuse it with a reason."""
    _moderator(request)
    signal = get_object_or_404(
        FeedbackSignal.objects.visible_to(request.user).select_related("regulation", "group", "moderated_by"), pk=pk
    )
    regulations = _visible(request.user).order_by("title")
    similar = feedback.similar_groups(signal) if signal.regulation_id else []
    groups = SignalGroup.objects.visible_to(request.user).filter(regulation=signal.regulation_id)
    publish_form = feedback_forms.PublishForm(
        request.POST if "publish-public_text" in request.POST else None,
        regulations=regulations,
        groups=groups,
        prefix="publish",
        initial={"regulation": signal.regulation_id, "public_text": signal.public_text,
                 "group": similar[0].group.pk if similar and similar[0].score >= 0.5 else None},
    )  # fmt: skip
    reject_form = feedback_forms.RejectForm(request.POST if "reject-reason" in request.POST else None, prefix="reject")
    if request.method == "POST":
        if publish_form.is_bound:
            data = publish_form.cleaned_data if publish_form.is_valid() else {}
            done = call_service(
                request,
                lambda: feedback.publish(
                    request.user, signal, regulation=data["regulation"], group=data["group"], title=data["title"],
                    public_text=data["public_text"], note=data["note"],
                ),
                form=publish_form,
                success=_("The signal has been published without personal data."),
                then=reverse("regulation_office:moderation"),
            )  # fmt: skip
        else:
            data = reject_form.cleaned_data if reject_form.is_valid() else {}
            done = call_service(
                request,
                lambda: feedback.reject(request.user, signal, reason=data["reason"], note=data["note"]),
                form=reject_form,
                success=_("The signal is not published; the reason has been recorded."),
                then=reverse("regulation_office:moderation"),
            )
        if done:
            return done
    return render(
        request,
        "regulation/feedback/signal.html",
        {
            "signal": signal,
            "evidence": signal.evidence.visible_to(request.user),
            "similar": similar,
            "publish_form": publish_form,
            "reject_form": reject_form,
            "found": [feedback.KIND_LABELS[k] for k in signal.personal_data_found if k in feedback.KIND_LABELS],
        },
        status=max(form_status(publish_form), form_status(reject_form)),
    )


@login_required
def evidence(request, pk):
    """A signal's evidence, for the moderators only (others: 404)."""
    _moderator(request)
    item = get_object_or_404(SignalEvidence.objects.visible_to(request.user), pk=pk)
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.filename, content_type=item.mime_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def group(request, pk):
    """A group of signals: its signals and the form for its public status and answer."""
    _moderator(request)
    group = get_object_or_404(SignalGroup.objects.visible_to(request.user).select_related("regulation"), pk=pk)
    form = feedback_forms.AnswerForm(request.POST or None, initial={"status": group.status, "text": group.answer})
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        done = call_service(
            request,
            lambda: feedback.answer(request.user, group, status=data["status"], text=data["text"]),
            form=form,
            success=_("The status and the answer have been published."),
            then=reverse("regulation_office:group", args=[group.pk]),
        )
        if done:
            return done
    return render(
        request,
        "regulation/feedback/group.html",
        {"group": group, "signals": group.signals.visible_to(request.user).order_by("submitted_at"), "form": form},
        status=form_status(form),
    )


# --- State of Regulation -----------------------------------------------------------------------


def _reporter(request) -> None:
    require(request.user, "regulation.make_state_report")


@login_required
@once
def states(request):
    """The States of Regulation and their versions; the form to make one (again)."""
    _reporter(request)
    form = feedback_forms.StateReportForm(request.POST or None, initial={"last_year": timezone.localdate().year - 1})
    if request.method == "POST":
        done = call_service(
            request,
            lambda: state.make_version(request.user, form.cleaned_data["last_year"]),
            form=form,
            success=lambda version: _("Version %(n)s of the report has been made.") % {"n": version.number},
            then=lambda version: reverse("regulation_office:state_version", args=[version.pk]),
        )
        if done:
            return done
    reports = StateOfRegulation.objects.visible_to(request.user).prefetch_related("versions")
    return render(request, "regulation/state/index.html", {"reports": reports, "form": form}, status=form_status(form))


@login_required
@once
def state_version(request, pk):
    """One version of a report: its HTML as made, its PDF, and the form to submit it to a meeting."""
    _reporter(request)
    version = get_object_or_404(
        StateOfRegulationVersion.objects.visible_to(request.user).select_related(
            "report__document", "submission__meeting", "made_by"
        ),
        pk=pk,
    )
    form = None
    if not version.submission_id and may(request.user, "decisions.submit"):
        form = feedback_forms.SubmitReportForm(
            request.POST or None,
            meetings=Meeting.objects.visible_to(request.user)
            .filter(state=MeetingState.PLANNED, starts_at__gte=timezone.now())
            .order_by("starts_at"),
            mandatees=Mandatee.objects.active_on().select_related("person"),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only ministers and their cabinets submit proposals."))
        data = form.cleaned_data if form.is_valid() else {}
        done = call_service(
            request,
            lambda: state.submit_to_meeting(request.user, version, data["meeting"], data["mandatees"]),
            form=form,
            success=_("The report has been submitted to the meeting's agenda."),
            then=reverse("regulation_office:state_version", args=[version.pk]),
        )
        if done:
            return done
    others = version.report.versions.visible_to(request.user).order_by("-number")
    return render(
        request,
        "regulation/state/version.html",
        {"version": version, "body": mark_safe(version.html), "others": others, "form": form},  # noqa: S308 - rendered by us, escaped
        status=form_status(form),
    )
