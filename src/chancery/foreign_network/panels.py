"""What the foreign network shows on the home page: the posts below the minimum staffing
(memorandum §5.1), for those who follow the network (registered in ForeignNetworkConfig.ready())."""

from __future__ import annotations

from chancery.core.authz import may
from chancery.foreign_network.services import below_minimum


def home_panel(request) -> dict:
    if not may(request.user, "foreign_network.view_network"):
        return {}
    return {"below_minimum": below_minimum()}
