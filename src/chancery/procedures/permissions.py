"""What the procedure engine lets whom do (core.authz). Cases are handled inside the administration;
the counter (loket) is for applicants (not the board's experts, outsiders too). Which steps of a
procedure a handler may take is the procedure's own declaration (`Transition.roles`, role groups
from core.permissions): the engine asks `may_take_step`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.models import Role
from chancery.core.permissions import (
    APPLICANTS,
    has_role,
    in_administration,
    in_secretariat,
    is_civil_servant,
    only,
)
from chancery.procedures import registry
from chancery.procedures.engine import APPLICANT


def may_take_step(user, transition) -> bool:
    """A step is taken by a role the procedure names for it; an applicant acts through the counter
    (submit, answer, withdraw are the applicant's own services), never as a handler."""
    return has_role(user, transition.roles) and not has_role(user, APPLICANTS)


def who_takes(transition) -> str:
    """The roles that take a step, in words (a case page tells a handler who acts next)."""
    if APPLICANT in transition.roles:
        return str(_("the applicant (on the counter)"))
    return ", ".join(sorted(str(Role(role).label) for role in transition.roles if role in Role.values))


def _manage_representations(user, obj=None) -> bool:
    """The civil servants of a service that handles a procedure (a procedure's team) register who
    may act for an organisation at its counter; the secretariat and administrators too."""
    if in_secretariat(user):
        return True
    if not is_civil_servant(user) or not user.entity_id:
        return False
    return user.entity.code in {procedure.team for procedure in registry.all_procedures() if procedure.team}


declare("procedures.handle_cases", in_administration, _("Only the administration handles cases."))
# Applicants only: the board's experts are outsiders too, but file nothing (their menu showed the
# counter and "my licences").
declare("procedures.apply", only(APPLICANTS), _("The counter is for applicants."))
declare(
    "procedures.manage_representations",
    _manage_representations,
    _("Only the service that handles the procedures registers who may act for an organisation."),
)
