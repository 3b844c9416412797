"""What licensing lets whom do (core.authz): the service that handles strategic goods (its team,
and the secretariat and administrators, who see all) issues, renews and records; the holder who
applied reports the use of their licence."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import in_administration, in_secretariat
from chancery.strategic_goods.procedure import TEAM


def _handle(user, obj=None) -> bool:
    if not in_administration(user):
        return False
    return in_secretariat(user) or bool(user.entity_id and user.entity.code == TEAM)


def _report_use(user, licence) -> bool:
    return licence is not None and licence.case.applicant_user_id == user.pk


declare("licensing.handle", _handle, _("This page is for the service that handles strategic goods."))
declare("licensing.report_use", _report_use, _("Only the licence holder reports its use."))
