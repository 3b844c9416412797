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
