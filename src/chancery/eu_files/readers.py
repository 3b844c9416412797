"""Who reads the EU files (the access registry, core.visibility).

An EU act (its CELEX or COM number, title, deadline, obligations and pages) is public reference
data. The Flemish follow-up — positions and the interests they defend, coordination meetings with
their attendees and outcomes, Council meetings — is the administration's (`eu_files.read`)."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.eu_files.models import Attendee, CoordinationMeeting, CoordinationOutcome, CouncilMeeting, EuAct, Position


def administration(user) -> visibility.Rule:
    return visibility.only_if(may(user, "eu_files.read"))


def register() -> None:
    visibility.register(EuAct, visibility.everyone)
    visibility.register(Position, administration)
    visibility.register(CoordinationMeeting, administration)
    visibility.register(Attendee, visibility.follows("meeting"))
    visibility.register(CoordinationOutcome, visibility.follows("meeting"))
    visibility.register(CouncilMeeting, administration)
