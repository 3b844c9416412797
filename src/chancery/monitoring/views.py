"""The board's dashboard (/app/monitoring/) and the public progress pages (/voortgang/). Thin:
rules live in services, what may be shown in queries."""

from __future__ import annotations

import datetime

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core import audit, ical, links
from chancery.core.authz import may, require
from chancery.core.models import AuditAction, Entity
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status
from chancery.monitoring import charts, queries
from chancery.monitoring.forms import (
    BudgetForm,
    InitiativeForm,
    MilestoneForm,
    MilestoneStatusForm,
    ReportForm,
    VisionNoteForm,
)
from chancery.monitoring.models import (
    Indicator,
    Initiative,
    Level,
    Milestone,
    Observation,
    ProgressReport,
    ReportState,
    Target,
    VisionNote,
)
from chancery.monitoring.services import benchmarks, budgets, milestones, reports, visions
from chancery.monitoring.services.assessment import assess_all
from chancery.monitoring.services.status import Status
from chancery.monitoring.services.structure import create_initiative, subtree

# The dashboard folds the projects into their programmes above this many rows (unfiltered).
FOLD_ABOVE = 100


def _watcher(request) -> None:
    require(request.user, "monitoring.view_dashboard")


def _tree(nodes, assessments, budgets_of=None, folded=None):
    """Rows for a tree table: (initiative, depth, assessment, budget, link, parts folded into it),
    parents before children. The links are made from one reversed URL (a few hundred `reverse`
    calls showed in the profile)."""
    base = reverse("monitoring:initiative", args=["-"]).removesuffix("-/")
    children: dict = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    rows = []

    def walk(parent_id, depth):
        for node in children.get(parent_id, []):
            budget = (budgets_of or {}).get(node.pk)
            rows.append(
                (node, depth, assessments.get(node.pk), budget, f"{base}{node.code}/", (folded or {}).get(node.pk))
            )
            walk(node.pk, depth + 1)

    roots = {node.parent_id for node in nodes} - {node.pk for node in nodes}
    for root in sorted(roots, key=lambda r: (r is not None, r or 0)):
        walk(root, 0)
    return rows


@login_required
def dashboard(request):
    _watcher(request)
    today = timezone.localdate()
    nodes = list(Initiative.objects.visible_to(request.user).select_related("lead_entity").order_by("position", "code"))
    wanted_status = request.GET.get("status", "")
    ambition = request.GET.get("ambitie", "")
    entity = request.GET.get("entiteit", "")
    priority = request.GET.get("prioriteit", "").strip()

    by_pk = {node.pk: node for node in nodes}
    roots = {}
    for node in nodes:
        root = node
        while root.parent_id:
            root = by_pk[root.parent_id]
        roots[node.pk] = root
    # A core ambition chosen: only its tree is judged (a status depends on its own subtree alone),
    # and the counts above the table are that ambition's.
    judged = [node for node in nodes if roots[node.pk].code == ambition] if ambition else nodes
    assessments = assess_all(today, judged, reader=request.user, reasons=False)

    def keep(node) -> bool:
        if ambition and roots[node.pk].code != ambition:
            return False
        if entity and str(node.lead_entity_id) != entity:
            return False
        if priority and not node.priority.startswith(priority):
            return False
        return not wanted_status or assessments[node.pk].status.name.lower() == wanted_status

    shown = [node for node in nodes if keep(node)]
    # Keep the ancestors of what matches, so the tree still reads as a tree.
    ids = {node.pk for node in shown}
    for node in list(shown):
        parent = by_pk.get(node.parent_id)
        while parent is not None and parent.pk not in ids:
            ids.add(parent.pk)
            shown.append(parent)
            parent = by_pk.get(parent.parent_id)
    # A tree of a recovery plan's size (hundreds of projects) unfiltered: the projects are folded
    # into their programme (how many), shown when a core ambition or another filter is chosen, or
    # all on request; a small tree is shown whole.
    fold = (
        len(shown) > FOLD_ABOVE
        and not (wanted_status or ambition or entity or priority)
        and not request.GET.get("alle_projecten")
    )
    folded: dict[int, int] = {}
    if fold:
        for node in shown:
            if node.level == Level.PROJECT:
                folded[node.parent_id] = folded.get(node.parent_id, 0) + 1
        shown = [node for node in shown if node.level != Level.PROJECT]
    budget_by_ambition = budgets.rollups([node for node in nodes if node.level == Level.AMBITION], today.year, nodes)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "rows": _tree(sorted(shown, key=lambda n: (n.position, n.code)), assessments, budget_by_ambition, folded),
            "folded": fold,
            "ambitions": [n for n in nodes if n.level == Level.AMBITION],
            "entities": Entity.objects.filter(pk__in={n.lead_entity_id for n in nodes}),
            "statuses": [(s.name.lower(), s.label) for s in Status],
            "filters": {"status": wanted_status, "ambitie": ambition, "entiteit": entity, "prioriteit": priority},
            "year": today.year,
            "counts": {s: sum(1 for a in assessments.values() if a.status == s) for s in Status},
            "may_plan": may(request.user, "monitoring.plan"),
        },
    )


