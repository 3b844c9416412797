"""What the foreign network's module lets whom do (core.authz). The administration reads the
network's staffing and costs and the location assessments; the staff (secretariat,
administrators, civil servants: the department runs the network) keep the network's register and
make assessments: criteria, weights, scores and the report."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import STAFF, in_administration, only

declare(
    "foreign_network.view_network",
    in_administration,
    _("The staffing and costs of the network are for the administration."),
)
declare("foreign_network.keep_network", only(STAFF), _("Only the administration keeps the register of the network."))
declare(
    "foreign_network.view_assessments",
    in_administration,
    _("Location assessments are for the administration."),
)
declare("foreign_network.assess_locations", only(STAFF), _("Only the administration assesses locations."))
