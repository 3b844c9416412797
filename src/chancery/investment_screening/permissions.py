"""What the screening of foreign direct investments lets whom do (core.authz): the service that
screens (the team of the procedure, and the secretariat and administrators, who see all) assesses
files, opens ex officio reviews and reads the statistics; an assessment only on a file one may see."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import in_administration, in_secretariat
from chancery.investment_screening.procedure import TEAM


def _handle(user, obj=None) -> bool:
    if not in_administration(user):
        return False
    return in_secretariat(user) or bool(user.entity_id and user.entity.code == TEAM)


def _assess(user, case=None) -> bool:
    return _handle(user) and (case is None or case.is_visible_to(user))


declare("investment_screening.handle", _handle, _("This page is for the service that screens foreign investments."))
declare(
    "investment_screening.assess",
    _assess,
    _("Only the service that screens foreign investments assesses a file it may see."),
)