def _indicator_rows(indicators, observations_of):
    rows = []
    for indicator in indicators:
        observations = observations_of(indicator)
        series = queries.points(observations)
        low, high = benchmarks.band(indicator)
        rows.append(
            {
                "indicator": indicator,
                "observations": sorted(observations, key=lambda o: o.period_start),
                "comparison": benchmarks.compare(indicator, observations),
                "chart": charts.line_chart(
                    series,
                    targets=queries.target_points(indicator),
                    band=(low, high) if low else None,
                    title=_("%(name)s (%(unit)s): values and target")
                    % {"name": indicator.name, "unit": indicator.unit},
                ),
            }
        )
    return rows


@login_required
def initiative(request, code):
    _watcher(request)
    reader = request.user
    node = get_object_or_404(
        Initiative.objects.visible_to(reader).select_related("lead_entity", "owner", "parent"), code=code
    )
    today = timezone.localdate()
    family = [n.pk for n in subtree(node)]
    assessment = assess_all(today, Initiative.objects.filter(pk__in=family), reader=reader)[node.pk]
    indicators = node.indicators.filter(pk__in=Indicator.objects.visible_to(reader).values("pk")).prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("date")),
        Prefetch("observations", queryset=Observation.objects.visible_to(reader).filter(is_current=True)),
        "benchmarks",
        "sdmx_mappings",
    )
    editable = may(request.user, "monitoring.edit_initiative", node)
    lines = budgets.lines_of(node)
    all_milestones = list(Milestone.objects.filter(initiative__in=family))
    rollup = budgets.rollup(node, today.year)
    burn = None
    if all_milestones:
        first = min(m.due for m in all_milestones) - datetime.timedelta(days=90)
        last = max(max(m.due for m in all_milestones), today)
        actual, planned = milestones.burn_down(all_milestones, first, last)
        burn = charts.line_chart(actual, planned=planned, title=_("Milestones still to do: as it went and as planned"))
    return render(
        request,
        "monitoring/initiative.html",
        {
            "node": node,
            "assessment": assessment,
            "children": node.children.all(),
            "lines": lines,
            "rollup": rollup,
            "execution_bar": charts.bar(rollup.execution, title=_("Share of this year's budget spent")),
            "milestones": [(m, m.days_late(today), m.is_late(today)) for m in node.milestones.all()],
            "indicators": _indicator_rows(indicators, lambda i: list(i.observations.all())),
            "editable": editable,
            "budget_form": BudgetForm(initial={"year": today.year}) if editable else None,
            "milestone_form": MilestoneForm() if editable else None,
            "burn_down": burn,
            "milestone_statuses": MilestoneStatusForm.base_fields["status"].choices,
            "today": today,
        },
    )


