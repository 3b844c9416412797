"""The crisis register's pages (thin: parse, authorise, call a service, render). Every page of a
crisis first finds it among the crises the reader is entitled to: anyone else gets 404, the same
answer as for a crisis that does not exist, so the register does not even confirm it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core import audit
from chancery.core.authz import may, require
from chancery.core.models import AuditAction, User
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status
from chancery.crisis import services, sitrep
from chancery.crisis.forms import (
    CloseForm,
    ContactForm,
    CorrectionForm,
    CrisisForm,
    EntryForm,
    FindingForm,
    LessonForm,
    LevelForm,
    MemberForm,
    PlanForm,
    ReportForm,
    ReviewForm,
    TaskForm,
)
from chancery.crisis.models import ContinuityPlan, Crisis, CrisisStatus, LogEntry, SituationReport, Task
from chancery.decisions.models import Theme


def _crisis(request, pk) -> Crisis:
    """The crisis if the reader is entitled to it; else 404, whoever asks (no 403 that would say
    that something is there)."""
    return get_object_or_404(Crisis.objects.visible_to(request.user), pk=pk)


def crisis_url(crisis, anchor: str = "") -> str:
    return reverse("crisis:crisis", args=[crisis.pk]) + (f"#{anchor}" if anchor else "")


@login_required
def crises(request):
    """The register: the crises, incidents and exercises the reader is entitled to, active first."""
    require(request.user, "crisis.view_register")
    rows = (
        Crisis.objects.visible_to(request.user)
        .annotate(open_tasks=Count("tasks", filter=Q(tasks__done_at__isnull=True)))
        .order_by("status", "-started_at", "-pk")
    )
    return render(
        request,
        "crisis/crises.html",
        {"crises": rows, "may_open": may(request.user, "crisis.coordinate"), "active": CrisisStatus.ACTIVE},
    )


@login_required
@once
def crisis_create(request):
    require(request.user, "crisis.coordinate")
    form = CrisisForm(request.POST or None, competences=Theme.objects.all())
    if request.method == "POST":
        done = call_service(
            request,
            lambda: services.open_crisis(request.user, **form.cleaned_data),
            form=form,
            success=_("The crisis has been opened."),
            then=lambda crisis: crisis_url(crisis),
        )
        if done:
            return done
    return render(request, "crisis/crisis_create.html", {"form": form}, status=form_status(form))


@login_required
def crisis(request, pk):
    """Everything of one crisis on one page, in a fixed number of queries (services.crisis_page)."""
    page = services.crisis_page(request.user, pk)
    if page is None:
        raise Http404
    context = {"page": page, "crisis": page.crisis}
    if page.may_work:
        owners = User.objects.filter(crisis_memberships__crisis=page.crisis).order_by("username")
        context.update(
            entry_form=EntryForm(prefix="entry"),
            correction_form=CorrectionForm(prefix="correction"),
            level_form=LevelForm(prefix="level", initial={"level": page.crisis.level}),
            close_form=CloseForm(prefix="close"),
            task_form=TaskForm(prefix="task", owners=owners),
            contact_form=ContactForm(prefix="contact"),
            report_form=ReportForm(prefix="report"),
            lesson_form=LessonForm(prefix="lesson"),
            finding_form=FindingForm(prefix="finding") if page.crisis.kind == "exercise" else None,
            member_form=MemberForm(prefix="member") if may(request.user, "crisis.coordinate") else None,
        )
    return render(request, "crisis/crisis.html", context)


def _post(request, pk, form, action, success, anchor):
    crisis = _crisis(request, pk)
    require(request.user, "crisis.work", crisis)
    return call_service(request, lambda: action(crisis, form.cleaned_data), form=form, success=success,
                        back=crisis_url(crisis, anchor))  # fmt: skip


@login_required
@require_POST
@once
def entry_add(request, pk):
    form = EntryForm(request.POST, prefix="entry")
    return _post(
        request, pk, form, lambda c, d: services.add_entry(request.user, c, d["text"], occurred_at=d["occurred_at"]),
        _("The entry has been added to the logbook."), "logbook",
    )  # fmt: skip


@login_required
@require_POST
@once
def entry_correct(request, pk, number):
    crisis = _crisis(request, pk)
    entry = get_object_or_404(LogEntry.objects.visible_to(request.user), crisis=crisis, number=number)
    require(request.user, "crisis.work", crisis)
    form = CorrectionForm(request.POST, prefix="correction")
    return call_service(
        request, lambda: services.correct_entry(request.user, entry, form.cleaned_data["text"]), form=form,
        success=_("The correction has been added to the logbook; the corrected entry stays as it was."),
        back=crisis_url(crisis, "logbook"),
    )  # fmt: skip


@login_required
@require_POST
def level(request, pk):
    form = LevelForm(request.POST, prefix="level")
    return _post(request, pk, form, lambda c, d: services.set_level(request.user, c, d["level"], d["reason"]),
                 _("The escalation level has been changed."), "")  # fmt: skip


@login_required
@require_POST
def close(request, pk):
    form = CloseForm(request.POST, prefix="close")
    return _post(request, pk, form, lambda c, d: services.close_crisis(request.user, c, d["summary"]),
                 _("The crisis has been closed."), "")  # fmt: skip


@login_required
@require_POST
def member_add(request, pk):
    crisis = _crisis(request, pk)
    require(request.user, "crisis.coordinate")
    form = MemberForm(request.POST, prefix="member")
    return call_service(
        request, lambda: services.name_member(request.user, crisis, **form.cleaned_data), form=form,
        success=_("The person has been named on this crisis."), back=crisis_url(crisis, "cell"),
    )  # fmt: skip


@login_required
@require_POST
@once
def task_add(request, pk):
    crisis = _crisis(request, pk)
    owners = User.objects.filter(crisis_memberships__crisis=crisis)
    form = TaskForm(request.POST, prefix="task", owners=owners)
    return _post(request, pk, form, lambda c, d: services.add_task(request.user, c, **d),
                 _("The task has been added."), "tasks")  # fmt: skip


@login_required
@require_POST
def task_done(request, pk, task):
    crisis = _crisis(request, pk)
    task = get_object_or_404(Task.objects.visible_to(request.user), crisis=crisis, pk=task)
    return call_service(request, lambda: services.complete_task(request.user, task),
                        success=_("The task is done."), back=crisis_url(crisis, "tasks"))  # fmt: skip


@login_required
@require_POST
@once
def contact_add(request, pk):
    form = ContactForm(request.POST, prefix="contact")
    return _post(request, pk, form, lambda c, d: services.add_contact(request.user, c, **d),
                 _("The contact has been added."), "contacts")  # fmt: skip


@login_required
@require_POST
@once
def lesson_add(request, pk):
    form = LessonForm(request.POST, prefix="lesson")
    return _post(request, pk, form, lambda c, d: services.add_lesson(request.user, c, **d),
                 _("The lesson has been recorded."), "lessons")  # fmt: skip


@login_required
@require_POST
@once
def finding_add(request, pk):
    form = FindingForm(request.POST, prefix="finding")
    return _post(request, pk, form, lambda c, d: services.add_finding(request.user, c, **d),
                 _("The finding has been recorded."), "findings")  # fmt: skip


@login_required
@require_POST
@once
def report_add(request, pk):
    crisis = _crisis(request, pk)
    require(request.user, "crisis.work", crisis)
    form = ReportForm(request.POST, prefix="report")
    return call_service(
        request, lambda: services.add_situation_report(request.user, crisis, **form.cleaned_data), form=form,
        success=_("The situation report has been made."), back=crisis_url(crisis, "reports"),
        then=lambda report: reverse("crisis:report", args=[crisis.pk, report.number]),
    )  # fmt: skip


def _report(request, pk, number) -> SituationReport:
    crisis = _crisis(request, pk)
    return get_object_or_404(
        SituationReport.objects.visible_to(request.user).select_related("crisis", "prepared_by"),
        crisis=crisis, number=number,
    )  # fmt: skip


@login_required
def report(request, pk, number):
    report = _report(request, pk, number)
    return render(request, "crisis/sitrep.html", services.report_context(report))


@login_required
def report_pdf(request, pk, number):
    report = _report(request, pk, number)
    audit.record(request.user, AuditAction.DOWNLOAD, report, after={"format": "pdf"})
    response = HttpResponse(services.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="situatierapport-{report.crisis_id}-{report.number}.pdf"'
    return response


@login_required
def report_xml(request, pk, number):
    """The report as OASIS EDXL-SitRep 1.0 (crisis.sitrep)."""
    report = _report(request, pk, number)
    previous = SituationReport.objects.filter(crisis=report.crisis, number=report.number - 1).first()
    audit.record(request.user, AuditAction.DOWNLOAD, report, after={"format": "edxl-sitrep"})
    response = HttpResponse(sitrep.to_xml(report, previous=previous), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sitrep-{report.crisis_id}-{report.number}.xml"'
    return response


# Business continuity ----------------------------------------------------------------------------


@login_required
@once
def plans(request):
    """The business-continuity plans the reader reads, the soonest review first, with overdue ones
    flagged; coordinators register plans here."""
    require(request.user, "crisis.view_continuity")
    coordinates = may(request.user, "crisis.coordinate")
    form = PlanForm(request.POST or None) if coordinates else None
    if request.method == "POST":
        require(request.user, "crisis.coordinate")
        done = call_service(
            request, lambda: services.register_plan(request.user, **form.cleaned_data), form=form,
            success=_("The plan has been registered."), then=reverse("crisis:plans"),
        )  # fmt: skip
        if done:
            return done
    rows = ContinuityPlan.objects.visible_to(request.user).select_related("entity").order_by("review_due", "pk")
    return render(
        request,
        "crisis/plans.html",
        {"plans": rows, "form": form, "review_form": ReviewForm(prefix="review") if coordinates else None},
        status=form_status(form),
    )


@login_required
@require_POST
def plan_review(request, pk):
    require(request.user, "crisis.view_continuity")
    plan = get_object_or_404(ContinuityPlan.objects.visible_to(request.user), pk=pk)
    require(request.user, "crisis.coordinate")
    form = ReviewForm(request.POST, prefix="review")
    return call_service(request, lambda: services.review_plan(request.user, plan, **form.cleaned_data), form=form,
                        success=_("The review has been recorded."), back=reverse("crisis:plans"))  # fmt: skip
