"""What the portal shows on pages that are not its own: the latest decisions on the home page
(registered with `core.navigation` in PortalConfig.ready())."""

from __future__ import annotations

from chancery.portal.queries import meetings_with_decisions


def home_panel(request) -> dict:
    return {"meetings": meetings_with_decisions(request.user)[:4]}
