"""The grants' part of the case pages (procedures.panels): the application with its budget table,
for the handler and the applicant alike; for the grants service, the reviews (who, their conflict
declarations, whether they scored), the consolidated scores and the envelope."""

from __future__ import annotations

from chancery.core.authz import may
from chancery.grants.forms import ReviewerForm
from chancery.grants.models import Application
from chancery.grants.services import applications, programmes
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


# --- payments and reports (issue 15, capabilities 5 and 6) ---------------------------------------


def payments_context(request, case) -> dict | None:
    """The grant's tranches (each payment instruction and its state), its reports with their cost
    statements, and any recovery order; for the beneficiary the report form while one is due, for
    the grants service the assessment forms."""
    from chancery.grants.forms import FinalAssessmentForm, InterimReviewForm, ReportForm
    from chancery.grants.models import ReportKind, ReportState, TrancheState
    from chancery.grants.services import reports

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
