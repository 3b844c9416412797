"""What monitoring lets whom do (core.authz). The board's dashboard is read by the administration
and its external experts; the secretariat sets up the tree; the staff (secretariat, administrators,
civil servants) keep the registers, make the reports and produce the figures; an initiative is
edited by its owner and the civil servants of its lead or participating entities."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.models import User
from chancery.core.permissions import (
    EXPERTS,
    STAFF,
    has_role,
    in_administration,
    in_secretariat,
    is_civil_servant,
    only,
)


def _view_dashboard(user, obj=None) -> bool:
    return in_administration(user) or has_role(user, EXPERTS)


def _edit_initiative(user, initiative) -> bool:
    if initiative is None or not has_role(user, STAFF):
        return False
    if in_secretariat(user) or initiative.owner_id == user.pk:
        return True
    if not is_civil_servant(user):
        return False
    entities = {initiative.lead_entity_id, *initiative.participants.values_list("pk", flat=True)}
    return user.entity_id in entities


def board_experts():
    """The board's external experts: outside the administration, they read the dashboard and its
    reports; a report's document names them, so that the confidentiality rule says so too."""
    return User.objects.filter(is_active=True, role__in=EXPERTS)


declare(
    "monitoring.view_dashboard",
    _view_dashboard,
    _("The monitoring dashboard is for the administration and its experts."),
)
declare("monitoring.plan", in_secretariat, _("Only the secretariat sets up ambitions, programmes and projects."))
declare("monitoring.edit_initiative", _edit_initiative, _("You may not change this initiative."))
declare("monitoring.keep_vision_notes", only(STAFF), _("Only the administration keeps the register of vision notes."))
declare("monitoring.make_reports", only(STAFF), _("Only the administration makes progress reports."))
# The producers of the statistics: they record and check a figure before its announced release
# moment; everyone else, inside the administration too, gets it at that moment (memorandum §1.2.1).
declare("monitoring.read_unreleased_figures", only(STAFF))
