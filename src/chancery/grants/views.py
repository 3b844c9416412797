"""Pages of the grant programmes: for the grants service, the programmes with their envelopes, a
call with its ranking, assigning reviewers; for a reviewer, their reviews (the conflict
declaration, then the scores); for everyone, the open calls at /oproepen/, a call's page and the
granted grants as CSV. Views are thin: rules live in services. The applicant's form is the
engine's counter (`/loket/nieuw/SUB/`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import require
from chancery.core.once import once
from chancery.core.views_kit import call_service
from chancery.grants.forms import (
    ConflictForm,
    FinalAssessmentForm,
    InterimReviewForm,
    ReportForm,
    ReviewerForm,
    ScoreForm,
    SubmitProposalForm,
)
from chancery.grants.models import Application, Call, GovernmentProposal, Programme, Report, Review
from chancery.grants.services import applications, government, programmes, public, reports
from chancery.grants.services.money import cents, euro
from chancery.procedures.models import Case


def _envelope_rows(programme_list):
    for programme in programme_list:
        for envelope in programme.envelopes.all():
            yield {
                "programme": programme,
                "envelope": envelope,
                "planned": euro(envelope.planned_cents),
                "committed": euro(envelope.committed_cents),
                "paid": euro(envelope.paid_cents),
                "remaining": euro(envelope.remaining_cents),
            }


@login_required
def index(request):
    require(request.user, "grants.handle")
    programme_list = Programme.objects.visible_to(request.user).prefetch_related("envelopes").order_by("name")
    calls = Call.objects.visible_to(request.user).select_related("programme").order_by("-opens_at", "pk")
    return render(request, "grants/index.html", {
        "envelopes": list(_envelope_rows(programme_list)), "calls": calls, "now": timezone.now(),
        "nav_current": "grants:index",
    })  # fmt: skip


@login_required
def call_detail(request, slug: str):
    require(request.user, "grants.handle")
    call = get_object_or_404(Call.objects.visible_to(request.user).select_related("programme"), slug=slug)
    visible = Application.objects.visible_to(request.user).filter(call=call)
    if request.method == "POST":
        return call_service(
            request, lambda: programmes.publish_call(request.user, call), success=_("The call is published."),
            back=reverse("grants:call", args=[call.slug]),
        )  # fmt: skip
    return render(request, "grants/call.html", {
        "call": call, "criteria": call.criteria.all(), "ranking": applications.ranking(call, visible),
        "applications": visible.select_related("case").order_by("submitted_at", "pk"),
        "envelope": (envelope := programmes.envelope_for(call)), "max_grant": euro(call.max_grant_cents),
        "remaining": euro(envelope.remaining_cents) if envelope else "",
        "nav_current": "grants:index",
    })  # fmt: skip


@login_required
@require_POST
def assign_reviewer(request, reference: str):
    case = Case.objects.visible_to(request.user).filter(reference=reference, procedure=applications.CODE).first()
    if case is None:
        raise Http404
    require(request.user, "grants.handle")
    form = ReviewerForm(request.POST)
    return call_service(
        request,
        lambda: applications.assign_reviewer(request.user, applications.application_of(case),
                                             form.cleaned_data["username"]),
        form=form, success=_("The reviewer is assigned."), back=case.get_absolute_url(),
    )  # fmt: skip


@login_required
def my_reviews(request):
    reviews = (
        Review.objects.visible_to(request.user).filter(reviewer=request.user)
        .select_related("application__call", "application__case").order_by("-assigned_at", "pk")
    )  # fmt: skip
    return render(request, "grants/my_reviews.html", {"reviews": reviews})


@login_required
def review(request, pk: int):
    review = get_object_or_404(
        Review.objects.visible_to(request.user).select_related("application__call__programme", "application__case"),
        pk=pk, reviewer=request.user,
    )  # fmt: skip
    application = review.application
    criteria = list(application.call.criteria.all())
    conflict_form = ConflictForm(request.POST if "conflict-conflict" in request.POST else None)
    score_form = ScoreForm(request.POST if "score-submit" in request.POST else None, criteria=criteria)
    back = reverse("grants:review", args=[review.pk])
    if request.method == "POST" and "conflict-conflict" in request.POST:
        return call_service(
            request,
            lambda: applications.declare_conflict(request.user, review, conflict=conflict_form.cleaned_data["conflict"],
                                                  note=conflict_form.cleaned_data["note"]),
            form=conflict_form, success=_("Your declaration is recorded."), back=back,
        )  # fmt: skip
    if request.method == "POST" and "score-submit" in request.POST:
        return call_service(
            request, lambda: applications.score(request.user, review, score_form.scores()), form=score_form,
            success=_("Your scores are recorded."), back=back,
        )  # fmt: skip
    return render(request, "grants/review.html", {
        "review": review, "application": application, "criteria": criteria,
        "scores": applications.visible_scores(request.user, application),
        "conflict_form": conflict_form, "score_form": score_form,
        "lines": _lines(application), "requested": euro(application.requested_cents),
    })  # fmt: skip


def _lines(application: Application) -> list[dict]:
    return [{"label": line["label"], "amount_eur": euro(line["amount_cents"])} for line in application.budget_lines]


# --- public ---------------------------------------------------------------------------------------


def public_calls(request):
    now = timezone.now()
    return render(request, "grants/public_calls.html", {
        "calls": [(call, euro(call.max_grant_cents)) for call in programmes.open_calls(now)],
        "nav_current": "grants_public:calls",
    })  # fmt: skip


def public_call(request, slug: str):
    call = get_object_or_404(public.published_calls(), slug=slug)
    return render(request, "grants/public_call.html", {
        "call": call, "phase": call.phase(), "max_grant": euro(call.max_grant_cents),
        "criteria": call.criteria.all(), "nav_current": "grants_public:calls",
    })  # fmt: skip


def public_grants(request):
    programme = request.GET.get("programma") or None
    year = request.GET.get("jaar")
    year = int(year) if year and year.isdigit() else None
    grants = public.granted_grants()
    if programme:
        grants = grants.filter(call__programme__code=programme)
    if year:
        grants = grants.filter(call__year=year)
    return render(request, "grants/public_grants.html", {
        "rows": [public.row(a) for a in grants], "programmes": Programme.objects.order_by("name"),
        "programme": programme, "year": year, "nav_current": "grants_public:calls",
    })  # fmt: skip


def grants_csv(request):
    response = HttpResponse(public.grants_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="subsidies.csv"'
    return response


# --- the decision by the Government (issue 15 §4) ------------------------------------------------


@login_required
@require_POST
def submit_proposal(request, reference: str):
    """A minister's office submits the grant proposal of a file for a meeting of the Government."""
    proposal = (
        GovernmentProposal.objects.visible_to(request.user)
        .filter(application__case__reference=reference, application__case__in=Case.objects.visible_to(request.user))
        .select_related("application__case")
        .first()
    )
    if proposal is None:
        raise Http404
    require(request.user, "decisions.submit")
    form = SubmitProposalForm(request.POST, user=request.user)
    return call_service(
        request,
        lambda: government.submit_to_government(request.user, proposal, form.cleaned_data["meeting"],
                                                mandatees=form.cleaned_data["mandatees"]),
        form=form, success=_("The proposal is submitted to the Government."),
        back=proposal.application.case.get_absolute_url(),
    )  # fmt: skip


