"""The disaster fund's part of the case pages (procedures.panels): the claim, its deadlines, the
expertise with the claimant's month to comment (the clock), and the compensation line by line,
for the handler and the claimant alike; for the handler, the anomaly form."""

from __future__ import annotations

from django.utils import timezone

from chancery.core.authz import may
from chancery.disaster_fund import rules
from chancery.disaster_fund.forms import AnomalyForm
from chancery.disaster_fund.models import Claim
from chancery.disaster_fund.services import claims


def claim_context(request, case) -> dict | None:
    claim = Claim.objects.filter(case=case).select_related("recognition", "municipality").first()
    if claim is None:
        return None
    today = timezone.localdate()
    if claim.decided_on is not None:
        lines = [
            {"label": line["label"], "amount_cents": line["amount_cents"], "verified": line.get("verified", True),
             "source": line.get("source", "")}
            for line in claim.lines
        ]  # fmt: skip
        compensation = claim.compensation_cents or 0
        eligible = claim.eligible
    else:
        outcome = claims.computation(claim)
        lines = [
            {"label": line.label, "amount_cents": line.amount_cents, "verified": line.verified, "source": line.source}
            for line in outcome.lines
        ]
        compensation, eligible = outcome.compensation_cents, outcome.eligible
    handler = may(request.user, "disaster_fund.handle")
    comment_days_left = (claim.comment_deadline - today).days if claim.comment_deadline else None
    return {
        "claim": claim,
        "deadlines": claims.deadlines(claim),
        "lines": lines,
        "compensation": compensation,
        "eligible": eligible,
        "provisional": claim.decided_on is None,
        "caps_pending": rules.CAPS_PENDING_SOURCE if not rules.CAPS else "",
        "comment_days_left": comment_days_left,
        "awaiting_comment": case.state == "report_sent",
        "handler": handler,
        "anomaly_form": AnomalyForm() if handler else None,
        "anomalies": claim.anomalies.order_by("-recorded_at") if handler else (),
    }