@login_required
@require_POST
def budget(request, code):
    node = get_object_or_404(Initiative, code=code)
    form = BudgetForm(request.POST)

    def save():
        data = form.cleaned_data
        return budgets.set_budget(
            request.user,
            node,
            data["year"],
            planned=data["planned"],
            committed=data["committed"],
            spent=data["spent"],
            expected_revision=data["revision"],
        )

    return call_service(
        request,
        save,
        form=form,
        success=lambda _budget: _("The budget of %(year)s has been saved.") % {"year": form.cleaned_data["year"]},
        back=node,
    )


@login_required
@require_POST
def milestone_status(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("initiative"), pk=pk)
    form = MilestoneStatusForm(request.POST)
    return call_service(
        request,
        lambda: milestones.set_status(
            request.user,
            milestone,
            form.cleaned_data["status"],
            done_on=form.cleaned_data["done_on"],
            reason=form.cleaned_data["reason"],
            expected_revision=form.cleaned_data["revision"],
        ),
        form=form,
        success=_("The milestone has been updated."),
        back=milestone.initiative,
    )


@login_required
@once
def initiative_create(request):
    """The secretariat sets up a core ambition, a programme under one, or a project under a programme."""
    require(request.user, "monitoring.plan")
    form = InitiativeForm(request.POST or None, initial={"parent": request.GET.get("onder")})

    def create():
        data = dict(form.cleaned_data)
        parent = data.pop("parent")
        level = {None: Level.AMBITION, Level.AMBITION: Level.PROGRAMME, Level.PROGRAMME: Level.PROJECT}[
            parent.level if parent else None
        ]
        return create_initiative(request.user, level=level, parent=parent, **data)

    done = call_service(
        request, create, form=form, success=lambda node: _("%(title)s has been set up.") % {"title": node.title}
    )
    if done:
        return done
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("A new core ambition, programme or project")},
        status=form_status(form),
    )


@login_required
@require_POST
@once
def milestone_add(request, code):
    node = get_object_or_404(Initiative, code=code)
    form = MilestoneForm(request.POST)
    return call_service(
        request,
        lambda: milestones.add_milestone(request.user, node, **form.cleaned_data),
        form=form,
        success=_("The milestone has been added."),
        back=node,
    )


@login_required
@once
def vision_notes(request):
    """The register of vision notes and futures studies, the overdue ones first."""
    _watcher(request)
    may_keep = may(request.user, "monitoring.keep_vision_notes")
    form = VisionNoteForm(request.POST or None) if may_keep else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the administration keeps the register of vision notes."))
        done = call_service(
            request,
            lambda: visions.register(request.user, **form.cleaned_data),
            form=form,
            success=_("The vision note has been registered."),
            then="monitoring:vision_notes",
        )
        if done:
            return done
    today = timezone.localdate()
    notes = [(note, note.days_overdue(today)) for note in VisionNote.objects.select_related("owner")]
    notes.sort(key=lambda pair: (-pair[1], pair[0].planned_update))
    return render(
        request,
        "monitoring/vision_notes.html",
        {"notes": notes, "form": form, "overdue": sum(1 for _note, days in notes if days)},
        status=form_status(form),
    )


@login_required
def indicator(request, code):
    _watcher(request)
    item = get_object_or_404(Indicator.objects.visible_to(request.user), code=code)
    observations = list(
        Observation.objects.visible_to(request.user).filter(indicator=item).order_by("period_start", "revision")
    )
    current = [o for o in observations if o.is_current]
    return render(
        request,
        "monitoring/indicator.html",
        {
            "indicator": item,
            "observations": observations,
            "releases": item.releases.all(),
            "targets": item.targets.all(),
            "chart": charts.line_chart(
                queries.points(current),
                targets=queries.target_points(item),
                title=_("%(name)s (%(unit)s): values and target") % {"name": item.name, "unit": item.unit},
            ),
        },
    )