# --- payments and reports (issue 15, capabilities 5 and 6) ---------------------------------------


@login_required
@require_POST
@once
def submit_report(request, reference: str):
    """The beneficiary's report from the counter page (the payments panel)."""
    case = Case.objects.visible_to(request.user).filter(
        reference=reference, procedure=applications.CODE, applicant_user=request.user
    ).first()  # fmt: skip
    if case is None:
        raise Http404
    application = applications.application_of(case)
    kinds = [kind for kind, states in reports.REPORTABLE.items() if case.state in states] or list(reports.REPORTABLE)
    form = ReportForm(request.POST, application=application, kinds=kinds)
    return call_service(
        request,
        lambda: reports.submit(request.user, case, kind=form.cleaned_data["kind"], spent=form.spent(),
                               narrative=form.cleaned_data["narrative"]),
        form=form, success=_("Your report is submitted."), back=reverse("counter:case", args=[case.reference]),
    )  # fmt: skip


def _handled_case(request, reference: str) -> Case:
    case = Case.objects.visible_to(request.user).filter(reference=reference, procedure=applications.CODE).first()
    if case is None:
        raise Http404
    require(request.user, "grants.handle")
    return case


@login_required
@require_POST
@once
def assess_final_report(request, reference: str):
    case = _handled_case(request, reference)
    form = FinalAssessmentForm(request.POST)
    return call_service(
        request,
        lambda: reports.assess_final(request.user, case,
                                     accepted_cents=cents(form.cleaned_data["accepted_eur"], _("Accepted amount")),
                                     note=form.cleaned_data["note"]),
        form=form, success=_("The final report is assessed."), back=case.get_absolute_url(),
    )  # fmt: skip


@login_required
@require_POST
@once
def review_interim_report(request, reference: str, pk: int):
    case = _handled_case(request, reference)
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk, application__case=case)
    form = InterimReviewForm(request.POST, prefix=f"interim-{report.pk}")
    return call_service(
        request,
        lambda: reports.review_interim(request.user, report, accept=form.cleaned_data["decision"],
                                       note=form.cleaned_data["note"]),
        form=form, success=_("The interim report is assessed."), back=case.get_absolute_url(),
    )  # fmt: skip
