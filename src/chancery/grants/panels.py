"""The grants' part of the case pages (procedures.panels): the application with its budget table,
for the handler and the applicant alike; for the grants service, the reviews (who, their conflict
declarations, whether they scored), the consolidated scores and the envelope."""

from __future__ import annotations

from chancery.core.authz import may
from chancery.grants import fast_track, rules
from chancery.grants.forms import FinalAssessmentForm, InterimReviewForm, ReportForm, ReviewerForm, SubmitProposalForm
from chancery.grants.models import (
    Application,
    EmergencyAllocation,
    Envelope,
    GovernmentProposal,
    ProposalState,
    ReportKind,
    ReportState,
    TrancheState,
)
from chancery.grants.services import applications, government, programmes, reports
from chancery.grants.services.money import euro


def application_context(request, case) -> dict | None:
    application = Application.objects.filter(case=case).select_related("call__programme").first()
    if application is None:
        return None
    handler = may(request.user, "grants.handle")
    context = {
        "application": application,
        "handler": handler,
        "lines": [
            {"label": line["label"], "amount_eur": euro(line["amount_cents"])} for line in application.budget_lines
        ],
        "total": euro(application.requested_cents + application.co_financing_cents),
        "requested": euro(application.requested_cents),
        "co_financing": euro(application.co_financing_cents),
        "awarded": euro(application.awarded_cents),
    }
    if handler:
        envelope = programmes.envelope_for(application.call)
        context.update(
            reviews=application.reviews.select_related("reviewer").order_by("assigned_at", "pk"),
            consolidation=applications.consolidate(application),
            envelope=envelope,
            remaining=euro(envelope.remaining_cents) if envelope else "",
            reviewer_form=ReviewerForm() if case.state == "assessment" else None,
        )
    return context


# --- the decision by the Government, the humanitarian fast track (issue 15, §4 and §7) -----------


def government_context(request, case) -> dict | None:
    """Who decides the grant; before the Government, the proposal, its agenda item and decision,
    and for a minister's office the form to submit it for a meeting."""
    application = Application.objects.filter(case=case).select_related("call__programme").first()
    if application is None or not may(request.user, "grants.handle") and not may(request.user, "decisions.submit"):
        return None
    proposal = (
        GovernmentProposal.objects.filter(application=application).select_related("submission", "decision").first()
    )
    may_submit = (
        proposal is not None and proposal.state == ProposalState.PREPARED and case.state == "government"
        and may(request.user, "decisions.submit")
    )  # fmt: skip
    return {
        "decided_by": government.decided_by(application),
        "threshold": euro(rules.decision_figure("government_threshold_cents").value),
        "threshold_figure": rules.decision_figure("government_threshold_cents"),
        "proposal": proposal,
        "submit_form": SubmitProposalForm(user=request.user) if may_submit else None,
    }


def fast_track_context(request, case) -> dict | None:
    allocation = EmergencyAllocation.objects.filter(case=case).select_related("programme").first()
    if allocation is None:
        return None
    handler = may(request.user, "grants.handle")
    context = {
        "allocation": allocation,
        "handler": handler,
        "requested": euro(allocation.requested_cents),
        "allocated": euro(allocation.allocated_cents) if allocation.allocated_cents else "",
    }
    if handler:
        ceiling = rules.decision_figure("fast_track_yearly_cents")
        context.update(
            ceiling=euro(ceiling.value),
            ceiling_source=ceiling.source,
            used=euro(fast_track.allocated_this_year(allocation.year)),
            envelope=Envelope.objects.filter(programme=allocation.programme, year=allocation.year).first(),
        )
    return context


# --- payments and reports (issue 15, capabilities 5 and 6) ---------------------------------------


def payments_context(request, case) -> dict | None:
    """The grant's tranches (each payment instruction and its state), its reports with their cost
    statements, and any recovery order; for the beneficiary the report form while one is due, for
    the grants service the assessment forms."""
    application = Application.objects.filter(case=case).select_related("call", "case").first()
    if application is None or application.awarded_cents is None:
        return None
    handler = may(request.user, "grants.handle")
    tranches = list(application.tranches.all())
    report_list = list(application.reports.order_by("submitted_at", "pk"))
    kinds = [kind for kind, states in reports.REPORTABLE.items() if case.state in states]
    beneficiary = case.applicant_user_id == request.user.pk and not handler
    return {
        "grant": application,
        "handler": handler,
        "awarded": euro(application.awarded_cents),
        "advance_share": _percent(application.call.advance_share),
        "paid": euro(sum(t.amount_cents for t in tranches if t.state == TrancheState.PAID)),
        "tranches": [
            {
                "tranche": t,
                "amount": euro(t.amount_cents),
                "instruction": f"{case.reference}-T{t.number}",
                "share": _percent(t.share),
            }
            for t in tranches
        ],
        "reports": [
            {
                "report": r,
                "spent": euro(r.spent_cents),
                "accepted": euro(r.accepted_cents),
                "lines": [
                    {"label": line["label"], "budget": euro(line["budget_cents"]), "spent": euro(line["spent_cents"])}
                    for line in r.cost_lines
                ],
                "review_form": InterimReviewForm(prefix=f"interim-{r.pk}")
                if handler and r.kind == ReportKind.INTERIM and r.state == ReportState.SUBMITTED
                else None,
            }
            for r in report_list
        ],
        "recoveries": [{"order": o, "amount": euro(o.amount_cents)} for o in application.recoveries.all()],
        "report_form": ReportForm(application=application, kinds=kinds) if beneficiary and kinds else None,
        "assessment_form": FinalAssessmentForm() if handler and case.state == "report_submitted" else None,
    }


def _percent(share) -> str:
    """A share as a percentage without trailing zeros: 0.8000 → "80 %"."""
    value = (share * 100).normalize()
    return f"{value:f} %"
