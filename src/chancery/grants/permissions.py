"""What the grant programmes let whom do (core.authz). The grants service (its team, and the
secretariat and administrators, who see all) manages programmes, calls, envelopes and the
applications' files; a reviewer scores only the applications assigned to them; applicants file at
the counter (procedures.apply)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import in_administration, in_secretariat

# The entity (team) of the department's grants service; the demo creates it, a test makes its own.
TEAM = "dkbuza-subsidies"


def handles_grants(user, obj=None) -> bool:
    if not in_administration(user):
        return False
    return in_secretariat(user) or bool(user.entity_id and user.entity.code == TEAM)


declare("grants.handle", handles_grants, _("This page is for the grants service."))
