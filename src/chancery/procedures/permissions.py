"""What the procedure engine lets whom do (core.authz). Cases are handled inside the administration;
the counter (loket) is for outsiders with an account. Which steps of a procedure a handler may take
is the procedure's own declaration (`Transition.roles`, role groups from core.permissions): the
engine asks `may_take_step`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import APPLICANTS, has_role, in_administration, is_outsider


def may_take_step(user, transition) -> bool:
    """A step is taken by a role the procedure names for it; an applicant acts through the counter
    (submit, answer, withdraw are the applicant's own services), never as a handler."""
    return has_role(user, transition.roles) and not has_role(user, APPLICANTS)


declare("procedures.handle_cases", in_administration, _("Only the administration handles cases."))
declare("procedures.apply", is_outsider, _("The counter is for applicants."))
