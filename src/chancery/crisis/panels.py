"""What the crisis register shows on the home page: the active crises one is entitled to, and the
business-continuity plans one reads whose review is overdue or due (registered in CrisisConfig.ready())."""

from __future__ import annotations

from chancery.core.authz import may
from chancery.crisis.services import active_crises, plans_to_review


def home_panel(request) -> dict:
    if not may(request.user, "crisis.view_register"):
        return {}
    return {"active": active_crises(request.user), "plans": plans_to_review(request.user)}
