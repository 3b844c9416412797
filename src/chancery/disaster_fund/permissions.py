"""What the disaster fund lets whom do (core.authz). The fund's team (and the secretariat and
administrators, who see all) handles events, recognitions, claims and anomalies; the applicant
who filed a claim acts on it through the procedure's steps (procedures.permissions); a damage
report is made at the counter by a logged-in citizen or company."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import APPLICANTS, has_role, in_administration, in_secretariat

# The entity (team) of the Vlaams Rampenfonds; the demo creates it, a test makes its own.
TEAM = "vrf"


def handles_the_fund(user, obj=None) -> bool:
    if not in_administration(user):
        return False
    return in_secretariat(user) or bool(user.entity_id and user.entity.code == TEAM)


def _report_damage(user, obj=None) -> bool:
    return has_role(user, APPLICANTS)


declare("disaster_fund.handle", handles_the_fund, _("This page is for the disaster fund."))
declare("disaster_fund.report_damage", _report_damage, _("Log in at the counter to report damage."))
