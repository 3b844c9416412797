"""What the crisis register lets whom do (core.authz). The register is confidential by default:
the crisis coordinators (the secretariat's crisis cell, with the administrators) open crises, name
the people entitled to each and keep the business-continuity plans; the people named on a crisis
work in it (logbook, tasks, contacts, situation reports, lessons, findings). Anyone in the
administration may open the register's page, which lists only the crises they are entitled to."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import SECRETARIAT, has_role, in_administration, only


def coordinates(user, obj=None) -> bool:
    return has_role(user, SECRETARIAT)


def works_in(user, crisis=None) -> bool:
    """A coordinator, or someone named on `crisis`."""
    if coordinates(user):
        return True
    if crisis is None or not in_administration(user):
        return False
    return crisis.memberships.filter(user=user).exists()


declare("crisis.view_register", in_administration, _("The crisis register is for the administration."))
declare("crisis.coordinate", only(SECRETARIAT), _("Only the crisis coordinators open crises and name their cell."))
declare("crisis.work", works_in, _("Only the people named on this crisis work in it."))
declare(
    "crisis.view_continuity",
    in_administration,
    _("Business-continuity plans are for the administration."),
)
