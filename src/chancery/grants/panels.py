"""The grants' part of the case pages (procedures.panels): the application with its budget table,
for the handler and the applicant alike; for the grants service, the reviews (who, their conflict
declarations, whether they scored), the consolidated scores and the envelope."""

from __future__ import annotations

from chancery.core.authz import may
from chancery.grants import fast_track, rules
from chancery.grants.forms import ReviewerForm, SubmitProposalForm
from chancery.grants.models import Application, EmergencyAllocation, Envelope, GovernmentProposal, ProposalState
from chancery.grants.services import applications, government, programmes
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
