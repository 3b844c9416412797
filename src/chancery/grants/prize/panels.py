"""The prize's part of a nomination's case page (procedures.panels): the nomination (nominee,
motivation, the nominator, consent to be named), the jury's reviews and the consolidated scores.
The file is confidential: the page is the service's and the secretariat's."""

from __future__ import annotations

from chancery.core.authz import may
from chancery.grants.prize_models import Nomination
from chancery.grants.services import prize


def nomination_context(request, case) -> dict | None:
    nomination = Nomination.objects.filter(case=case).select_related("edition").first()
    if nomination is None:
        return None
    return {
        "nomination": nomination,
        "handler": may(request.user, "grants.handle"),
        "reviews": nomination.reviews.select_related("member").order_by("member__public_name", "pk"),
        "consolidation": prize.consolidate(nomination),
    }