@login_required
@once
def report_list(request):
    _watcher(request)
    may_make = may(request.user, "monitoring.make_reports")
    form = ReportForm(request.POST or None) if may_make else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the administration makes progress reports."))
        done = call_service(
            request,
            lambda: reports.request_report(request.user, form.cleaned_data["initiative"], form.cleaned_data["period"]),
            form=form,
            field="period",
            success=_("The report is being made; it appears here when it is ready."),
        )
        if done:
            return done
    return render(
        request,
        "monitoring/reports.html",
        {
            "form": form,
            "reports": ProgressReport.objects.visible_to(request.user).select_related("initiative", "document"),
        },
        status=form_status(form),
    )


@login_required
def report_detail(request, pk):
    _watcher(request)
    report = get_object_or_404(
        ProgressReport.objects.visible_to(request.user).select_related("initiative", "document"), pk=pk
    )
    ready = report.state == ReportState.READY
    return render(
        request,
        "monitoring/report_detail.html",
        {"report": report, "pdf": ready and report.document_id, "html": ready and report.html},
    )


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the report carries its own print styles; still no script
def report_html(request, pk):
    _watcher(request)
    report = get_object_or_404(ProgressReport.objects.visible_to(request.user), pk=pk, state=ReportState.READY)
    return HttpResponse(report.html, content_type="text/html; charset=utf-8")


@login_required
def report_pdf(request, pk):
    """The latest version of the report's PDF (all versions are on the document's own page)."""
    _watcher(request)
    report = get_object_or_404(
        ProgressReport.objects.visible_to(request.user).select_related("document"), pk=pk, state=ReportState.READY
    )
    version = report.document.versions.order_by("-number").first()
    audit.record(request.user, AuditAction.DOWNLOAD, report.document, after={"version": version.number})
    return FileResponse(version.file.open("rb"), content_type="application/pdf", filename=version.original_filename)


# --- public progress pages ---------------------------------------------------------------------


def progress_index(request):
    ambitions = list(queries.public_initiatives().filter(level=Level.AMBITION))
    assessments = assess_all(None, queries.public_initiatives(), reader=None, reasons=False)
    return render(
        request,
        "monitoring/progress_index.html",
        {"rows": [(a, assessments.get(a.pk)) for a in ambitions]},
    )


def progress_detail(request, code):
    node = get_object_or_404(queries.public_initiatives().select_related("parent", "lead_entity"), code=code)
    # Its status and its parts' come from its own subtree, not from the whole programme.
    family = list(queries.public_subtree(node))
    assessments = assess_all(None, family, reader=None)
    released = queries.released_observations()
    indicators = node.indicators.filter(public=True).prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("date")),
        Prefetch("observations", queryset=released, to_attr="released"),
        "benchmarks",
        "sdmx_mappings",
    )
    return render(
        request,
        "monitoring/progress_detail.html",
        {
            "node": node,
            "assessment": assessments.get(node.pk),
            "children": [(child, assessments.get(child.pk)) for child in family if child.parent_id == node.pk],
            "parent": node.parent if node.parent and node.parent.public else None,
            "indicators": _indicator_rows(indicators, lambda i: i.released),
        },
    )


def release_calendar(request):
    """The statistics release calendar (B7): which figure is published when, for whoever may see
    the indicator — the public, the public indicators. The figures themselves appear at that moment."""
    releases = list(queries.release_calendar(request.user))
    now = timezone.now()
    return render(
        request,
        "monitoring/release_calendar.html",
        {"upcoming": [r for r in releases if r.release_at >= now], "past": [r for r in releases if r.release_at < now]},
    )


def release_calendar_ics(request):
    """The same calendar as iCalendar, to subscribe to."""
    events = [
        ical.Event(
            uid=f"release-{release.pk}@{request.get_host()}",
            start=release.release_at,
            summary=_("%(indicator)s, %(period)s") % {"indicator": release.indicator.name, "period": release.period},
            url=links.absolute(reverse("progress:calendar"), request),
        )
        for release in queries.release_calendar(request.user)
    ]
    response = HttpResponse(ical.calendar(_("Release calendar"), events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="releasekalender.ics"'
    return response
